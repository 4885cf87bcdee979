import { Component, inject } from '@angular/core';
import { Api } from '../../api/api';
import { evaluationMyPanels } from '../../api/fn/evaluation/evaluation-my-panels';
import { I18n } from '../../i18n/i18n.service';
import { PagedSection } from '../../shared/paged-section';
import { PagedList } from '../../shared/pages';
import { ProcurementLabels } from '../procurement-labels';
import { TENDER_ROWS } from '../tender-row';

/**
 * An evaluator's entry point: the tenders under evaluation whose panel they sit on, a page at a time,
 * those still waiting for their declaration or scores marked (what the home page counts).
 */
@Component({
  selector: 'app-evaluations',
  imports: [TENDER_ROWS],
  templateUrl: './evaluations.html',
  styleUrls: ['../../shared/column-page.css', '../tender-rows.css'],
})
export class Evaluations {
  private readonly api = inject(Api);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;

  private readonly list = new PagedList((cursor) =>
    this.api.invoke(evaluationMyPanels, cursor ? { cursor } : {}),
  );
  protected readonly panels = new PagedSection(() => this.list, {
    testId: 'evaluations-list',
    moreTestId: 'evaluations-more',
  });
}
