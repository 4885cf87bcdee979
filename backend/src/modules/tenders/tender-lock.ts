import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/domain-error.js';
import { Tender } from './tender.entity.js';

/**
 * Reads the tender under a row lock: `share` (FOR SHARE) lets readers such as bids and enquiries
 * arrive together while nothing changes the tender; otherwise FOR UPDATE. A draft exists only for
 * its street office, so `hideDraft` answers it with the same 404 as a tender that does not exist.
 */
export async function lockTender(
  m: EntityManager,
  id: string,
  { share = false, hideDraft = share }: { share?: boolean; hideDraft?: boolean } = {},
): Promise<Tender> {
  const t = await m.findOne(Tender, {
    where: { id },
    lock: { mode: share ? 'pessimistic_read' : 'pessimistic_write' },
  });
  if (!t || (hideDraft && t.status === 'draft')) throw notFound('Tender', id);
  return t;
}
