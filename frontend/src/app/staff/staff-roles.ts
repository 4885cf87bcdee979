import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { grantsGrant } from '../api/fn/grants/grants-grant';
import { grantsList } from '../api/fn/grants/grants-list';
import { grantsRevoke } from '../api/fn/grants/grants-revoke';
import type { GrantDto, GrantStatus, GrantableRole, RegionDto } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { ReasonForm } from '../shared/reason-form';
import { reasonForm } from '../shared/reason-rules';
import { touchAll } from '../shared/server-errors';
import { ReferenceData } from '../shared/reference-data';
import { UserScopes } from '../shared/scopes';
import { grantableRoles } from './grantable';
import { ListQuery, optionalParam, textParam } from '../shared/list-query';
import { listOf, loadMore } from '../shared/list-of';
import { PagedSection } from '../shared/paged-section';
import { LoadMore } from '../shared/load-more';
import { action } from '../shared/run-action';
import { SearchInput } from '../shared/list-controls';
import { type DateField, DateFields } from '../shared/date-fields';
import { type Field, FormFields } from '../shared/form-fields';
import { Names } from '../shared/names';
import { ErrorAlert } from '../shared/error-alert';
import { ChoiceSelect, offeredOrFirst, scopeChoices } from '../shared/choice-select';
import { querySearch } from '../shared/query-search';

const DAY_MS = 24 * 3600 * 1000;
/** A date input's day as the start of that day in China Standard Time (a start today means now). */
const startOf = (day: string) => {
  const at = day ? Date.parse(`${day}T00:00:00+08:00`) : NaN;
  if (Number.isNaN(at) || (at <= Date.now() && Date.now() < at + DAY_MS)) return undefined;
  return new Date(at).toISOString(); // the server refuses a day in the past
};
/** The end of a date input's day in China Standard Time: the last day in force. */
const endOf = (day: string) =>
  day ? new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS).toISOString() : undefined;

/**
 * `/staff` 人员与角色: the grants of a street or community and inside it, with their history; a grant
 * by e-mail (a new address is mailed a link to set its password), revocation with a reason. The
 * platform admin sees every region; a street director its own street and its communities.
 */
@Component({
  selector: 'app-staff-roles',
  imports: [
    ChoiceSelect,
    ErrorAlert,
    LoadMore,
    FormFields,
    DateFields,
    SearchInput,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzTagModule,
    ReasonForm,
  ],
  templateUrl: './staff-roles.html',
  styleUrl: './staff-roles.css',
})
export class StaffRoles {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly scopes = inject(UserScopes);
  protected readonly reference = inject(ReferenceData);
  protected readonly names = inject(Names);
  protected readonly t = inject(I18n).t;

  protected readonly isAdmin = computed(() => this.auth.roles().has('platform_admin'));
  /** The regions this user grants in: every live one for an admin, the director's streets and their communities otherwise. */
  protected readonly regions = computed<RegionDto[]>(() => {
    if (this.isAdmin())
      return [...this.reference.streets(), ...this.reference.communities(), ...this.reference.districts()];
    const streets = new Set(this.scopes.directorStreets().map((s) => s.id));
    return [
      ...this.reference.streets().filter((s) => streets.has(s.id)),
      ...this.reference.communities().filter((c) => streets.has(c.parentId ?? '')),
    ];
  });
  /** The region picked, kept in the URL (`?region=<id>`); the first one open to the user otherwise. */
  private readonly query = new ListQuery({ region: optionalParam(), q: textParam() });
  protected readonly q = computed(() => this.query.value().q);
  protected readonly search = querySearch(this.query);
  protected readonly regionId = computed(() => offeredOrFirst(this.query.value().region, this.regions()));
  protected readonly region = computed(() => this.regions().find((r) => r.id === this.regionId()) ?? null);
  protected readonly regionChoices = computed(() => scopeChoices(this.regions()));
  protected readonly roles = computed(() => {
    const region = this.region();
    return region ? grantableRoles(region.level, this.isAdmin()) : [];
  });

