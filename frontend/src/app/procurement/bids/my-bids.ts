import { Component, computed, inject, signal } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { bidsMine } from '../../api/fn/bids/bids-mine';
import { tendersList } from '../../api/fn/tenders/tenders-list';
import type { BidDto, TenderStatus, TenderSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { action } from '../../shared/run-action';
import { BID_COLORS, ProcurementLabels, TENDER_COLORS } from '../procurement-labels';
import { TENDER_ROWS } from '../tender-row';

/** Tenders whose bids are still in play: my bid's fate is worth a look. */
const ACTIVE: ReadonlySet<TenderStatus> = new Set(['published', 'evaluating', 'awarded', 'standstill']);
/** GET /tenders/:id/bids/mine is one call per tender: look at this many at most. */
export const MAX_LOOKUPS = 30;

export interface TenderWithBids {
  tender: TenderSummaryDto;
  bids: BidDto[];
}

/** An organization admin's bids: open tenders to bid on, and where each of my bids stands. */
@Component({
  selector: 'app-my-bids',
  imports: [TENDER_ROWS, NzTagModule],
  templateUrl: './my-bids.html',
  styleUrls: ['../../shared/column-page.css', '../tender-rows.css', './my-bids.css'],
})
export class MyBids {
  private readonly api = inject(Api);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = TENDER_COLORS;
  protected readonly bidColors = BID_COLORS;

  protected readonly rows = signal<TenderWithBids[]>([]);
  /** Reads the list: busy meanwhile, the failure in its error. */
  protected readonly loader = action();

  protected readonly open = computed(() => this.rows().filter((r) => r.tender.status === 'published'));
  protected readonly inPlay = computed(() =>
    this.rows().filter((r) => r.tender.status !== 'published' && r.bids.length > 0),
  );

  constructor() {
    void this.loader.run(() => this.load());
  }

  private async load(): Promise<void> {
    const tenders = (await this.api.invoke(tendersList, { limit: 100 })).items
      .filter((t) => ACTIVE.has(t.status))
      .slice(0, MAX_LOOKUPS);
    const bids = await Promise.all(
      tenders.map((t) => this.api.invoke(bidsMine, { tenderId: t.id }).catch(() => [] as BidDto[])),
    );
    this.rows.set(tenders.map((tender, i) => ({ tender, bids: bids[i] })));
  }

  protected liveBid(row: TenderWithBids): BidDto | null {
    return row.bids.find((b) => b.status !== 'withdrawn') ?? null;
  }
}
