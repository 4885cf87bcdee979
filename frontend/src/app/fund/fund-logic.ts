import type { DisbursementStatus, DonationRequestDto } from '../api/models';
import { apiError } from '../shared/api-error';
import { yuanToFen } from '../shared/money';

/** The smallest and largest gift, in fen (as the API checks). */
export const DONATION_MIN_FEN = 100;
export const DONATION_MAX_FEN = 100_000_000;

export interface DonationForm {
  amount: string;
  donorName: string;
  donorEmail: string;
  message: string;
}

/** The donation request: the amount in exact fen, and only the optional fields the donor filled in. */
export function donationBody(form: DonationForm): DonationRequestDto {
  const body: DonationRequestDto = { amountFen: yuanToFen(form.amount) ?? 0 };
  const name = form.donorName.trim();
  const email = form.donorEmail.trim();
  const message = form.message.trim();
  if (name) body.donorName = name;
  if (email) body.donorEmail = email;
  if (message) body.message = message;
  return body;
}

/** Whether a typed amount is a gift the API accepts (1 to 1,000,000 yuan, at most 2 decimals). */
export function donationAmountOk(text: string): boolean {
  const fen = yuanToFen(text);
  return fen !== null && fen >= DONATION_MIN_FEN && fen <= DONATION_MAX_FEN;
}

/**
 * Asks for the receipt until the paid webhook has credited the fund: a 404 means "not yet". Gives up
 * (null) after `attempts` tries; any other failure is thrown.
 */
export async function pollReceipt<T>(
  fetchReceipt: () => Promise<T>,
  options: { attempts: number; delayMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<T | null> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = 0; i < options.attempts; i++) {
    try {
      return await fetchReceipt();
    } catch (err) {
      if (apiError(err)?.code !== 'resource.not_found') throw err;
    }
    if (i < options.attempts - 1) await sleep(options.delayMs);
  }
  return null;
}

/** The tag colour of a grant's status. */
export const GRANT_COLORS: Record<DisbursementStatus, string> = {
  requested: 'default',
  accepted: 'processing',
  finance_approved: 'processing',
  approved: 'blue',
  paid: 'success',
  failed: 'error',
  rejected: 'warning',
};
