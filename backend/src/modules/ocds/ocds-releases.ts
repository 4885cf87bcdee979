import { createHash } from 'node:crypto';
import type { ProcurementMethod, TenderStatus } from '../tenders/tender.entity.js';
import type { Bidder } from '../bids/bids.sql.js';
import type * as sql from './ocds.sql.js';

/** How releases of a contracting process are built from its state (pure; OCDS 1.1, PRODUCT §8). */
export const OCID_PREFIX = 'ocds-sanshe';

export const ocidOf = (tenderId: string) => `${OCID_PREFIX}-${tenderId}`;

/** The tender id of one of our ocids, or null. */
export function tenderIdOf(ocid: string): string | null {
  const id = ocid.startsWith(`${OCID_PREFIX}-`) ? ocid.slice(OCID_PREFIX.length + 1) : '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : null;
}

/** Single source and direct commission are both awarded without competition: OCDS `direct`. */
const METHOD: Record<ProcurementMethod, string> = {
  public_tender: 'open',
  competitive_consultation: 'selective',
  single_source: 'direct',
  direct_commission: 'direct',
};

const TENDER_STATUS: Record<TenderStatus, string> = {
  draft: 'planning',
  published: 'active',
  evaluating: 'active',
  awarded: 'active',
  standstill: 'active',
  contracted: 'complete',
  cancelled: 'cancelled',
  unsuccessful: 'unsuccessful',
};

const METHOD_DETAILS: Record<ProcurementMethod, string> = {
  public_tender: '公开招标 (public tender)',
  competitive_consultation: '竞争性磋商 (competitive consultation)',
  single_source: '单一来源 (single source)',
  direct_commission: '项目委托 (direct commission)',
};

export type Stage = 'tender' | 'award' | 'contract' | 'implementation';
export const STAGES: readonly Stage[] = ['tender', 'award', 'contract', 'implementation'];

/** The tag of a stage's first release, and of each later one. */
export const TAGS: Record<Stage, [string, string]> = {
  tender: ['tender', 'tenderAmendment'],
  award: ['award', 'awardUpdate'],
  contract: ['contract', 'contractAmendment'],
  implementation: ['implementation', 'implementationUpdate'],
};

export interface ProcessState {
  tender: sql.OcdsTenderRow;
  /** Empty while bids are sealed. */
  bids: Bidder[];
  creditCodes: Map<string, string | null>;
  contract?: Awaited<ReturnType<typeof sql.contractOf>>;
  milestones: Awaited<ReturnType<typeof sql.milestonesOf>>;
  payments: Awaited<ReturnType<typeof sql.paymentsOf>>;
}

export interface StageRelease {
  stage: Stage;
  /** What this stage says, hashed: a new release is published only when it changes. */
  hash: string;
  /** The date of the stage's first release: when it happened. */
  happenedAt: string;
  /** The whole process as of this stage (no id, date or tag yet). */
  release: Record<string, unknown>;
}

/** OCDS amounts are in currency units; ours are fen. */
const value = (fen: number, currency: string) => ({ amount: fen / 100, currency });
const iso = (d: Date | string) => new Date(d).toISOString();
const sha256 = (o: unknown) => createHash('sha256').update(JSON.stringify(o)).digest('hex');

