import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../api/api';
import { participatoryList } from '../../api/fn/participatory-fund/participatory-list';
import { participatoryOpen } from '../../api/fn/participatory-fund/participatory-open';
import type { RoundMethod } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { yuanToFen, yuanValidator } from '../../shared/money';
import { FenPipe } from '../../shared/fen-pipe';
import { UserScopes } from '../../shared/scopes';
import { ChoiceSelect } from '../../shared/choice-select';
import { communityChoices } from '../../shared/community-select';
import { ListQuery, optionalParam, textParam } from '../../shared/list-query';
import { SearchSort } from '../../shared/search-sort';
import { listOf } from '../../shared/list-of';
import { PagedCard } from '../../shared/paged-card';
import { PagedSection } from '../../shared/paged-section';
import { ReferenceData } from '../../shared/reference-data';
import { CommunityFormCard } from '../community-form-card';
import type { Field } from '../../shared/form-fields';
import { CommunityForm, titleControl, titleField } from '../participation-fields';
import { RoundTags, methodLabel } from './round-tags';
import { ErrorAlert } from '../../shared/error-alert';

/**
 * 参与式预算: a community's participatory fund rounds (anyone may read them; residents vote and
 * organizations submit from a round's page). Community staff open a round here. Phone first.
 */
@Component({
  selector: 'app-round-list',
  imports: [RoundTags, ErrorAlert, CommunityFormCard, DatePipe, FenPipe, RouterLink, ChoiceSelect, PagedCard],
  templateUrl: './round-list.html',
  styleUrls: ['../../shared/page.css', '../participation.css'],
})
export class RoundList {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly scopes = inject(UserScopes);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  /** The community and the search, kept in the URL (Back from a round returns to them). */
  private readonly query = new ListQuery({ community: optionalParam(), q: textParam() });
  protected readonly picked = this.query.value;
  /** The community shown: the one picked (any, rounds are public), else one the user staffs or lives in, else the first one known. */
  protected readonly communityId = computed(
    () =>
      this.picked().community ??
      this.scopes.staffCommunities()[0]?.id ??
      this.scopes.boardCommunities()[0]?.id ??
      this.ref.communities()[0]?.id ??
      null,
  );
  protected readonly communityChoices = computed(() => communityChoices(this.ref));
  protected readonly search = new SearchSort(this.query, { name: 'pb', words: 'pb' });
  protected readonly isStaff = computed(() => this.scopes.isStaffOf(this.communityId() ?? ''));
  protected readonly rounds = new PagedSection(
    listOf(
      computed(() => {
        const communityId = this.communityId();
        const q = this.picked().q;
        return communityId ? { communityId, ...(q ? { q } : {}) } : null;
      }),
      (params, cursor) => this.api.invoke(participatoryList, { ...params, ...cursor }),
    ),
    { testId: 'pb-rounds', moreTestId: 'pb-rounds-more' },
  );
  /** The communities could not be read. */
  protected readonly error = signal<string | null>(null);

  protected readonly methods: RoundMethod[] = ['approval', 'knapsack'];
  protected readonly form = this.fb.group({
    title: titleControl(),
    description: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(4000)]],
    budget: ['', [Validators.required, yuanValidator]],
    cap: ['', [Validators.required, yuanValidator]],
    method: ['approval' as RoundMethod, Validators.required],
    submissionsCloseAt: ['', Validators.required],
    votingClosesAt: ['', Validators.required],
  });
  protected readonly fields = computed<Field[]>(() => [
    titleField('pb-title', 'pb-open-title'),
    {
      name: 'description',
      label: 'pb.description',
      id: 'pb-description',
      testId: 'pb-open-description',
      kind: 'textarea',
      required: true,
      rule: 'participation.questionRule',
    },
    {
      name: 'budget',
      label: 'pb.budgetYuan',
      id: 'pb-budget',
      testId: 'pb-open-budget',
      kind: 'decimal',
      required: true,
      rule: 'pb.amountRule',
    },
    {
      name: 'cap',
      label: 'pb.capYuan',
      id: 'pb-cap',
      testId: 'pb-open-cap',
      kind: 'decimal',
      required: true,
      rule: 'pb.amountRule',
    },
    {
      name: 'method',
      label: 'pb.methodLabel',
      id: 'pb-method',
      testId: 'pb-open-method',
      kind: 'select',
      required: true,
      options: () => this.methods.map((m) => ({ value: m, label: methodLabel(this.t, m) })),
    },
    {
      name: 'submissionsCloseAt',
      label: 'pb.submissionsCloseAt',
      id: 'pb-sub-close',
      testId: 'pb-open-submissions-close',
      kind: 'datetime',
      required: true,
      rule: 'form.required',
    },
    {
      name: 'votingClosesAt',
      label: 'pb.votingClosesAt',
      id: 'pb-vote-close',
      testId: 'pb-open-voting-close',
      kind: 'datetime',
      required: true,
      rule: 'form.required',
    },
  ]);
  protected readonly opening = new CommunityForm(
    this.form,
    ['submissionsCloseAt', 'votingClosesAt'],
    'pb-open',
    'pb.open',
  );

  constructor() {
    this.ref.load().catch(() => this.error.set(this.t('errors.reference')));
  }

  protected pickCommunity(community: string | null): void {
    this.query.set({ community });
  }

  protected open(): Promise<void> {
    return this.opening.send(this.communityId(), async (communityId, v, at) => {
      const created = await this.api.invoke(participatoryOpen, {
        communityId,
        body: {
          title: v.title.trim(),
          description: v.description.trim(),
          budgetFen: yuanToFen(v.budget) ?? 0,
          capFen: yuanToFen(v.cap) ?? 0,
          method: v.method,
          ...at,
        },
      });
      await this.router.navigate(['/participatory-rounds', created.id]);
    });
  }
}
