import { Component, computed, inject, input, LOCALE_ID, signal } from '@angular/core';
import { formatDate, NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { publicProjectsGet } from '../api/fn/transparency/public-projects-get';
import { publicProjectsReplies } from '../api/fn/transparency/public-projects-replies';
import type { PublicProjectDto, PublicReplyDto } from '../api/models';
import { reloadOn } from '../shared/list-query';
import { BackLink } from '../shared/back-link';
import { failureText } from '../shared/api-error';
import { yuan } from '../delivery/labels';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { missingSubject } from '../server-rendering';

/** A line of a section of the record: what it is, and its figure (muted beside a need). */
interface RecordLine {
  what: string;
  figure: string;
  muted?: boolean;
  testId?: string;
}

/** A section of the record about money: its facts (a term and its value), then its lines. */
interface MoneySection {
  testId: string;
  heading: I18nKey;
  facts: { term: I18nKey; value: string; testId?: string }[];
  lines: RecordLine[];
}

/** A project's public record, from the need to the money: no sign-in, phone first. */
@Component({
  selector: 'app-public-project',
  imports: [
    BackLink,
    NgTemplateOutlet,
    RouterLink,
    LoadMore,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
  ],
  templateUrl: './public-project.html',
  styleUrls: ['../shared/column-page.css', './transparency.css'],
})
export class PublicProject {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly yuan = yuan;
  private readonly locale = inject(LOCALE_ID);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly project = signal<PublicProjectDto | null>(null);
  protected readonly notFound = signal(false);
  private readonly missing = missingSubject();
  protected readonly error = signal<string | null>(null);
  /** The organization's replies to the ratings, a page at a time. */
  protected readonly replies = computed(() => {
    const id = this.id();
    return new PagedList<PublicReplyDto>((cursor) => this.api.invoke(publicProjectsReplies, { id, cursor }));
  });
  /** The OCDS record of the project's contracting process, when it came from a tender. */
  protected readonly ocdsUrl = computed(() => {
    const ocid = this.project()?.ocid;
    return ocid ? `/api/ocds/records/${encodeURIComponent(ocid)}` : null;
  });
  /** The needs the project answers: each with its community and upvotes. */
  protected readonly needLines = computed((): RecordLine[] =>
    (this.project()?.needs ?? []).map((n) => ({
      what: n.title,
      figure: `${n.communityName} · ${this.t('publicProjects.upvotes', { n: '' + n.upvotes })}`,
      muted: true,
    })),
  );
  /** The hours served, month by month. */
  protected readonly hourLines = computed((): RecordLine[] =>
    (this.project()?.hoursByMonth ?? []).map((h) => ({
      what: h.month,
      figure: this.t('publicProjects.hoursRecords', { hours: '' + h.hours, records: '' + h.records }),
    })),
  );
  /** The contract (its amount, period and milestones) and the money (committed, paid, each payment). */
  protected readonly moneySections = computed((): MoneySection[] => {
    const p = this.project();
    if (!p) return [];
    const fen = (amount: number) => `¥${yuan(amount)}`;
    return [
      {
        testId: 'public-project-contract',
        heading: 'publicProjects.contract',
        facts: [
          { term: 'publicProjects.amount', value: fen(p.contract.amountFen) },
          { term: 'publicProjects.period', value: `${p.contract.startsOn} – ${p.contract.endsOn}` },
        ],
        lines: p.milestones.map((m) => ({
          what: `${m.seq}. ${m.name} · ${this.t('publicProjects.due', { date: m.dueOn })}`,
          figure: `${fen(m.amountFen)} · ${this.t(m.paidFen > 0 ? 'publicProjects.milestonePaid' : 'publicProjects.milestonePlanned')}`,
          testId: `public-milestone-${m.seq}`,
        })),
      },
      {
        testId: 'public-project-money',
        heading: 'publicProjects.money',
        facts: [
          { term: 'publicProjects.committed', value: fen(p.money.committedFen) },
          { term: 'publicProjects.paid', value: fen(p.money.paidFen), testId: 'public-project-paid' },
        ],
        lines: p.money.payments.map((pay) => ({
          what: `${formatDate(pay.paidAt, 'yyyy-MM-dd', this.locale)} · ${this.kindLabel(pay.kind)}`,
          figure: fen(pay.amountFen),
        })),
      },
    ];
  });
  /** The widest bar of the ratings' distribution is the full width. */
  protected readonly maxStars = computed(() => Math.max(1, ...(this.project()?.ratings.distribution ?? [])));

  constructor() {
    reloadOn(this.id, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.project.set(null);
    this.notFound.set(false);
    this.error.set(null);
    try {
      const [project] = await Promise.all([
        this.api.invoke(publicProjectsGet, { id }),
        this.replies().reload(),
      ]);
      this.project.set(project);
    } catch (err) {
      if (this.missing(err)) this.notFound.set(true);
      else this.error.set(failureText(err, this.t));
    }
  }

  protected async moreReplies(): Promise<void> {
    try {
      await this.replies().more();
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  protected statusLabel(status: 'active' | 'completed'): string {
    return this.t(`publicProjects.status.${status}`);
  }

  protected kindLabel(kind: string): string {
    return kind === 'fund_grant' || kind === 'incentive_bonus'
      ? this.t(`publicProjects.kind.${kind}`)
      : this.t('publicProjects.kind.milestone');
  }

  protected percent(part: number, whole: number): number {
    return whole > 0 ? Math.round((part / whole) * 100) : 0;
  }
}
