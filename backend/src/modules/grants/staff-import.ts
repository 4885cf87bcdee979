import { isEmail } from 'class-validator';
import type { ImportColumn, ImportRow, RowError } from '../../common/import/table-import.js';
import { namesKey } from '../regions/region-import.js';
import { APART_ROLES, ROLE_WORDS, type GrantableRole } from './grant-rules.js';
import type { GrantRequest } from './grants.service.js';
import type { GrantRegion } from './grants.sql.js';

/** The staff import template: one grant per row, the region named by its names path from the district. */
export const STAFF_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'email', header: '邮箱', example: 'wang@example.cn', required: true },
  { key: 'name', header: '姓名', example: '王科长' },
  { key: 'role', header: '角色', example: '街道科员', required: true },
  { key: 'region', header: '区域', example: '示范区/阳光街道', required: true },
  { key: 'categories', header: '类别', example: '' },
  { key: 'start', header: '开始', example: '' },
  { key: 'end', header: '结束', example: '' },
];

const DAY_MS = 24 * 3600 * 1000;

const HEADER = Object.fromEntries(STAFF_IMPORT_COLUMNS.map((c) => [c.key, c.header]));

/** One row, ready to grant. */
export interface StaffGrant {
  line: number;
  region: GrantRegion;
  request: GrantRequest;
}

/** A date cell (YYYY-MM-DD, or a date-time) as the start of that day in China Standard Time. */
function dateCell(text: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.000)?Z)?$/.exec(text);
  const date = day ? new Date(`${day[1]}-${day[2]}-${day[3]}T00:00:00+08:00`) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Checks every row on its own and against the others (duplicates, finance and director of one
 * street in one file); what needs the database (the person's existing roles, who may grant what)
 * is checked when the grants are made, row by row, in the import's transaction.
 */
export function planStaffImport(
  rows: readonly ImportRow[],
  regionsByNames: ReadonlyMap<string, GrantRegion>,
  now = new Date(),
): { grants: StaffGrant[]; errors: RowError[] } {
  const grants: StaffGrant[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const fail = (column: string, message: string) => errors.push({ line, column: HEADER[column], message });
    const email = values.email.toLowerCase();
    // Empty required cells are reported by missingCells.
    if (email && (!isEmail(email) || email.length > 254))
      fail('email', `${values.email} is not an e-mail address`);
    const role: GrantableRole | undefined = ROLE_WORDS[values.role];
    if (!role)
      fail('role', `${values.role} is not a role that is granted (${Object.keys(ROLE_WORDS).join(', ')})`);
    const region = regionsByNames.get(namesKey(values.region));
    if (!region)
      fail(
        'region',
        `No live region is named ${values.region} (write the names from the district, joined by /)`,
      );
    const categoryCodes = values.categories
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    // Calendar days in China: a start today means now; the end day is the last day in force.
    const startDay = values.start ? dateCell(values.start) : undefined;
    const endDay = values.end ? dateCell(values.end) : undefined;
    if (startDay === null) fail('start', `${values.start} is not a date (YYYY-MM-DD)`);
    if (endDay === null) fail('end', `${values.end} is not a date (YYYY-MM-DD)`);
    if (startDay && startDay.getTime() + DAY_MS <= now.getTime())
      fail('start', `${values.start} is in the past`);
    if (values.name.length > 60) fail('name', 'A name has at most 60 characters');
    if (!email || !role || !region || startDay === null || endDay === null) continue;
    const key = `${email} ${role} ${region.id}`;
    if (seen.has(key)) fail('email', `The same grant is on line ${seen.get(key)}`);
    seen.set(key, line);
    if (APART_ROLES.includes(role)) {
      const other = APART_ROLES.find((r) => r !== role)!;
      const clash = seen.get(`${email} ${other} ${region.id}`);
      if (clash)
        fail(
          'role',
          `Line ${clash} makes the same person ${other} of ${region.name}: finance and director are kept apart`,
        );
    }
    grants.push({
      line,
      region,
      request: {
        email,
        displayName: values.name || undefined,
        role,
        categoryCodes: categoryCodes.length ? categoryCodes : undefined,
        startsAt: startDay && startDay > now ? startDay : undefined,
        endsAt: endDay && new Date(endDay.getTime() + DAY_MS),
      },
    });
  }
  return { grants, errors };
}
