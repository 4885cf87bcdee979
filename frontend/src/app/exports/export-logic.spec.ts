import type { MembershipDto } from '../api/models';
import { exportJob } from '../testing/exports';
import {
  expired,
  exportRequest,
  exportScopes,
  rangeProblem,
  replaceExport,
  unfinished,
} from './export-logic';

const membership = (m: Partial<MembershipDto>): MembershipDto => ({
  id: 'm',
  role: 'resident',
  regionId: null,
  organizationId: null,
  scopeName: null,
  ...m,
});

describe('export scopes', () => {
  it('offers each street of a street role and each organization of an org admin, once', () => {
    const scopes = exportScopes([
      membership({ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }),
      membership({ role: 'street_finance', regionId: 's1', scopeName: '阳光街道' }),
      membership({ role: 'org_admin', organizationId: 'o1', scopeName: '阳光社工' }),
      membership({ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }),
      membership({ role: 'social_worker', organizationId: 'o2', scopeName: '别的组织' }),
    ]);
    expect(scopes).toEqual([
      { key: 'street:s1', kind: 'street', id: 's1', name: '阳光街道' },
      { key: 'org:o1', kind: 'organization', id: 'o1', name: '阳光社工' },
    ]);
  });

  it('offers nothing to roles that may not export', () => {
    expect(exportScopes([membership({ role: 'resident', regionId: 'c1' })])).toEqual([]);
  });
});

describe('export request', () => {
  const scopes = exportScopes([
    membership({ role: 'street_director', regionId: 's1', scopeName: '阳光街道' }),
    membership({ role: 'org_admin', organizationId: 'o1', scopeName: '阳光社工' }),
  ]);

  it('sends a street scope as streetId, with the range and the language', () => {
    expect(
      exportRequest(
        {
          scope: 'street:s1',
          dataset: 'disbursements',
          format: 'xlsx',
          from: '2026-01-01',
          to: '2026-03-31',
        },
        scopes,
        'en-US',
      ),
    ).toEqual({
      dataset: 'disbursements',
      format: 'xlsx',
      lang: 'en-US',
      streetId: 's1',
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });

  it('sends an organization as organizationId and leaves an open range out', () => {
    expect(
      exportRequest({ scope: 'org:o1', dataset: 'scores', format: 'csv', from: '', to: '' }, scopes, 'zh-CN'),
    ).toEqual({ dataset: 'scores', format: 'csv', lang: 'zh-CN', organizationId: 'o1' });
  });

  it('refuses a scope that is not one of mine', () => {
    expect(
      exportRequest(
        { scope: 'street:s9', dataset: 'scores', format: 'csv', from: '', to: '' },
        scopes,
        'zh-CN',
      ),
    ).toBeNull();
  });

  it('accepts open ranges and refuses one ending before it starts', () => {
    expect(rangeProblem('', '')).toBeNull();
    expect(rangeProblem('2026-01-01', '')).toBeNull();
    expect(rangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(rangeProblem('2026-02-01', '2026-01-31')).toBe('order');
  });
});

describe('export list', () => {
  it('keeps polling only queued and running exports', () => {
    expect(unfinished(exportJob({ status: 'queued' }))).toBe(true);
    expect(unfinished(exportJob({ status: 'running' }))).toBe(true);
    expect(unfinished(exportJob({ status: 'done' }))).toBe(false);
    expect(unfinished(exportJob({ status: 'failed' }))).toBe(false);
  });

  it('replaces a polled export in place', () => {
    const list = [exportJob({ id: 'a', status: 'running', progress: 10 }), exportJob({ id: 'b' })];
    const next = replaceExport(list, exportJob({ id: 'a', status: 'running', progress: 60 }));
    expect(next.map((e) => [e.id, e.progress])).toEqual([
      ['a', 60],
      ['b', 100],
    ]);
  });

  it('calls a done export expired once its time has passed or its file is gone', () => {
    const job = exportJob({ expiresAt: '2026-05-19T02:00:03.000Z' });
    expect(expired(job, new Date('2026-05-13T00:00:00Z'))).toBe(false);
    expect(expired(job, new Date('2026-05-20T00:00:00Z'))).toBe(true);
    expect(expired({ ...job, downloadable: false }, new Date('2026-05-13T00:00:00Z'))).toBe(true);
    expect(expired(exportJob({ status: 'failed', expiresAt: null, downloadable: false }), new Date())).toBe(
      false,
    );
  });
});
