import { booleanAttribute, Component, inject, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { I18n } from '../i18n/i18n.service';

/**
 * The foot of an inline form: cancel, and the submit button (busy while the form's action runs).
 * The submit button submits the form it stands in.
 */
@Component({
  selector: 'app-form-actions',
  imports: [NzButtonModule],
  template: `
    <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
    <button
      nz-button
      nzType="primary"
      type="submit"
      [nzDanger]="danger()"
      [nzLoading]="busy()"
      [attr.data-testid]="submitTestId()"
    >
      {{ submitLabel() }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-top: 8px;
    }
  `,
})
export class FormActions {
  protected readonly t = inject(I18n).t;
  readonly submitLabel = input.required<string>();
  readonly submitTestId = input.required<string>();
  readonly busy = input(false);
  /** A submit that refuses or takes back (reject, dispute). */
  readonly danger = input(false, { transform: booleanAttribute });
  readonly cancelled = output<void>();
}
