import { type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { NotificationParams, NotificationType } from './notification-types.js';

/**
 * Writes one notice per recipient (unknown ids and recipients who turned both channels off for
 * the type get none; a notice with the same key is not written twice) with its e-mail pending
 * when the recipient wants e-mail.
 */
export const insertNotices = (
  db: Queryable,
  recipients: string[],
  type: NotificationType,
  notice: { key: string; params: NotificationParams; link: string | null },
  defaults: { inApp: boolean; email: boolean },
) =>
  selectRows<{ id: string; email_status: string }>(
    db,
    `INSERT INTO notifications (recipient_id, type, params, link, dedup_key, in_app, email_status)
     SELECT u.id, $2, $3, $4, $5, coalesce(p.in_app, d.in_app), CASE WHEN coalesce(p.email, d.email) THEN 'pending' ELSE 'none' END
       FROM users u
       CROSS JOIN (SELECT $6::boolean AS in_app, $7::boolean AS email) d
       LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.type = $2
      WHERE u.id = ANY($1::uuid[]) AND (coalesce(p.in_app, d.in_app) OR coalesce(p.email, d.email))
     ON CONFLICT (recipient_id, dedup_key) DO NOTHING
     RETURNING id, email_status`,
    [recipients, type, notice.params, notice.link, notice.key, defaults.inApp, defaults.email],
  );

const userIds = async (db: Queryable, sql: string, params: unknown[]) =>
  (await selectRows<{ user_id: string }>(db, sql, params)).map((r) => r.user_id);

export const tenderForNotice = (db: Queryable, tenderId: string) =>
  selectOne<{ title: string; status: string; deadline: Date }>(
    db,
    `SELECT title, status, bid_deadline AS deadline FROM tenders WHERE id = $1`,
    [tenderId],
  );

/**
 * The admins of every verified organization that serves the tender's category (a parent category
 * covers its children and the other way round); only the invited one for an invitation tender.
 */
export const tenderAudience = (db: Queryable, tenderId: string) =>
  userIds(
    db,
    `SELECT DISTINCT rm.user_id FROM tenders t
       JOIN organizations o ON o.status = 'verified' AND (t.invited_organization_id IS NULL OR o.id = t.invited_organization_id)
       JOIN role_memberships rm ON rm.organization_id = o.id AND rm.role = 'org_admin'
      WHERE t.id = $1 AND EXISTS (
        SELECT 1 FROM organization_categories oc WHERE oc.organization_id = o.id
           AND (oc.category_code = t.category_code OR starts_with(t.category_code, oc.category_code || '.')
                OR starts_with(oc.category_code, t.category_code || '.')))`,
    [tenderId],
  );

/** The admins of the organizations with a submitted bid on the tender or an enquiry about it. */
export const biddersOf = (db: Queryable, tenderId: string) =>
  userIds(
    db,
    `SELECT DISTINCT rm.user_id FROM role_memberships rm
      WHERE rm.role = 'org_admin' AND rm.organization_id IN (
            SELECT organization_id FROM bids WHERE tender_id = $1 AND status = 'submitted'
            UNION SELECT asked_by_organization_id FROM tender_enquiries WHERE tender_id = $1)`,
    [tenderId],
  );

/** The admins of every organization that bid (withdrawn bids aside), whether theirs won, and the winner's name. */
export const awardAudience = (db: Queryable, tenderId: string) =>
  selectRows<{ user_id: string; awarded: boolean; title: string; winner: string }>(
    db,
    `SELECT DISTINCT rm.user_id, b.status = 'awarded' AS awarded, t.title, wo.name AS winner
       FROM tenders t JOIN bids b ON b.tender_id = t.id AND b.status <> 'withdrawn'
       JOIN role_memberships rm ON rm.organization_id = b.organization_id AND rm.role = 'org_admin'
       LEFT JOIN bids wb ON wb.id = t.awarded_bid_id LEFT JOIN organizations wo ON wo.id = wb.organization_id
      WHERE t.id = $1`,
    [tenderId],
  );

export const organizationAdmins = (db: Queryable, organizationId: string) =>
  userIds(db, `SELECT user_id FROM role_memberships WHERE role = 'org_admin' AND organization_id = $1`, [
    organizationId,
  ]);

/** What a disbursement's notices say, and who signed it so far. The amount is bigint fen. */
export interface DisbursementNotice {
  id: string;
  kind: 'milestone' | 'fund_grant' | 'incentive_bonus';
  status: string;
  method: string;
  attempt: number;
  amount: number;
  street_id: string;
  organization_id: string;
  contract_id: string | null;
  failure_reason: string | null;
  milestone: string | null;
  contract: string | null;
  organization: string;
  project_id: string | null;
  signers: string[];
  community_id: string | null;
}

export const disbursementForNotice = (db: Queryable, disbursementId: string) =>
  selectOne<DisbursementNotice>(
    db,
    `SELECT d.id, d.kind, d.status, d.method, d.payout_attempt AS attempt, d.amount_fen AS amount, d.street_id, d.organization_id,
            d.contract_id, d.failure_reason, coalesce(ms.name, d.purpose) AS milestone, coalesce(c.title, gp.title) AS contract,
            o.name AS organization, p.id AS project_id,
            array_remove(ARRAY[d.requested_by, d.accepted_by, d.finance_approved_by, d.director_approved_by], NULL) AS signers,
            (to_jsonb(d) ->> 'community_id')::uuid AS community_id
       FROM disbursements d JOIN organizations o ON o.id = d.organization_id
       LEFT JOIN milestones ms ON ms.id = d.milestone_id LEFT JOIN contracts c ON c.id = d.contract_id
       LEFT JOIN projects p ON p.contract_id = d.contract_id
       LEFT JOIN projects gp ON gp.id = d.project_id
      WHERE d.id = $1`,
    [disbursementId],
  );

/**
 * Who may sign the step a disbursement waits for, signers of earlier steps aside (`exclude`):
 * community staff cover a community the contract serves (or the disbursement's own community),
 * finance and the director cover the street.
 */
export function nextSigners(
  db: Queryable,
  role: 'community_staff' | 'street_finance' | 'street_director',
  d: Pick<DisbursementNotice, 'contract_id' | 'street_id' | 'community_id'>,
  exclude: string[],
): Promise<string[]> {
  const regions =
    role === 'community_staff'
      ? `SELECT tc.community_id FROM contracts c JOIN tender_communities tc ON tc.tender_id = c.tender_id WHERE c.id = $3
         UNION SELECT r.id FROM contracts c JOIN regions r ON r.parent_id = c.street_id WHERE c.id = $3 AND c.tender_id IS NULL
         UNION SELECT $4::uuid`
      : `SELECT $3::uuid UNION SELECT $4::uuid`;
  return userIds(
    db,
    `SELECT DISTINCT rm.user_id FROM role_memberships rm JOIN regions mr ON mr.id = rm.region_id
       JOIN regions target ON starts_with(target.path, mr.path)
      WHERE rm.role = $1 AND target.id IN (${regions}) AND rm.user_id <> ALL($2::uuid[])`,
    [
      role,
      exclude,
      role === 'community_staff' ? d.contract_id : d.street_id,
      role === 'community_staff' ? d.community_id : null,
    ],
  );
}

/** The project and organization of a rated record, and the rating's stars. */
export const ratingForNotice = (db: Queryable, ratingId: string) =>
  selectOne<{ project_id: string; organization_id: string; stars: number }>(
    db,
    `SELECT p.id AS project_id, p.organization_id, round((ra.attitude + ra.professionalism + ra.effect) / 3.0)::int AS stars
       FROM ratings ra JOIN service_records sr ON sr.id = ra.record_id JOIN projects p ON p.id = sr.project_id
      WHERE ra.id = $1`,
    [ratingId],
  );