/** The releases of each stage the process has reached, in stage order. */
export function stageReleases(s: ProcessState): StageRelease[] {
  const t = s.tender;
  const buyer = { id: `street-${t.street_id}`, name: `${t.street_name}办事处` };
  const org = (id: string, name: string) => {
    const code = s.creditCodes.get(id);
    return {
      id: `org-${id}`,
      name,
      ...(code ? { identifier: { scheme: 'CN-USCC', id: code, legalName: name } } : {}),
    };
  };
  const winner = s.bids.find((b) => b.id === t.awarded_bid_id);
  const tenderers = s.bids.map((b) => ({ ...org(b.organization_id, b.name), roles: ['tenderer'] }));
  const tender = {
    id: t.id,
    title: t.title,
    description: t.description,
    status: TENDER_STATUS[t.status],
    procuringEntity: buyer,
    value: value(t.budget_fen, t.currency),
    procurementMethod: METHOD[t.method],
    procurementMethodDetails: METHOD_DETAILS[t.method],
    mainProcurementCategory: 'services',
    items: [
      {
        id: '1',
        description: t.category_name,
        classification: { scheme: 'Sanshe catalog', id: t.category_code, description: t.category_name },
      },
    ],
    tenderPeriod: { startDate: iso(t.published_at), endDate: iso(t.bid_deadline) },
    enquiryPeriod: { startDate: iso(t.published_at), endDate: iso(t.enquiry_deadline) },
    ...(s.bids.length
      ? { numberOfTenderers: s.bids.length, tenderers: s.bids.map((b) => org(b.organization_id, b.name)) }
      : {}),
  };
  const base = { ocid: ocidOf(t.id), initiationType: 'tender', language: 'zh', buyer };
  // The tender stage names no supplier, even once one is chosen.
  const tenderParties = [{ ...buyer, roles: ['buyer', 'procuringEntity'] }, ...tenderers];
  const out: StageRelease[] = [
    {
      stage: 'tender',
      hash: sha256({ tenderParties, tender }),
      happenedAt: iso(t.published_at),
      release: { ...base, parties: tenderParties, tender },
    },
  ];
  if (!winner) return out;

  const parties = tenderParties.map((p) =>
    p.id === `org-${winner.organization_id}` ? { ...p, roles: ['tenderer', 'supplier'] } : p,
  );
  const decidedAt = iso(t.decided_at ?? t.updated_at);
  const award = {
    id: winner.id,
    title: t.title,
    status: s.contract ? 'active' : 'pending',
    date: decidedAt,
    value: value(winner.price_fen, t.currency),
    suppliers: [org(winner.organization_id, winner.name)],
  };
  out.push({
    stage: 'award',
    hash: sha256({ parties, award }),
    happenedAt: decidedAt,
    release: { ...base, parties, tender, awards: [award] },
  });
  const c = s.contract;
  if (!c) return out;

  const milestones = s.milestones.map((m) => ({
    id: m.id,
    title: m.name,
    type: 'payment',
    dueDate: iso(m.due_on),
    status: 'scheduled',
    value: value(m.amount_fen, c.currency),
  }));
  const contract = {
    id: c.id,
    awardID: winner.id,
    title: t.title,
    status: 'active',
    value: value(c.amount_fen, c.currency),
    period: { startDate: iso(c.starts_on), endDate: iso(c.ends_on) },
    dateSigned: iso(c.created_at),
    milestones,
  };
  out.push({
    stage: 'contract',
    hash: sha256({ contract }),
    happenedAt: iso(c.created_at),
    release: { ...base, parties, tender, awards: [award], contracts: [contract] },
  });
  const met = s.milestones.filter((m) => m.met_at);
  if (!met.length && !s.payments.length) return out;

  const supplier = org(winner.organization_id, winner.name);
  const implementation = {
    transactions: s.payments.map((p) => ({
      id: p.id,
      date: iso(p.paid_at),
      value: value(p.amount_fen, p.currency),
      payer: buyer,
      payee: { id: supplier.id, name: supplier.name },
    })),
    milestones: s.milestones.map((m) => ({
      id: m.id,
      title: m.name,
      type: 'delivery',
      dueDate: iso(m.due_on),
      status: m.met_at ? 'met' : 'scheduled',
      ...(m.met_at ? { dateMet: iso(m.met_at) } : {}),
    })),
  };
  const dates = [...s.payments.map((p) => iso(p.paid_at)), ...met.map((m) => iso(m.met_at!))].sort();
  out.push({
    stage: 'implementation',
    hash: sha256({ implementation }),
    happenedAt: dates.at(-1)!,
    release: { ...base, parties, tender, awards: [award], contracts: [{ ...contract, implementation }] },
  });
  return out;
}
