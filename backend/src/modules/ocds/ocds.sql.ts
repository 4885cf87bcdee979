import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { ProcurementMethod, TenderStatus } from '../tenders/tender.entity.js';

export interface OcdsTenderRow {
  id: string;
  title: string;
  description: string;
  status: TenderStatus;
  method: ProcurementMethod;
  currency: string;
  budget_fen: number;
  street_id: string;
  street_name: string;
  enquiry_deadline: Date;
  bid_deadline: Date;
  published_at: Date;
  updated_at: Date;
  standstill_ends_at: Date | null;
  awarded_bid_id: string | null;
  status_reason: string | null;
  category_code: string;
  category_name: string;
}

/** Every tender past its draft (or the one asked for), in publication order. */
export const publicTenders = (db: Queryable, tenderId: string | null) =>
  selectRows<OcdsTenderRow>(
    db,
    `SELECT t.id, t.title, t.description, t.status, t.method, t.currency, t.budget_ceiling_fen AS budget_fen,
            t.street_id, s.name AS street_name, t.enquiry_deadline, t.bid_deadline, t.published_at, t.updated_at,
            t.standstill_ends_at, t.awarded_bid_id, t.status_reason, t.category_code, c.name_zh AS category_name
       FROM tenders t JOIN regions s ON s.id = t.street_id JOIN service_categories c ON c.code = t.category_code
      WHERE t.status <> 'draft' AND ($1::uuid IS NULL OR t.id = $1) ORDER BY t.published_at LIMIT 500`,
    [tenderId],
  );

export const contractOf = (db: Queryable, tenderId: string) =>
  selectOne<{
    id: string;
    amount_fen: number;
    currency: string;
    starts_on: Date;
    ends_on: Date;
    created_at: Date;
  }>(
    db,
    `SELECT id, amount_fen, currency, starts_on, ends_on, created_at FROM contracts WHERE tender_id = $1`,
    [tenderId],
  );
