import type { DataSource, EntityManager } from 'typeorm';
import type { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
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

/**
 * A bidder's write on a tender (a bid, an enquiry, a complaint): the user must administer the
 * organization; the work runs in a transaction holding a share lock on the tender, so such writes
 * may arrive together, but not while the deadline job or an amendment changes the tender.
 */
export function asBidder<T>(
  dataSource: DataSource,
  access: AccessService,
  user: AuthUser,
  tenderId: string,
  organizationId: string,
  work: (m: EntityManager, t: Tender) => Promise<T>,
): Promise<T> {
  access.requireOrganization(user, ['org_admin'], organizationId);
  return dataSource.transaction(async (m) => work(m, await lockTender(m, tenderId, { share: true })));
}