  /** The grants of the region picked, for the search, a page at a time; its loader holds the list's failure. */
  protected readonly grants = new PagedSection(
    listOf(
      () => {
        const id = this.regionId();
        return id ? { id, q: this.q() } : null;
      },
      ({ id, q }, cursor) => this.api.invoke(grantsList, { id, ...(q ? { q } : {}), ...cursor }),
    ),
    { testId: 'grants', moreTestId: 'grants-more' },
  );
  /** Granting and revoking; its error is their refusal. */
  protected readonly acting = action();
  protected readonly done = signal<string | null>(null);
  protected readonly revoking = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: [''],
    role: ['' as GrantableRole | '', Validators.required],
    categoryCodes: [[] as string[]],
    startsOn: [''],
    endsOn: [''],
  });
  protected readonly grantFields: readonly Field[] = [
    {
      name: 'email',
      id: 'grant-email',
      label: 'staff.email',
      required: true,
      rule: 'staff.emailRule',
      kind: 'email',
      testId: 'grant-email',
    },
    { name: 'displayName', id: 'grant-name', label: 'staff.name', maxlength: 60, testId: 'grant-name' },
    {
      kind: 'select',
      name: 'role',
      id: 'grant-role',
      label: 'staff.role',
      required: true,
      rule: 'staff.roleRule',
      options: () => this.roles().map((role) => ({ value: role, label: this.roleLabel(role) })),
      testId: 'grant-role',
    },
    {
      kind: 'select',
      name: 'categoryCodes',
      id: 'grant-categories',
      label: 'staff.categories',
      required: true,
      multiple: true,
      options: () =>
        this.reference
          .categories()
          .map((c) => ({ value: c.code, label: this.reference.categoryName(c.code) })),
      testId: 'grant-categories',
      when: () => this.isEvaluator(),
    },
  ];
  /** When the grant starts and its last day (both optional: from today, with no end). */
  protected readonly grantDates: readonly DateField[] = [
    { name: 'startsOn', id: 'grant-start', label: 'staff.startsOn', testId: 'grant-start' },
    { name: 'endsOn', id: 'grant-end', label: 'staff.endsOn', testId: 'grant-end' },
  ];
  protected readonly revokeForm = reasonForm('grantRevoke');
  private readonly role = signal<GrantableRole | ''>('');

  constructor() {
    void this.reference.load();
    this.form.controls.role.valueChanges.subscribe((role) => this.role.set(role));
  }

  protected readonly isEvaluator = computed(() => this.role() === 'evaluator');

  protected pickRegion(id: string | null): void {
    this.query.set({ region: id });
    this.form.controls.role.setValue('');
    this.done.set(null);
    this.acting.error.set(null);
  }

  /** The next page of the region's grants, appended. */
  protected loadMore(): Promise<void> {
    return loadMore(this.grants.list(), this.grants.loader);
  }

  protected async grant(): Promise<void> {
    const regionId = this.regionId();
    if (!regionId || !touchAll(this.form)) return;
    const v = this.form.getRawValue();
    this.done.set(null);
    const granted = await this.acting.run(() =>
      this.api.invoke(grantsGrant, {
        id: regionId,
        body: {
          email: v.email.trim(),
          displayName: v.displayName.trim() || undefined,
          role: v.role as GrantableRole,
          categoryCodes: v.role === 'evaluator' ? v.categoryCodes : undefined,
          startsAt: startOf(v.startsOn),
          endsAt: endOf(v.endsOn),
        },
      }),
    );
    if (!granted) return;
    const grant = granted.value;
    this.done.set(
      this.t(grant.emailVerified ? 'staff.granted' : 'staff.invited', {
        name: grant.displayName,
        email: grant.email,
      }),
    );
    this.form.reset();
    await this.grants.reload();
  }

  /** Grants in force or still to come, of a role this user grants on that level (the server checks again). */
  protected mayRevoke(g: GrantDto): boolean {
    return (
      (g.status === 'active' || g.status === 'scheduled') &&
      grantableRoles(g.regionLevel, this.isAdmin()).includes(g.role)
    );
  }

  protected startRevoke(id: string): void {
    this.revokeForm.reset();
    this.revoking.set(id);
  }

  protected async revoke(): Promise<void> {
    const id = this.revoking();
    const regionId = this.regionId();
    if (!id || !regionId || !touchAll(this.revokeForm)) return;
    const revoked = await this.acting.run(() =>
      this.api.invoke(grantsRevoke, {
        id,
        body: { reason: this.revokeForm.getRawValue().reason.trim() },
      }),
    );
    if (!revoked) return;
    this.revoking.set(null);
    await this.grants.reload();
  }

  protected roleLabel(role: GrantableRole): string {
    return this.t(`role.${role}`);
  }

  protected statusLabel(status: GrantStatus): string {
    return this.t(`staff.status.${status}`);
  }

  protected period(g: GrantDto): string {
    const day = (d: string) => new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    return g.endsAt
      ? `${day(g.startsAt)} – ${day(new Date(Date.parse(g.endsAt) - 1).toISOString())}`
      : this.t('staff.since', { day: day(g.startsAt) });
  }
}
