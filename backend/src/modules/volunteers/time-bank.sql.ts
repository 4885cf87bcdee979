import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { HelpRequestDto, HelpStatus, TimePostingDto } from './dto/time-bank.dto.js';

export type SystemAccount = 'issued' | 'held';

/** The member's account, opened on first use (the unique user_id decides between concurrent openings). */
export async function memberAccount(db: Queryable, userId: string): Promise<string> {
  await selectRows(
    db,
    `INSERT INTO time_accounts (kind, user_id) VALUES ('member', $1) ON CONFLICT DO NOTHING`,
    [userId],
  );
  const [{ id }] = await selectRows<{ id: string }>(db, `SELECT id FROM time_accounts WHERE user_id = $1`, [
    userId,
  ]);
  return id;
}

export const systemAccount = async (db: Queryable, kind: SystemAccount): Promise<string> =>
  (await selectRows<{ id: string }>(db, `SELECT id FROM time_accounts WHERE kind = $1`, [kind]))[0].id;

/**
 * Locks the account row and returns its balance, derived from its postings. Every spend takes
 * this lock first, so two spends of one account run one after the other and the second sees what
 * the first left. NO KEY UPDATE: postings to the account from elsewhere (their foreign key takes
 * KEY SHARE) do not wait for it.
 */
export const lockedBalance = async (db: Queryable, accountId: string): Promise<number> => {
  await selectRows(db, `SELECT id FROM time_accounts WHERE id = $1 FOR NO KEY UPDATE`, [accountId]);
  return balance(db, accountId);
};

export const balance = async (db: Queryable, accountId: string): Promise<number> =>
  (
    await selectRows<{ minutes: number }>(
      db,
      `SELECT COALESCE(sum(minutes), 0)::int AS minutes FROM time_postings WHERE account_id = $1`,
      [accountId],
    )
  )[0].minutes;

export interface Journal {
  kind: 'earn' | 'hold' | 'settle' | 'release';
  hoursId?: string;
  helpRequestId?: string;
  createdBy: string;
  /** Minutes move from `from` to `to`: one posting each, summing to zero. */
  from: string;
  to: string;
  minutes: number;
}

/**
 * One journal entry and its two postings. Undefined when the entry exists already (once per
 * hours entry, once per help request and kind): the unique constraints decide.
 */
export async function post(db: Queryable, j: Journal): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO time_journal (kind, hours_id, help_request_id, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING id`,
    [j.kind, j.hoursId ?? null, j.helpRequestId ?? null, j.createdBy],
  );
  if (!row) return undefined;
  await selectRows(
    db,
    `INSERT INTO time_postings (journal_id, account_id, minutes) VALUES ($1, $2, -$4::int), ($1, $3, $4::int)`,
    [row.id, j.from, j.to, j.minutes],
  );
  return row.id;
}

/**
 * The account's statement, newest first: each posting with what it was for and the balance right
 * after it (summed over every posting up to it, in the same (time, id) order the pages follow).
 */
export const postingsOf = (db: Queryable, accountId: string, page: TimeKeyset) =>
  selectRows<TimePostingDto & { k: string }>(
    db,
    `SELECT * FROM (
       SELECT j.id, j.kind, p.minutes, j.hours_id AS "hoursId", j.help_request_id AS "helpRequestId",
              COALESCE(a.title, r.title) AS about,
              (sum(p.minutes) OVER (ORDER BY j.created_at, j.id))::int AS "balanceMinutes",
              j.created_at AS "createdAt", ${cursorTime('j.created_at')} AS k
         FROM time_postings p JOIN time_journal j ON j.id = p.journal_id
         LEFT JOIN volunteer_hours h ON h.id = j.hours_id
         LEFT JOIN volunteer_activities a ON a.id = h.activity_id
         LEFT JOIN help_requests r ON r.id = j.help_request_id
        WHERE p.account_id = $1) s
      WHERE ${newestFirst('s."createdAt"', 's.id', 2)}`,
    [accountId, ...(page.after ?? [null, null]), page.limit],
  );

/** Minutes held for the member's open help requests. */
export const heldFor = async (db: Queryable, userId: string): Promise<number> =>
  (
    await selectRows<{ minutes: number }>(
      db,
      `SELECT COALESCE(sum(minutes), 0)::int AS minutes FROM help_requests WHERE requester_id = $1 AND status IN ('open', 'accepted', 'fulfilled')`,
      [userId],
    )
  )[0].minutes;

export const hoursToDeposit = (db: Queryable, hoursId: string) =>
  selectOne<{ volunteer_id: string; minutes: number; certified: boolean }>(
    db,
    `SELECT h.volunteer_id, h.minutes, (h.status = 'published' AND h.recorded_at <= now() - interval '7 days') AS certified
       FROM volunteer_hours h WHERE h.id = $1 FOR SHARE`,
    [hoursId],
  );

const HELP_COLUMNS = `r.id, r.community_id AS "communityId", r.requester_id AS "requesterId", ru.display_name AS "requesterName",
    r.helper_id AS "helperId", hu.display_name AS "helperName", r.title, r.description, r.minutes, r.status, r.created_at AS "createdAt"`;
const HELP_FROM = `FROM help_requests r JOIN users ru ON ru.id = r.requester_id LEFT JOIN users hu ON hu.id = r.helper_id`;

export async function insertHelpRequest(
  db: Queryable,
  r: { communityId: string; requesterId: string; title: string; description: string; minutes: number },
): Promise<string> {
  const [{ id }] = await selectRows<{ id: string }>(
    db,
    `INSERT INTO help_requests (community_id, requester_id, title, description, minutes) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [r.communityId, r.requesterId, r.title, r.description, r.minutes],
  );
  return id;
}

export const helpRequestById = (db: Queryable, id: string) =>
  selectOne<HelpRequestDto>(db, `SELECT ${HELP_COLUMNS} ${HELP_FROM} WHERE r.id = $1`, [id]);

export const lockHelpRequest = (db: Queryable, id: string) =>
  selectOne<{
    community_id: string;
    requester_id: string;
    helper_id: string | null;
    minutes: number;
    status: HelpStatus;
  }>(
    db,
    `SELECT community_id, requester_id, helper_id, minutes, status FROM help_requests WHERE id = $1 FOR UPDATE`,
    [id],
  );

export const setHelpStatus = (db: Queryable, id: string, status: HelpStatus, helperId?: string) =>
  changedRows(
    db,
    `UPDATE help_requests SET status = $2, helper_id = COALESCE($3, helper_id), updated_at = now() WHERE id = $1`,
    [id, status, helperId ?? null],
  );

/** The community's help requests, newest first. */
export const helpRequestsOfCommunity = (db: Queryable, communityId: string, page: TimeKeyset) =>
  selectRows<HelpRequestDto & { k: string }>(
    db,
    `SELECT ${HELP_COLUMNS}, ${cursorTime('r.created_at')} AS k ${HELP_FROM}
      WHERE r.community_id = $1 AND ${newestFirst('r.created_at', 'r.id', 2)}`,
    [communityId, ...(page.after ?? [null, null]), page.limit],
  );
