import { Component, inject } from '@angular/core';
import { evaluationMyPanels } from '../../api/fn/evaluation/evaluation-my-panels';
import { I18n } from '../../i18n/i18n.service';
import { ownPagedSection } from '../../shared/paged-section';
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
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;

  protected readonly panels = ownPagedSection(evaluationMyPanels, {
    testId: 'evaluations-list',
    moreTestId: 'evaluations-more',
  });
}
