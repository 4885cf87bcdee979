import type { ExportDataset, ExportDto, ExportFormat, MembershipDto, RequestExportDto } from '../api/models';
import type { Role } from '../auth/roles';

export const EXPORT_DATASETS: readonly ExportDataset[] = ['service_records', 'disbursements', 'scores'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

const STREET_ROLES: readonly Role[] = ['street_officer', 'street_finance', 'street_director'];

/** Who may export: the street roles (their street) and org admins (their organization). */
export const EXPORT_AUDIENCE: readonly Role[] = [...STREET_ROLES, 'org_admin'];

/** How often a running export's progress is asked for. */
export const POLL_MS = 1500;

/** A street or an organization the user may export, as the form offers it. */
export interface ExportScope {
  /** `street:<id>` or `org:<id>`: one value for the select. */
  key: string;
  kind: 'street' | 'organization';
  id: string;
  name: string;
}

/** The scopes the user's memberships allow, one per street or organization, in membership order. */
export function exportScopes(memberships: readonly MembershipDto[]): ExportScope[] {
  const scopes = new Map<string, ExportScope>();
  for (const m of memberships) {
    if (STREET_ROLES.includes(m.role) && m.regionId) {
      const key = `street:${m.regionId}`;
      if (!scopes.has(key))
        scopes.set(key, { key, kind: 'street', id: m.regionId, name: m.scopeName ?? m.regionId });
    } else if (m.role === 'org_admin' && m.organizationId) {
      const key = `org:${m.organizationId}`;
      if (!scopes.has(key))
        scopes.set(key, {
          key,
          kind: 'organization',
          id: m.organizationId,
          name: m.scopeName ?? m.organizationId,
        });
    }
  }
  return [...scopes.values()];
}

export interface ExportForm {
  scope: string;
  dataset: ExportDataset;
  format: ExportFormat;
  /** 'YYYY-MM-DD' or '' for open-ended. */
  from: string;
  to: string;
}

export type RangeProblem = 'order' | null;

/** The range may be open at either end; a closed one must not end before it starts. */
export function rangeProblem(from: string, to: string): RangeProblem {
  return from && to && to < from ? 'order' : null;
}

/** The request body for the form; null when the scope is not one of the user's. */
export function exportRequest(
  form: ExportForm,
  scopes: readonly ExportScope[],
  lang: 'zh-CN' | 'en-US',
): RequestExportDto | null {
  const scope = scopes.find((s) => s.key === form.scope);
  if (!scope) return null;
  const body: RequestExportDto = { dataset: form.dataset, format: form.format, lang };
  if (scope.kind === 'street') body.streetId = scope.id;
  else body.organizationId = scope.id;
  if (form.from) body.from = form.from;
  if (form.to) body.to = form.to;
  return body;
}

/** Waiting or being built: its progress still moves. */
export const unfinished = (e: ExportDto) => e.status === 'queued' || e.status === 'running';

/** Replaces one export in the list by id, keeping the order. */
export function replaceExport(list: readonly ExportDto[], updated: ExportDto): ExportDto[] {
  return list.map((e) => (e.id === updated.id ? updated : e));
}

/** What a finished export shows instead of a download button once its file is gone. */
export function expired(e: ExportDto, now: Date): boolean {
  return e.status === 'done' && (!e.downloadable || (e.expiresAt !== null && new Date(e.expiresAt) <= now));
}
