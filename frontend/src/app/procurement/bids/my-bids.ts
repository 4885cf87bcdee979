import { Component, inject } from '@angular/core';
import { bidsDue } from '../../api/fn/bids/bids-due';
import { bidsList } from '../../api/fn/bids/bids-list';
import { I18n } from '../../i18n/i18n.service';
import { ownPagedSection } from '../../shared/paged-section';
import { BID_COLORS, ProcurementLabels, TENDER_COLORS } from '../procurement-labels';
import { TENDER_ROWS } from '../tender-row';

/**
 * An organization admin's bids: the tenders still due a bid from one of their organizations (what the
 * home page counts), and every bid made with where it stands, each list a page at a time.
 */
@Component({
  selector: 'app-my-bids',
  imports: [TENDER_ROWS],
  templateUrl: './my-bids.html',
  styleUrls: ['../../shared/column-page.css', '../tender-rows.css'],
})
export class MyBids {
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = TENDER_COLORS;
  protected readonly bidColors = BID_COLORS;

  protected readonly due = ownPagedSection(bidsDue, {
    testId: 'my-bids-open',
    moreTestId: 'my-bids-open-more',
  });
  protected readonly bids = ownPagedSection(bidsList, {
    testId: 'my-bids-mine',
    moreTestId: 'my-bids-mine-more',
  });
}
