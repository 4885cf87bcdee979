import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { organizationsEligibility } from '../../api/fn/organizations/organizations-eligibility';
import { organizationsFileObjection } from '../../api/fn/organizations/organizations-file-objection';
import { organizationsGet } from '../../api/fn/organizations/organizations-get';
import { organizationsUpdate } from '../../api/fn/organizations/organizations-update';
import type {
  DocumentDto,
  EligibilityDto,
  EligibilityReasonDto,
  OrganizationDto,
  OrganizationType,
} from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { Labels, STATUS_COLORS } from '../../shared/labels';
import { ReferenceData } from '../../shared/reference-data';
import { AdminScopePicker } from '../admin-scope-picker';
import { AdminScopes } from '../admin-scope';
import { DocumentList } from '../documents/document-list';
import { DocumentUpload } from '../documents/document-upload';
import { OrgRecord } from '../org-record';
import { identityDiff } from '../identity-diff';
import { ORG_VALIDATORS, injectOrganizationFields } from '../org-fields';
import { type Field, FormFields } from '../../shared/form-fields';
import { ServerErrors, touchAll } from '../../shared/server-errors';
import { ifMatch } from '../../shared/etag';
import { reloadOn } from '../../shared/list-query';
import { action } from '../../shared/run-action';
import { reasonForm } from '../../shared/reason-rules';
import { FieldsForm } from '../../shared/form-card';
import { type AlertNote, ListAlert } from '../../shared/list-alert';

/** Eligibility reasons the app can word itself; others show the server's message. */
const REASON_KEYS: Record<string, I18nKey> = {
  not_verified: 'eligibility.not_verified',
  credit_abnormal: 'eligibility.credit_abnormal',
  credit_serious: 'eligibility.credit_serious',
  grade_too_low: 'eligibility.grade_too_low',
  category_not_served: 'eligibility.category_not_served',
};

@Component({
  selector: 'app-my-organization',
  imports: [
    FormFields,
    FieldsForm,
    ReactiveFormsModule,
    RouterLink,
    NzCardModule,
    NzTagModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzResultModule,
    NzSkeletonModule,
    AdminScopePicker,
    DocumentList,
    DocumentUpload,
    OrgRecord,
    ListAlert,
  ],
  templateUrl: './my-organization.html',
  styleUrl: './my-organization.css',
})
export class MyOrganization {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly scopes = inject(AdminScopes);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly statusColors = STATUS_COLORS;

  protected readonly org = signal<OrganizationDto | null>(null);
  protected readonly eligibility = signal<EligibilityDto | null>(null);
  /** Reads the organization and whether it may bid: busy meanwhile, the failure in its error. */
  protected readonly loader = action();

  protected readonly listed = computed(() => {
    const org = this.org();
    return org !== null && org.creditStatus !== 'normal';
  });
  protected readonly pendingObjection = computed(
    () => this.org()?.objections.some((o) => o.status === 'pending') ?? false,
  );
  /** The identity change waiting for the street office; the fields shown stay the verified ones until then. */
  protected readonly pendingChange = computed(
    () => this.org()?.identityChanges.find((c) => c.status === 'pending') ?? null,
  );
  /** The latest identity change, when the street office rejected it and nothing newer waits. */
  protected readonly rejectedChange = computed(() => {
    const latest = this.org()?.identityChanges[0];
    return latest?.status === 'rejected' ? latest : null;
  });
  /**
   * What the organization's card says above its record: its status explained, then the identity change
   * waiting for the street office (only the fields it changes) or the one it refused.
   */
  protected readonly notes = computed((): AlertNote[] => {
    const org = this.org();
    if (!org) return [];
    const notes: AlertNote[] = [
      {
        type: org.status === 'verified' ? 'success' : org.status === 'pending' ? 'info' : 'warning',
        message: this.label.orgStatusHelp(org.status),
        testId: 'my-org-status-help',
      },
    ];
    const pending = this.pendingChange();
    const rejected = this.rejectedChange();
    if (pending) {
      const changes = identityDiff(org, pending.proposed, this.ref);
      notes.push({
        type: 'info',
        message: this.t('identity.pendingTitle'),
        intro: this.t('identity.pendingHelp'),
        lines: changes.map((c) => ({ text: `${this.t(c.label)}: ${c.proposed}` })),
        testId: 'my-org-pending-change',
      });
    } else if (rejected) {
      notes.push({
        type: 'warning',
        message: this.t('identity.rejectedTitle', { reason: rejected.decisionReason ?? '' }),
        testId: 'my-org-rejected-change',
      });
    }
    return notes;
  });
  /** Whether the organization may bid, and if not why (each reason worded by the app where it can). */
  protected readonly eligibilityNote = computed((): AlertNote | null => {
    const e = this.eligibility();
    if (!e) return null;
    if (e.eligible) return { type: 'success', message: this.t('eligibility.yes'), testId: 'my-org-eligible' };
    return {
      type: 'warning',
      message: this.t('eligibility.no'),
      lines: e.reasons.map((reason) => ({ text: this.reasonText(reason), code: reason.code })),
      testId: 'my-org-ineligible',
    };
  });
  protected readonly editable = computed(() => {
    const org = this.org();
    return org !== null && org.status !== 'deregistered';
  });

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly edit = this.fb.group({
    name: ['', ORG_VALIDATORS.name],
    type: this.fb.control<OrganizationType>('other', Validators.required),
    description: ['', ORG_VALIDATORS.description],
    legalRepresentative: ['', ORG_VALIDATORS.legalRepresentative],
    contactPhone: ['', ORG_VALIDATORS.contactPhone],
    categoryCodes: this.fb.control<string[]>([], Validators.required),
    communityIds: this.fb.control<string[]>([]),
  });
  protected readonly orgFields = injectOrganizationFields('edit');
  /** The fields laid out in two columns; the description spans both, under them. */
  protected readonly editFields: readonly Field[] = [
    this.orgFields.name,
    this.orgFields.type,
    this.orgFields.legalRepresentative,
    this.orgFields.contactPhone,
    this.orgFields.categoryCodes,
    this.orgFields.communityIds,
  ];
  protected readonly saving = action();

