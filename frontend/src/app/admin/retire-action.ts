import { Component, computed, inject, input, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../i18n/i18n.service';

/** Which row of a tree asks "retire?", and which one is being retired (by key). */
export class Retirement {
  readonly asking = signal<string | null>(null);
  readonly busy = signal<string | null>(null);
}

/**
 * "Retire" on a row of an administration tree: the link, then, once asked, the question with a
 * confirm and a cancel button. The page's `Retirement` keeps which row (`key`) is asking and is being retired; the page does the
 * retiring on `confirmed`. Test ids:
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
        (click)="retirement().asking.set(null)"
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
        (click)="retirement().asking.set(key())"
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
  readonly retirement = input.required<Retirement>();
  /** The row's key. */
  readonly key = input.required<string>();
  readonly confirmed = output<void>();
  protected readonly asking = computed(() => this.retirement().asking() === this.key());
  protected readonly busy = computed(() => this.retirement().busy() === this.key());
}
