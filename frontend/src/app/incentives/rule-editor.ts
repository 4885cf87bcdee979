import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { Tier } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { type IncentiveAction, ruleSentence } from './incentive-words';
import {
  BAR_MONTH_CHOICES,
  MAX_RULES,
  MONTH_CHOICES,
  type DraftProblem,
  type RuleDraft,
  draftProblems,
  newDraft,
  rulesInput,
} from './rule-draft';

const ACTION_LABELS: Record<IncentiveAction, I18nKey> = {
  badge: 'incentives.action.badge',
  bonus: 'incentives.action.bonus',
  bar: 'incentives.action.bar',
};

const PROBLEM_TEXTS: Record<DraftProblem, I18nKey> = {
  months: 'incentives.edit.error.months',
  bonus: 'incentives.edit.error.bonus',
  barMonths: 'incentives.edit.error.barMonths',
  duplicate: 'incentives.edit.error.duplicate',
};

/**
 * The rows of an incentive rule set being edited (tier, months, action and its parameter), each
 * previewed in words; shared by the street director's rule page and the platform admin's street
 * settings. `tried`: the user tried to save, so row problems show.
 */
@Component({
  selector: 'app-rule-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule],
  template: `
    @for (row of drafts(); track row.key; let i = $index) {
      <div class="draft" data-testid="rule-draft" [attr.data-index]="i">
        <div class="fields">
          <div class="field">
            <span [id]="'rule-tier-label-' + i">{{ t('incentives.edit.tier') }}</span>
            <nz-select
              [attr.aria-labelledby]="'rule-tier-label-' + i"
              [attr.data-testid]="'rule-tier-' + i"
              [ngModel]="row.tier"
              (ngModelChange)="change(row.key, 'tier', $event)"
            >
              @for (tier of tiers; track tier) {
                <nz-option [nzValue]="tier" [nzLabel]="t('incentives.tier', { tier })" />
              }
            </nz-select>
          </div>
          <div class="field">
            <span [id]="'rule-months-label-' + i">{{ t('incentives.edit.months') }}</span>
            <nz-select
              [attr.aria-labelledby]="'rule-months-label-' + i"
              [attr.data-testid]="'rule-months-' + i"
              [ngModel]="row.consecutiveMonths"
              (ngModelChange)="change(row.key, 'consecutiveMonths', $event)"
            >
              @for (n of monthChoices; track n) {
                <nz-option [nzValue]="n" [nzLabel]="t('incentives.edit.monthCount', { months: '' + n })" />
              }
            </nz-select>
          </div>
          <div class="field">
            <span [id]="'rule-action-label-' + i">{{ t('incentives.edit.action') }}</span>
            <nz-select
              [attr.aria-labelledby]="'rule-action-label-' + i"
              [attr.data-testid]="'rule-action-' + i"
              [ngModel]="row.action"
              (ngModelChange)="change(row.key, 'action', $event)"
            >
              @for (action of actions; track action) {
                <nz-option [nzValue]="action" [nzLabel]="actionLabel(action)" />
              }
            </nz-select>
          </div>
          @if (row.action === 'bonus') {
            <label class="field">
              <span>{{ t('incentives.edit.bonusPercent') }}</span>
              <nz-input-wrapper>
                <input
                  nz-input
                  inputmode="decimal"
                  [attr.data-testid]="'rule-bonus-' + i"
                  [ngModel]="row.bonusPercent"
                  (ngModelChange)="change(row.key, 'bonusPercent', $event)"
                />
                <span nzInputSuffix>%</span>
              </nz-input-wrapper>
            </label>
          }
          @if (row.action === 'bar') {
            <div class="field">
              <span [id]="'rule-bar-months-label-' + i">{{ t('incentives.edit.barMonths') }}</span>
              <nz-select
                [attr.aria-labelledby]="'rule-bar-months-label-' + i"
                [attr.data-testid]="'rule-bar-months-' + i"
                [ngModel]="row.barMonths"
                (ngModelChange)="change(row.key, 'barMonths', $event)"
              >
                @for (n of barMonthChoices; track n) {
                  <nz-option [nzValue]="n" [nzLabel]="t('incentives.edit.monthCount', { months: '' + n })" />
                }
              </nz-select>
            </div>
          }
        </div>
        <div class="row-foot">
          @if (tried() && problems()[i]; as problem) {
            <span class="problem" role="alert" [attr.data-testid]="'rule-problem-' + i">{{
              problemText(problem)
            }}</span>
          } @else {
            <span class="preview" [attr.data-testid]="'rule-preview-' + i">{{ preview(row) }}</span>
          }
          <button
            nz-button
            nzType="text"
            nzDanger
            type="button"
            (click)="remove(row.key)"
            [attr.data-testid]="'rule-remove-' + i"
            [attr.aria-label]="t('incentives.edit.remove')"
          >
            <nz-icon nzType="delete" />
          </button>
        </div>
      </div>
    }
    <div class="actions">
      <button
        nz-button
        nzType="dashed"
        type="button"
        [disabled]="drafts().length >= maxRules"
        (click)="add()"
        data-testid="incentive-rules-add"
      >
        <nz-icon nzType="plus" />{{ t('incentives.edit.add') }}
      </button>
    </div>
  `,
  styleUrl: './rule-editor.css',
})
export class RuleEditor {
  protected readonly t = inject(I18n).t;

  readonly drafts = model.required<RuleDraft[]>();
  readonly tried = input(false);

  protected readonly tiers: readonly Tier[] = ['A', 'B', 'C', 'D'];
  protected readonly actions: readonly IncentiveAction[] = ['badge', 'bonus', 'bar'];
  protected readonly monthChoices = MONTH_CHOICES;
  protected readonly barMonthChoices = BAR_MONTH_CHOICES;
  protected readonly maxRules = MAX_RULES;
  protected readonly problems = computed(() => draftProblems(this.drafts()));

  protected add(): void {
    this.drafts.update((rows) => [...rows, newDraft()]);
  }

  protected remove(key: number): void {
    this.drafts.update((rows) => rows.filter((r) => r.key !== key));
  }

  protected change<K extends keyof Omit<RuleDraft, 'key'>>(key: number, field: K, value: RuleDraft[K]): void {
    this.drafts.update((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  }

  protected actionLabel(action: IncentiveAction): string {
    return this.t(ACTION_LABELS[action]);
  }

  protected problemText(problem: DraftProblem): string {
    return this.t(PROBLEM_TEXTS[problem]);
  }

  /** The sentence a row will read as once saved. */
  protected preview(d: RuleDraft): string {
    const input = rulesInput([d]);
    return input ? ruleSentence(input[0], this.t) : '';
  }
}
