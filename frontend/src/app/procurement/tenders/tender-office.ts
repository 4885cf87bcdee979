import { Component, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import type { ResultsDto, TenderDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { OfficerAction } from '../tender-actions';
import { AmendStep } from './office/amend-step';
import { AWARD_STEP } from './office/award-step';
import { CancelStep } from './office/cancel-step';
import { ComplaintsStep } from './office/complaints-step';
import { ContractStep } from './office/contract-step';
import { DisqualifyStep } from './office/disqualify-step';
import { PUBLISH_STEP } from './office/publish-step';
import { ConfirmedStep } from './office/confirmed-step';
import { TenderPanel } from './tender-panel';

/**
 * The street office's console on its tender: the steps its status allows (see `tender-actions.ts`),
 * each a component of `office/` with its own form, call and errors. Each reports back through
 * `changed` so the notice reloads.
 */
@Component({
  selector: 'app-tender-office',
  imports: [
    AmendStep,
    CancelStep,
    ConfirmedStep,
    ComplaintsStep,
    ContractStep,
    DisqualifyStep,
    NzButtonModule,
    NzCardModule,
    RouterLink,
    TenderPanel,
  ],
  templateUrl: './tender-office.html',
  styleUrl: './tender-office.css',
})
export class TenderOffice {
  protected readonly t = inject(I18n).t;
  protected readonly publish = PUBLISH_STEP;
  protected readonly award = AWARD_STEP;

  readonly tender = input.required<TenderDto>();
  readonly results = input<ResultsDto | null>(null);
  readonly actions = input.required<readonly OfficerAction[]>();
  readonly changed = output<void>();

  protected readonly can = (action: OfficerAction) => this.actions().includes(action);
}
