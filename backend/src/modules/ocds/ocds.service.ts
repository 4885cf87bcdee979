import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import { pageStart } from '../../common/database/keyset.js';
import { notFound } from '../../common/errors/domain-error.js';
import { encodeCursor } from '../../common/pagination/cursor.js';
import { Env } from '../../config/env.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { biddersOf } from '../bids/bids.sql.js';
import { OcdsBulkTrigger } from './ocds-bulk-trigger.js';
import { compileReleases, versionReleases } from './ocds-record.js';
import { ocidOf, type ProcessState, stageReleases, STAGES, TAGS, tenderIdOf } from './ocds-releases.js';
import * as sql from './ocds.sql.js';

export { OCID_PREFIX } from './ocds-releases.js';

type Release = Record<string, unknown>;

/**
 * Open Contracting Data Standard 1.1 (PRODUCT §8). Releases are published, never changed: when
 * the state of a contracting process (tender, award, contract, payments and milestones) says
 * something its latest stored release of that stage does not, a new release is stored with its
 * own id, date and tag. Publication happens when the process is read here (build on read,
 * compared by content hash, under a per-process lock), so the modules that change the state
 * need not know about OCDS; the compiled record is every stored release merged.
 */
@Injectable()
export class OcdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
    private readonly bulk: OcdsBulkTrigger,
  ) {}

  /** The latest release of each stage of every public tender (or one), a page of tenders at a time. */
  async releasePackage(query: { tenderId?: string; cursor?: string; limit: number }, from: ReadFrom) {
    const after = pageStart<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await onReplica(
      this.dataSource,
      (m) => sql.publicTenders(m, query.tenderId ?? null, { after, limit: query.limit + 1 }),
      from,
    );
    const page = rows.slice(0, query.limit);
    const releases: Release[] = [];
    for (const t of page) releases.push(...(await this.current(t, from)));
    const last = page.at(-1);
    return {
      ...this.packageHead(`/api/ocds/releases${query.tenderId ? `?tenderId=${query.tenderId}` : ''}`),
      releases,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.k, last.id]) : null,
    };
  }

  /** Every release of one contracting process, in publication order. */
  async processReleases(ocid: string) {
    const releases = await this.published(ocid);
    return { ...this.packageHead(`/api/ocds/records/${ocid}/releases`), releases };
  }

  /** The record of one contracting process: its releases, compiled and versioned. */
  async record(ocid: string) {
    const releases = await this.published(ocid);
    return {
      ...this.packageHead(`/api/ocds/records/${ocid}`),
      records: [
        {
          ocid,
          releases,
          compiledRelease: compileReleases(ocid, releases as never[]),
          versionedRelease: versionReleases(releases as never[]),
        },
      ],
    };
  }

  /**
   * Each contracting process as one release package (all its releases, brought up to date on the
   * primary first), in publication order, a page of processes at a time: the bulk download's lines.
   * Publishing here does not ask for another rewrite of the bulk file: this is that rewrite.
   */
  async *processPackages(pageSize = 100): AsyncGenerator<{ releases: Release[] }> {
    let after: [string, string] | null = null;
    for (;;) {
      const page = await sql.publicTenders(this.dataSource, null, { after, limit: pageSize });
      for (const t of page) {
        if (!(await this.publish(t.id, { requestBulk: false }))) continue;
        const ocid = ocidOf(t.id);
        const releases = (await sql.releasesOf(this.dataSource, ocid)).map((r) => r.release);
        yield { ...this.packageHead(`/api/ocds/records/${ocid}/releases`), releases };
      }
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      after = [last.k, last.id];
    }
  }

  private packageHead(path: string) {
    return {
      uri: `${this.env.WEB_URL}${path}`,
      version: '1.1',
      publishedDate: new Date().toISOString(),
      publisher: {
        name: this.env.OCDS_PUBLISHER_NAME,
        ...(this.env.OCDS_PUBLISHER_URI ? { uri: this.env.OCDS_PUBLISHER_URI } : {}),
      },
      license: this.env.OCDS_LICENSE,
    };
  }

  /** Brings the process's releases up to date (on the primary) and reads them all. */
  private async published(ocid: string): Promise<Release[]> {
    const tenderId = tenderIdOf(ocid);
    if (!tenderId || !(await this.publish(tenderId))) throw notFound('Contracting process', ocid);
    return (await sql.releasesOf(this.dataSource, ocidOf(tenderId))).map((r) => r.release);
  }

  /**
   * The latest release of each stage, as read where the caller reads; when the state read there
   * says more than the stored releases, the process is published again from the primary.
   */
  private async current(t: sql.OcdsTenderRow, from: ReadFrom): Promise<Release[]> {
    const seen = await onReplica(
      this.dataSource,
      async (m) => {
        const built = stageReleases(await this.stateOf(m, t));
        const stored = await sql.latestReleases(m, ocidOf(t.id));
        const upToDate = built.every((b) =>
          stored.some((s) => s.stage === b.stage && s.content_hash === b.hash),
        );
        return upToDate ? inStageOrder(stored) : null;
      },
      from,
    );
    return seen ?? (await this.publish(t.id)) ?? [];
  }

  /**
   * Stores a new release for every stage whose content changed; the latest release of each stage, or
   * undefined for no such process. New releases ask for the bulk download to be rewritten (after the commit).
   */
  private async publish(tenderId: string, { requestBulk = true } = {}): Promise<Release[] | undefined> {
    let published = 0;
    const latest = await this.dataSource.transaction(async (m) => {
      const ocid = ocidOf(tenderId);
      await sql.lockProcess(m, ocid);
      const [t] = await sql.publicTenders(m, tenderId, { after: null, limit: 1 });
      if (!t) return undefined;
      const stored = await sql.latestReleases(m, ocid);
      const now = new Date().toISOString();
      for (const b of stageReleases(await this.stateOf(m, t))) {
        const prior = stored.find((s) => s.stage === b.stage);
        if (prior?.content_hash === b.hash) continue;
        const tag =
          b.stage === 'tender' && t.status === 'cancelled'
            ? 'tenderCancellation'
            : TAGS[b.stage][prior ? 1 : 0];
        const date = prior ? now : b.happenedAt;
        await sql.insertRelease(m, {
          ocid,
          stage: b.stage,
          hash: b.hash,
          date,
          release: { ...b.release, date, tag: [tag] },
        });
        published++;
      }
      return inStageOrder(await sql.latestReleases(m, ocid));
    });
    if (published && requestBulk) await this.bulk.requestRewrite();
    return latest;
  }

  private async stateOf(m: Queryable, t: sql.OcdsTenderRow): Promise<ProcessState> {
    // Sealed until the deadline: not even who bid is published.
    const bids = ['draft', 'published'].includes(t.status) ? [] : await biddersOf(m, t.id);
    const contract = await sql.contractOf(m, t.id);
    const codes = await sql.creditCodes(
      m,
      bids.map((b) => b.organization_id),
    );
    return {
      tender: t,
      bids,
      creditCodes: new Map(codes.map((c) => [c.id, c.credit_code])),
      contract,
      milestones: contract ? await sql.milestonesOf(m, contract.id) : [],
      payments: contract ? await sql.paymentsOf(m, contract.id) : [],
    };
  }
}

const inStageOrder = (stored: sql.StoredRelease[]) =>
  STAGES.flatMap((stage) => stored.filter((s) => s.stage === stage).map((s) => s.release));
