import { Component, computed, inject, input, model } from '@angular/core';
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

const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];
const ACTIONS: readonly IncentiveAction[] = ['badge', 'bonus', 'bar'];

/** A select of a rule's row. */
interface RowSelect {
  name: string;
  field: 'tier' | 'consecutiveMonths' | 'action' | 'barMonths';
  label: I18nKey;
  choices: { value: unknown; label: string }[];
  /** Shown only for this action. */
  action?: IncentiveAction;
}

/**
 * The rows of an incentive rule set being edited (tier, months, action and its parameter), each
 * previewed in words; shared by the street director's rule page and the platform admin's street
 * settings. `tried`: the user tried to save, so row problems show.
 */
@Component({
  selector: 'app-rule-editor',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule],
  template: `
    @for (row of drafts(); track row.key; let i = $index) {
      <div class="draft" data-testid="rule-draft" [attr.data-index]="i">
        <div class="fields">
          @for (select of selects(); track select.name) {
            @if (!select.action || row.action === select.action) {
              <div class="field">
                <span [id]="'rule-' + select.name + '-label-' + i">{{ t(select.label) }}</span>
                <nz-select
                  [attr.aria-labelledby]="'rule-' + select.name + '-label-' + i"
                  [attr.data-testid]="'rule-' + select.name + '-' + i"
                  [ngModel]="row[select.field]"
                  (ngModelChange)="change(row.key, select.field, $event)"
                >
                  @for (choice of select.choices; track choice.value) {
                    <nz-option [nzValue]="choice.value" [nzLabel]="choice.label" />
                  }
                </nz-select>
              </div>
            }
          }
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

  /**
   * The selects of a row (the bar's months only for a bar; the bonus's percent, typed, follows them),
   * each with the draft's field it sets; `name` makes its ids and test ids.
   */
  protected readonly selects = computed((): RowSelect[] => {
    const months = (n: number) => ({
      value: n,
      label: this.t('incentives.edit.monthCount', { months: '' + n }),
    });
    return [
      {
        name: 'tier',
        field: 'tier',
        label: 'incentives.edit.tier',
        choices: TIERS.map((tier) => ({ value: tier, label: this.t('incentives.tier', { tier }) })),
      },
      {
        name: 'months',
        field: 'consecutiveMonths',
        label: 'incentives.edit.months',
        choices: MONTH_CHOICES.map(months),
      },
      {
        name: 'action',
        field: 'action',
        label: 'incentives.edit.action',
        choices: ACTIONS.map((action) => ({ value: action, label: this.t(ACTION_LABELS[action]) })),
      },
      {
        name: 'bar-months',
        field: 'barMonths',
        label: 'incentives.edit.barMonths',
        choices: BAR_MONTH_CHOICES.map(months),
        action: 'bar',
      },
    ];
  });
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

  protected problemText(problem: DraftProblem): string {
    return this.t(PROBLEM_TEXTS[problem]);
  }

  /** The sentence a row will read as once saved. */
  protected preview(d: RuleDraft): string {
    const input = rulesInput([d]);
    return input ? ruleSentence(input[0], this.t) : '';
  }
}
