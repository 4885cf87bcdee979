import { Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { DisbursementStatus } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { GRANT_COLORS } from './fund-logic';

/**
 * A grant's status as a coloured tag, as the fund's page and a participatory round show it; what
 * the page projects stands before the status (the round's "Grant ¥200.00 · ").
 */
@Component({
  selector: 'app-grant-tag',
  imports: [NzTagModule],
  template: `<nz-tag [nzColor]="color()" [attr.data-testid]="testId()"><ng-content />{{ label() }}</nz-tag>`,
})
export class GrantTag {
  private readonly t = inject(I18n).t;
  readonly status = input.required<DisbursementStatus>();
  readonly testId = input.required<string>();
  protected readonly color = computed(() => GRANT_COLORS[this.status()]);
  protected readonly label = computed(() => this.t(`fund.status.${this.status()}`));
}
