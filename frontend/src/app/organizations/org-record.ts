import { DatePipe } from '@angular/common';
import { Component, booleanAttribute, inject, input } from '@angular/core';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { OrganizationDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { CREDIT_COLORS, Labels } from '../shared/labels';
import { Names } from '../shared/names';

/** Two columns where there is room, one on a narrow screen. */
const TWO_COLUMNS = { xxl: 2, xl: 2, lg: 2, md: 1, sm: 1, xs: 1 };

/**
 * An organization's record as its admin and its street office read it: type, credit code, home street,
 * grade (valid until, or expired), credit status (since when and why, once listed), legal representative,
 * contact phone, categories and communities; the street office's file (`forOffice`, one column) adds the
 * description and when it registered. `testId` names the grade and the credit status (`<testId>-grade`,
 * `<testId>-credit`).
 */
@Component({
  selector: 'app-org-record',
  imports: [DatePipe, NzDescriptionsModule, NzTagModule],
  template: `
    @let o = org();
    <nz-descriptions nzBordered nzSize="small" [nzColumn]="forOffice() ? 1 : columns">
      <nz-descriptions-item [nzTitle]="t('org.type')">{{ label.orgType(o.type) }}</nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.creditCode')">
        <span class="code">{{ o.filedOnly ? t('org.filedOnlyShort') : o.creditCode }}</span>
      </nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.homeStreet')">{{ o.homeStreetName }}</nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.grade')">
        <span [attr.data-testid]="testId() ? testId() + '-grade' : null">
          @if (o.gradeValid) {
            <nz-tag nzColor="gold">{{ o.grade }}</nz-tag>
            {{ t('grade.validUntil', { date: o.gradeExpiresOn ?? '' }) }}
          } @else {
            {{ t('grade.none') }}
            @if (o.grade) {
              <span class="muted">{{
                t('grade.expired', { grade: o.grade, date: o.gradeExpiresOn ?? '' })
              }}</span>
            }
          }
        </span>
      </nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.creditStatus')">
        <nz-tag
          [nzColor]="creditColors[o.creditStatus]"
          [attr.data-testid]="testId() ? testId() + '-credit' : null"
        >
          {{ label.credit(o.creditStatus) }}
        </nz-tag>
        @if (o.creditStatus !== 'normal') {
          <div class="muted">{{ t('credit.since', { date: o.creditSince ?? '' }) }}</div>
          @if (o.creditReason) {
            <div>{{ o.creditReason }}</div>
          }
        }
      </nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.legalRepresentative')">{{
        o.legalRepresentative
      }}</nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.contactPhone')">{{ o.contactPhone }}</nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.categories')">{{
        names.categories(o.categoryCodes)
      }}</nz-descriptions-item>
      <nz-descriptions-item [nzTitle]="t('org.communities')">{{
        names.communities(o.communityIds)
      }}</nz-descriptions-item>
      @if (forOffice()) {
        <nz-descriptions-item [nzTitle]="t('org.description')">{{
          o.description || '—'
        }}</nz-descriptions-item>
        <nz-descriptions-item [nzTitle]="t('review.registeredAt')">
          {{ o.createdAt | date: 'yyyy-MM-dd HH:mm' }}
        </nz-descriptions-item>
      }
    </nz-descriptions>
  `,
  styles: `
    .code {
      font-family: monospace;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class OrgRecord {
  readonly org = input.required<OrganizationDto>();
  /** The street office's file: one column, with the description and the registration time. */
  readonly forOffice = input(false, { transform: booleanAttribute });
  readonly testId = input<string>();
  protected readonly label = inject(Labels);
  protected readonly names = inject(Names);
  protected readonly t = inject(I18n).t;
  protected readonly creditColors = CREDIT_COLORS;
  protected readonly columns = TWO_COLUMNS;
}
