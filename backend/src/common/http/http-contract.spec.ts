import { DomainError } from '../errors/domain-error.js';
import { nextLink, pageOf } from '../pagination/page.js';
import { parseIfMatch, requireVersion } from './if-match.js';
import { fillLocation } from './response-headers.js';

describe('If-Match', () => {
  it('reads the version of an ETag, strong or weak; absent or * means any version', () => {
    expect(parseIfMatch('"7"')).toBe(7);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('refuses what this API never sent', () => {
    for (const bad of ['7', '"x"', '"1", "2"', '""'])
      expect(() => parseIfMatch(bad)).toThrow(expect.objectContaining({ code: 'validation.failed' }));
  });

  it('a stale version is a 412, the current one or none passes', () => {
    expect(() => requireVersion(3, 3)).not.toThrow();
    expect(() => requireVersion(undefined, 3)).not.toThrow();
    const stale = (() => {
      try {
        requireVersion(2, 3);
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(stale.code).toBe('precondition.failed');
    expect(stale.details).toEqual({ expectedVersion: 2, currentVersion: 3 });
  });
});

describe('pages', () => {
  it('limit + 1 rows: the extra one only says there is more', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = pageOf(rows, 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString())).toEqual(['b']);
    expect(pageOf(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });

  it('the next link keeps the path and filters and replaces the cursor', () => {
    expect(nextLink('/api/x?q=%E5%85%BB&cursor=old&limit=5', 'new')).toBe(
      '/api/x?q=%E5%85%BB&cursor=new&limit=5',
    );
    expect(nextLink('/api/x', 'c')).toBe('/api/x?cursor=c');
    expect(nextLink('/api/x?cursor=old', null)).toBeNull();
  });
});

describe('Location', () => {
  it('fills fields of the body into the template, escaped', () => {
    expect(fillLocation('/api/needs/{id}', { id: 'a b' })).toBe('/api/needs/a%20b');
    expect(fillLocation('/api/exports/{id}', { id: '42', other: 1 })).toBe('/api/exports/42');
  });
});
