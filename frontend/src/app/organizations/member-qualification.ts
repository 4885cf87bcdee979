import { Component, computed, effect, inject, input, model, output, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { peopleSetQualification } from '../api/fn/people/people-set-qualification';
import type { MemberDto, QualificationLevel } from '../api/models';
import { QUALIFICATION_LEVEL } from '../api/models/qualification-level-array';
import { I18n } from '../i18n/i18n.service';
import { ifMatch } from '../shared/etag';
import { FormActions } from '../shared/form-actions';
import { type Field, FormFields } from '../shared/form-fields';
import { Labels } from '../shared/labels';
import { action } from '../shared/run-action';
import { touchAll } from '../shared/server-errors';

/** A social work certificate number, as the server takes it. */
const CERTIFICATE_RULES = { min: 4, max: 40 } as const;

/**
 * A social worker's qualification in an organization (level, certificate, whether the organization
 * verified it) and, while `open` is its id, the form that records it, sent as the member's version. The
 * worker records their own, an org admin anyone's; `saved` answers the updated member. `name`
 * prefixes the fields' ids and test ids.
 */
@Component({
  selector: 'app-member-qualification',
  imports: [ReactiveFormsModule, NzFormModule, NzTagModule, FormActions, FormFields],
  // Its facts are a row of page.css (`head`), its notes muted.
  styleUrl: '../shared/page.css',
  template: `
    <div class="head facts">
      @if (member().qualificationLevel; as level) {
        <span>{{ label.qualification(level) }}</span>
        <span class="muted">{{ t('members.certificate', { no: member().certificateNo ?? '' }) }}</span>
        <nz-tag [nzColor]="member().qualificationVerified ? 'green' : 'orange'">
          {{ member().qualificationVerified ? t('members.verified') : t('members.unverified') }}
        </nz-tag>
      } @else {
        <span class="muted">{{ t('members.noQualification') }}</span>
      }
    </div>
    @if (editing()) {
      <form nz-form nzLayout="vertical" class="form" [formGroup]="form" (ngSubmit)="save()">
        <app-form-fields [form]="form" [fields]="fields()" [idSuffix]="'-' + member().id" />
        <app-form-actions
          [submitLabel]="t('profile.save')"
          [submitTestId]="name() + '-save'"
          [busy]="saving.busy()"
          (cancelled)="open.set(null)"
        />
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .facts {
      margin-top: 4px;
    }
    .form {
      margin-top: 8px;
    }
  `,
})
export class MemberQualification {
  private readonly api = inject(Api);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;

  readonly member = input.required<MemberDto>();
  /** The member whose form is open on the page (one at a time): this one's, while it is its id. */
  readonly open = model<string | null>(null);
  protected readonly editing = computed(() => this.open() === this.member().id);
  readonly name = input.required<string>();
  readonly saved = output<MemberDto>();

  protected readonly fields = computed((): Field[] => [
    {
      name: 'level',
      id: `${this.name()}-level`,
      label: 'qualification.level',
      required: true,
      rule: 'form.required',
      kind: 'select',
      placeholder: 'form.choose',
      options: () => this.levelOptions(),
      testId: `${this.name()}-level`,
    },
    {
      name: 'certificateNo',
      id: `${this.name()}-cert`,
      label: 'qualification.certificateNo',
      required: true,
      rule: 'qualification.certificateRule',
      testId: `${this.name()}-cert`,
    },
  ]);
  private readonly levelOptions = computed(() =>
    QUALIFICATION_LEVEL.map((level) => ({ value: level, label: this.label.qualification(level) })),
  );

  protected readonly saving = action();
  protected readonly form = inject(NonNullableFormBuilder).group({
    level: inject(NonNullableFormBuilder).control<QualificationLevel | null>(null, Validators.required),
    certificateNo: [
      '',
      [
        Validators.required,
        Validators.minLength(CERTIFICATE_RULES.min),
        Validators.maxLength(CERTIFICATE_RULES.max),
      ],
    ],
  });

  constructor() {
    // The form opens on what is recorded.
    effect(() => {
      if (!this.editing()) return;
      const m = this.member();
      untracked(() => this.form.reset({ level: m.qualificationLevel, certificateNo: m.certificateNo ?? '' }));
    });
  }

  protected async save(): Promise<void> {
    if (!touchAll(this.form)) return;
    const m = this.member();
    const { level, certificateNo } = this.form.getRawValue();
    const done = await this.saving.run(
      () =>
        this.api.invoke(peopleSetQualification, {
          orgId: m.organizationId,
          memberId: m.id,
          'If-Match': ifMatch(m.version),
          body: { level: level as QualificationLevel, certificateNo: certificateNo.trim() },
        }),
      { toast: true, success: 'profile.saved' },
    );
    if (!done) return;
    this.open.set(null);
    this.saved.emit(done.value);
  }
}
