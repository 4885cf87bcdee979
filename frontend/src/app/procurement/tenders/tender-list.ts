import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { Api } from '../../api/api';
import { tendersList } from '../../api/functions';
import type { TenderStatus, TenderSummaryDto } from '../../api/models';
import { TENDER_STATUS } from '../../api/models/tender-status-array';
import { I18n } from '../../i18n/i18n.service';
import { ReferenceData } from '../../shared/reference-data';
import { failureText } from '../../shared/api-error';
import { formatFen } from '../money';
import { ProcurementLabels, TENDER_COLORS } from '../procurement-labels';
import { ProcurementScopes } from '../scopes';
import { TreeSelectKeys } from '../../shared/tree-select-keys';

export interface TenderFilters {
  status: TenderStatus | null;
  streetId: string | null;
  category: string | null;
}

/** Tenders per page of the list. */
export const TENDER_PAGE_SIZE = 20;

/** The query parameters of GET /tenders for the chosen filters (unset ones left out) and page. */
export function tenderListParams(
  filters: TenderFilters,
  cursor?: string,
): {
  status?: TenderStatus;
  streetId?: string;
  category?: string;
  limit: number;
  cursor?: string;
} {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.streetId ? { streetId: filters.streetId } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    limit: TENDER_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
}

/** Public list of tender notices; street officers also see their drafts and start new tenders here. */
@Component({
  selector: 'app-tender-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TreeSelectKeys,
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    NzTreeSelectModule,
  ],
  templateUrl: './tender-list.html',
  styleUrl: './tender-list.css',
})
export class TenderList {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly scopes = inject(ProcurementScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = TENDER_COLORS;
  protected readonly statuses = TENDER_STATUS;
  protected readonly money = formatFen;

  protected readonly status = signal<TenderStatus | null>(null);
  protected readonly streetId = signal<string | null>(null);
  protected readonly category = signal<string | null>(null);
  private readonly filters = computed<TenderFilters>(() => ({
    status: this.status(),
    streetId: this.streetId(),
    category: this.category(),
  }));

  protected readonly tenders = signal<TenderSummaryDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<string | null>(null);
  private generation = 0;

  constructor() {
    this.ref.load().catch(() => undefined);
    effect(() => {
      const filters = this.filters();
      untracked(() => void this.load(filters));
    });
  }

  protected async load(filters: TenderFilters): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.invoke(tendersList, tenderListParams(filters));
      if (generation !== this.generation) return;
      this.tenders.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      if (generation === this.generation) {
        this.tenders.set([]);
        this.nextCursor.set(null);
        this.error.set(failureText(err, this.t));
      }
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  /** The next page after the cursor, appended to the notices already shown. */
  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    try {
      const page = await this.api.invoke(tendersList, tenderListParams(this.filters(), cursor));
      if (generation !== this.generation) return;
      this.tenders.update((tenders) => [...tenders, ...page.items]);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loadingMore.set(false);
    }
  }
}
