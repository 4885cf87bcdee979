import { Component, inject, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../i18n/i18n.service';

/**
 * "Retire" on a row of an administration tree: the link, then, once asked, the question with a
 * confirm and a cancel button. The page keeps which row is asking and does the retiring. Test ids:
 * `<testId>-retire`, `-retire-question`, `-retire-confirm`, `-retire-cancel`.
 */
@Component({
  selector: 'app-retire-action',
  imports: [NzButtonModule, NzIconModule],
  template: `
    @if (asking()) {
      <span class="confirm" role="alert" [attr.data-testid]="testId() + '-retire-question'">{{
        question()
      }}</span>
      <button
        nz-button
        nzDanger
        nzType="primary"
        nzSize="small"
        type="button"
        [nzLoading]="busy()"
        (click)="confirmed.emit()"
        [attr.data-testid]="testId() + '-retire-confirm'"
      >
        {{ t('admin.retireConfirm') }}
      </button>
      <button
        nz-button
        nzSize="small"
        type="button"
        (click)="cancelled.emit()"
        [attr.data-testid]="testId() + '-retire-cancel'"
      >
        {{ t('common.cancel') }}
      </button>
    } @else {
      <button
        nz-button
        nzType="link"
        nzDanger
        nzSize="small"
        type="button"
        (click)="asked.emit()"
        [attr.data-testid]="testId() + '-retire'"
      >
        <nz-icon nzType="stop" />{{ t('admin.retire') }}
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .confirm {
      color: #cf1322;
    }
  `,
})
export class RetireAction {
  protected readonly t = inject(I18n).t;
  readonly testId = input.required<string>();
  readonly question = input.required<string>();
  readonly asking = input(false);
  readonly busy = input(false);
  readonly asked = output<void>();
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
}
