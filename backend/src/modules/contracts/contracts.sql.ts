import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { ContractDto, MilestoneViewDto } from './dto/contract.dto.js';

export const pendingComplaints = async (db: Queryable, tenderId: string) =>
  (await selectOne<{ pending: number }>(
    db,
    `SELECT count(*)::int AS pending FROM tender_complaints WHERE tender_id = $1 AND status = 'pending'`,
    [tenderId],
  ))!.pending;

/** What the awarded bid brings into the contract. */
export const awardedTerms = async (db: Queryable, bidId: string) =>
  (await selectOne<{ organization_id: string; price_fen: number; offered_kpis: object }>(
    db,
    `SELECT organization_id, price_fen, offered_kpis FROM bids WHERE id = $1`,
    [bidId],
  ))!;

export interface NewContract {
  tenderId: string;
  bidId: string;
  organizationId: string;
  streetId: string;
  title: string;
  amountFen: number;
  currency: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  kpis: object;
  createdBy: string;
}

export const insertContract = async (db: Queryable, c: NewContract): Promise<string> =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO contracts (tender_id, bid_id, organization_id, street_id, title, amount_fen, currency, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      c.tenderId,
      c.bidId,
      c.organizationId,
      c.streetId,
      c.title,
      c.amountFen,
      c.currency,
      c.startsOn,
      c.endsOn,
      c.kpis,
      c.createdBy,
    ],
  ))!.id;

/** The contract's milestones, due `dueInDays` after its start (YYYY-MM-DD), numbered from 1. */
export const insertMilestones = (
  db: Queryable,
  contractId: string,
  startsOn: string,
  milestones: {
    name: string;
    shareBp: number;
    amountFen: number;
    dueInDays: number;
    minDeliverables?: number;
  }[],
) =>
  db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on, min_deliverables)
     SELECT $1, m.seq, m.name, m.share_bp, m.amount_fen, $2::date + m.due_in_days, m.min_deliverables
       FROM unnest($3::text[], $4::int[], $5::bigint[], $6::int[], $7::int[]) WITH ORDINALITY
            AS m(name, share_bp, amount_fen, due_in_days, min_deliverables, seq)`,
    [
      contractId,
      startsOn,
      milestones.map((x) => x.name),
      milestones.map((x) => x.shareBp),
      milestones.map((x) => x.amountFen),
      milestones.map((x) => x.dueInDays),
      milestones.map((x) => x.minDeliverables ?? 0),
    ],
  );

export const contractRow = (db: Queryable, id: string) =>
  selectOne<Omit<ContractDto, 'milestones'>>(
    db,
    `SELECT c.id, c.tender_id AS "tenderId", c.organization_id AS "organizationId", o.name AS "organizationName", c.title,
            c.amount_fen AS "amountFen", c.currency, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn",
            to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn"
       FROM contracts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
    [id],
  );

export const milestonesOf = (db: Queryable, contractId: string) =>
  selectRows<MilestoneViewDto>(
    db,
    `SELECT id, seq, name, share_bp AS "shareBp", amount_fen AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
            min_deliverables AS "minDeliverables"
       FROM milestones WHERE contract_id = $1 ORDER BY seq`,
    [contractId],
  );

export const contractIdOfTender = async (db: Queryable, tenderId: string) =>
  (await selectOne<{ id: string }>(db, `SELECT id FROM contracts WHERE tender_id = $1`, [tenderId]))?.id;