  protected readonly objection = reasonForm('creditObjection');
  protected readonly objectionFields: readonly Field[] = [
    {
      kind: 'textarea',
      name: 'reason',
      id: 'objection-reason',
      label: 'objection.reason',
      required: true,
      rows: 3,
      rule: 'objection.reasonRule',
      testId: 'objection-reason',
    },
  ];
  protected readonly objecting = action();

  private readonly serverErrors = new ServerErrors(this.t);

  constructor() {
    this.serverErrors.watch(this.edit.controls);
    this.ref.load().catch(() => undefined);
    reloadOn(this.scopes.selectedId, (id) => this.load(id));
  }

  protected async load(id: string | null): Promise<void> {
    this.org.set(null);
    this.eligibility.set(null);
    this.loader.error.set(null);
    if (!id) return;
    await this.loader.run(async () => {
      const [org, eligibility] = await Promise.all([
        this.api.invoke(organizationsGet, { id }),
        this.api.invoke(organizationsEligibility, { id }),
      ]);
      if (id !== this.scopes.selectedId()) return;
      this.show(org);
      this.eligibility.set(eligibility);
    });
  }

  private show(org: OrganizationDto): void {
    this.org.set(org);
    // The form edits the identity asked for, so saving other fields does not withdraw a pending change.
    const identity = org.identityChanges.find((c) => c.status === 'pending')?.proposed ?? org;
    this.edit.reset({
      name: identity.name,
      type: org.type,
      description: org.description,
      legalRepresentative: identity.legalRepresentative,
      contactPhone: org.contactPhone,
      categoryCodes: [...identity.categoryCodes],
      communityIds: [...org.communityIds],
    });
    if (org.status === 'deregistered') this.edit.disable();
    else this.edit.enable();
  }

  private reasonText(reason: EligibilityReasonDto): string {
    const key = REASON_KEYS[reason.code];
    return key ? this.t(key) : reason.message;
  }

  protected async save(): Promise<void> {
    const org = this.org();
    if (!org || !touchAll(this.edit)) return;
    const v = this.edit.getRawValue();
    await this.saving.run(
      async () => {
        const updated = await this.api.invoke(organizationsUpdate, {
          id: org.id,
          'If-Match': ifMatch(org.version),
          body: {
            name: v.name.trim(),
            type: v.type,
            description: v.description.trim(),
            legalRepresentative: v.legalRepresentative.trim(),
            contactPhone: v.contactPhone.trim(),
            categoryCodes: v.categoryCodes,
            communityIds: v.communityIds,
          },
        });
        this.show(updated);
        this.message.success(this.t(this.pendingChange() ? 'identity.sentForReview' : 'profile.saved'));
        // Categories and status feed the eligibility check: ask again.
        this.eligibility.set(await this.api.invoke(organizationsEligibility, { id: org.id }));
      },
      { onError: (err) => this.serverErrors.apply(err, this.edit.controls) },
    );
  }

  protected async fileObjection(): Promise<void> {
    const org = this.org();
    if (!org || !touchAll(this.objection)) return;
    await this.objecting.run(async () => {
      await this.api.invoke(organizationsFileObjection, {
        id: org.id,
        body: { reason: this.objection.getRawValue().reason.trim() },
      });
      this.objection.reset();
      this.message.success(this.t('objection.filed'));
      this.show(await this.api.invoke(organizationsGet, { id: org.id }));
    });
  }

  protected addDocument(doc: DocumentDto): void {
    this.org.update((org) => (org ? { ...org, documents: [...org.documents, doc] } : org));
  }
}
