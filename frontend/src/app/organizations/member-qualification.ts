import { ChangeDetectionStrategy, Component, effect, inject, input, output, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { peopleSetQualification } from '../api/functions';
import type { MemberDto, QualificationLevel } from '../api/models';
import { QUALIFICATION_LEVEL } from '../api/models/qualification-level-array';
import { I18n } from '../i18n/i18n.service';
import { ifMatch } from '../shared/etag';
import { FormActions } from '../shared/form-actions';
import { FormRow } from '../shared/form-row';
import { Labels } from '../shared/labels';
import { action } from '../shared/run-action';
import { touchAll } from '../shared/server-errors';

/** A social work certificate number, as the server takes it. */
const CERTIFICATE_RULES = { min: 4, max: 40 } as const;

/**
 * A social worker's qualification in an organization (level, certificate, whether the organization
 * verified it) and, while `editing`, the form that records it, sent as the member's version. The
 * worker records their own, an org admin anyone's; `saved` answers the updated member. `name`
 * prefixes the fields' ids and test ids.
 */
@Component({
  selector: 'app-member-qualification',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzTagModule,
    FormActions,
    FormRow,
  ],
  template: `
    <div class="facts">
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
        <app-form-row
          [label]="t('qualification.level')"
          required
          [for]="name() + '-level-' + member().id"
          [error]="t('form.required')"
        >
          <nz-select
            [nzId]="name() + '-level-' + member().id"
            formControlName="level"
            [attr.data-testid]="name() + '-level'"
            [nzPlaceHolder]="t('form.choose')"
          >
            @for (level of levels; track level) {
              <nz-option [nzValue]="level" [nzLabel]="label.qualification(level)" />
            }
          </nz-select>
        </app-form-row>
        <app-form-row
          [label]="t('qualification.certificateNo')"
          required
          [for]="name() + '-cert-' + member().id"
          [error]="t('qualification.certificateRule')"
        >
          <input
            nz-input
            [id]="name() + '-cert-' + member().id"
            formControlName="certificateNo"
            [attr.data-testid]="name() + '-cert'"
          />
        </app-form-row>
        <app-form-actions
          [submitLabel]="t('profile.save')"
          [submitTestId]="name() + '-save'"
          [busy]="saving.busy()"
          (cancelled)="cancelled.emit()"
        />
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-top: 4px;
    }
    .form {
      margin-top: 8px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class MemberQualification {
  private readonly api = inject(Api);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly levels = QUALIFICATION_LEVEL;

  readonly member = input.required<MemberDto>();
  readonly editing = input(false);
  readonly name = input.required<string>();
  readonly saved = output<MemberDto>();
  readonly cancelled = output<void>();

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
    if (done) this.saved.emit(done.value);
  }
}
