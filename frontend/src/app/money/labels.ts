import { Injectable, inject } from '@angular/core';
import type { DisbursementKind, DisbursementStatus, PayoutMethod } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import type { Phase, StepKey } from './steps';

/** The money enums in the user's language. */
@Injectable({ providedIn: 'root' })
export class MoneyLabels {
  private readonly t = inject(I18n).t;

  status(status: DisbursementStatus): string {
    return this.t(`money.status.${status}`);
  }

  phase(phase: Phase): string {
    return this.t(`money.phase.${phase}`);
  }

  kind(kind: DisbursementKind): string {
    return this.t(`money.kind.${kind}`);
  }

  method(method: PayoutMethod): string {
    return this.t(`money.method.${method}`);
  }

  step(step: StepKey): string {
    return this.t(`money.step.${step}`);
  }
}
