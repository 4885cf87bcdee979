import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import { Env } from '../../config/env.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { biddersOf, type Bidder } from '../bids/bids.sql.js';
import type { ProcurementMethod, TenderStatus } from '../tenders/tender.entity.js';
import * as sql from './ocds.sql.js';

/** Open Contracting Data Standard 1.1 release packages for tenders, awards and contracts (PRODUCT §8). */
export const OCID_PREFIX = 'ocds-sanshe';

const METHOD: Record<ProcurementMethod, string> = {
  public_tender: 'open',
  competitive_consultation: 'selective',
  single_source: 'limited',
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

/** OCDS amounts are in currency units; ours are fen. */
const value = (fen: number, currency: string) => ({ amount: fen / 100, currency });

@Injectable()
export class OcdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  /** Every public tender (or one), each as its tender, award and contract releases; anonymous callers read a replica. */
  releasePackage(tenderId?: string, from: ReadFrom = 'primary') {
    return onReplica(this.dataSource, (m) => this.build(m, tenderId), from);
  }

  private async build(m: Queryable, tenderId?: string) {
    const tenders = await sql.publicTenders(m, tenderId ?? null);
    const releases = [];
    for (const t of tenders) releases.push(...(await this.releasesOf(m, t)));
    return {
      uri: `${this.env.WEB_URL}/api/ocds/releases${tenderId ? `?tenderId=${tenderId}` : ''}`,
      version: '1.1',
      publishedDate: new Date().toISOString(),
      publisher: { name: 'Sanshe Linkage 三社联动' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      releases,
    };
  }

  private async releasesOf(m: Queryable, t: sql.OcdsTenderRow) {
    const bids: Bidder[] = ['draft', 'published'].includes(t.status)
      ? [] // sealed until the deadline: not even who bid is published
      : await biddersOf(m, t.id);
    const contract = await sql.contractOf(m, t.id);
    const buyer = { id: `street-${t.street_id}`, name: `${t.street_name}办事处` };
    const parties = [
      { ...buyer, roles: ['buyer', 'procuringEntity'] },
      ...bids.map((b) => ({
        id: `org-${b.organization_id}`,
        name: b.name,
        roles: b.id === t.awarded_bid_id ? ['tenderer', 'supplier'] : ['tenderer'],
      })),
    ];
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
      tenderPeriod: { startDate: t.published_at.toISOString(), endDate: t.bid_deadline.toISOString() },
      enquiryPeriod: { startDate: t.published_at.toISOString(), endDate: t.enquiry_deadline.toISOString() },
      ...(bids.length
        ? {
            numberOfTenderers: bids.length,
            tenderers: bids.map((b) => ({ id: `org-${b.organization_id}`, name: b.name })),
          }
        : {}),
    };
    const base = {
      ocid: `${OCID_PREFIX}-${t.id}`,
      initiationType: 'tender',
      language: 'zh',
      parties,
      buyer,
      tender,
    };
    const releases: object[] = [
      {
        ...base,
        id: `${t.id}-tender`,
        date: t.published_at.toISOString(),
        tag: [t.status === 'cancelled' ? 'tenderCancellation' : 'tender'],
      },
    ];
    const winner = bids.find((b) => b.id === t.awarded_bid_id);
    if (winner) {
      const award = {
        id: winner.id,
        title: t.title,
        status: contract ? 'active' : 'pending',
        date: (t.standstill_ends_at ?? t.updated_at).toISOString(),
        value: value(winner.price_fen, t.currency),
        suppliers: [{ id: `org-${winner.organization_id}`, name: winner.name }],
      };
      releases.push({ ...base, id: `${t.id}-award`, date: award.date, tag: ['award'], awards: [award] });
      if (contract) {
        releases.push({
          ...base,
          id: `${t.id}-contract`,
          date: contract.created_at.toISOString(),
          tag: ['contract'],
          awards: [award],
          contracts: [
            {
              id: contract.id,
              awardID: winner.id,
              title: t.title,
              status: 'active',
              value: value(contract.amount_fen, contract.currency),
              period: {
                startDate: new Date(contract.starts_on).toISOString(),
                endDate: new Date(contract.ends_on).toISOString(),
              },
              dateSigned: contract.created_at.toISOString(),
            },
          ],
        });
      }
    }
    return releases;
  }
}
