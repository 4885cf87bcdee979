import { Component, inject, signal } from '@angular/core';
import { Api } from '../../api/api';
import { tendersList } from '../../api/fn/tenders/tenders-list';
import type { TenderSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { action } from '../../shared/run-action';
import { ProcurementLabels } from '../procurement-labels';
import { UserScopes } from '../../shared/scopes';
import { TENDER_ROWS } from '../tender-row';

/** An evaluator's entry point: tenders of their streets now under evaluation. */
@Component({
  selector: 'app-evaluations',
  imports: [TENDER_ROWS],
  templateUrl: './evaluations.html',
  styleUrls: ['../../shared/column-page.css', '../tender-rows.css'],
})
export class Evaluations {
  private readonly api = inject(Api);
  private readonly scopes = inject(UserScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;

  protected readonly tenders = signal<TenderSummaryDto[]>([]);
  /** Reads the list: busy meanwhile, the failure in its error. */
  protected readonly loader = action();

  constructor() {
    void this.loader.run(() => this.load());
  }

  private async load(): Promise<void> {
    const lists = await Promise.all(
      this.scopes
        .evaluatorStreets()
        .map((s) => this.api.invoke(tendersList, { status: 'evaluating', streetId: s.id, limit: 100 })),
    );
    this.tenders.set(lists.flatMap((page) => page.items));
  }
}
