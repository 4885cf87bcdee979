import { Directive, inject } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { Api } from '../api/api';
import { I18n } from '../i18n/i18n.service';
import { ReferenceData } from '../shared/reference-data';
import { ProcurementLabels } from './procurement-labels';
import { ProcurementScopes } from './scopes';

/**
 * What the pages of procurement (the tenders, the notice and its panel, bids, scoring, the needs
 * board, the editor) read and write with: the API, their forms' builder, the regions and catalog,
 * where the user acts, the feature's labels and the user's words. A page extends it and injects
 * only what is its own.
 */
@Directive()
export abstract class ProcurementPage {
  protected readonly api = inject(Api);
  protected readonly fb = inject(NonNullableFormBuilder);
  protected readonly ref = inject(ReferenceData);
  protected readonly scopes = inject(ProcurementScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
}
