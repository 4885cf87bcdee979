import { Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { incentivesReplaceRules } from '../api/fn/incentives/incentives-replace-rules';
import { incentivesRules } from '../api/fn/incentives/incentives-rules';
import type { IncentiveRuleInputDto, IncentiveRuleSetDto } from '../api/models';
import { BusyButton } from '../shared/busy-button';
import { I18n } from '../i18n/i18n.service';
import { UserScopes, type Scope } from '../shared/scopes';
import { ruleSentence } from './incentive-words';
import { type RuleDraft, draftsOf, rulesInput } from './rule-draft';
import { RuleEditor } from './rule-editor';
import { EditCard } from '../shared/edit-card';
import { StreetPicker } from '../shared/street-picker';
import { action } from '../shared/run-action';
import { reloadOn } from '../shared/list-query';
import { ErrorAlert } from '../shared/error-alert';
import { offeredOrFirst } from '../shared/choice-select';
import { ifMatch } from '../shared/etag';

/**
 * `/incentive-rules`: the incentive rules of the user's street in plain words, and whether the
 * street follows the platform defaults. The street director edits them, or returns to the defaults.
 */
@Component({
  selector: 'app-incentive-rules',
  imports: [
    BusyButton,
    ErrorAlert,
    EditCard,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    StreetPicker,
    NzTagModule,
    RuleEditor,
  ],
  templateUrl: './incentive-rules.html',
  styleUrls: ['../shared/street-page.css', './incentive-rules.css'],
})
export class IncentiveRules {
  private readonly api = inject(Api);
  protected readonly scopes = inject(UserScopes);
  protected readonly t = inject(I18n).t;

  /** Set when the page is embedded for one street (the director's weights page): no heading or street picker. */
  readonly street = input<string | null>(null);

  protected readonly streetId = linkedSignal<{ all: Scope[]; fixed: string | null }, string | null>({
    source: () => ({ all: this.scopes.budgetStreets(), fixed: this.street() }),
    computation: ({ all, fixed }, previous) => fixed ?? offeredOrFirst(previous?.value ?? null, all),
  });
  protected readonly isDirector = computed(() => {
    const streetId = this.streetId();
    return !!streetId && this.scopes.isDirectorOf(streetId);
  });

  protected readonly ruleSet = signal<IncentiveRuleSetDto | null>(null);
  /** Reads the street's rules: busy meanwhile, the failure in its error. */
  protected readonly loader = action();
  protected readonly sentences = computed(() =>
    (this.ruleSet()?.rules ?? []).map((r) => ({ id: r.id, tier: r.tier, text: ruleSentence(r, this.t) })),
  );

  /** The rows being edited; null when not editing. */
  protected readonly drafts = signal<RuleDraft[] | null>(null);
  protected readonly saving = action();
  /** Once the user tried to save, row problems are shown. */
  protected readonly tried = signal(false);

  constructor() {
    reloadOn(this.streetId, (streetId) => this.load(streetId));
  }

  protected async load(streetId: string | null): Promise<void> {
    this.ruleSet.set(null);
    this.drafts.set(null);
    this.loader.error.set(null);
    if (!streetId) return;
    const read = await this.loader.run(() => this.api.invoke(incentivesRules, { streetId }));
    if (read && streetId === this.streetId()) this.ruleSet.set(read.value);
  }

  protected edit(): void {
    this.drafts.set(draftsOf(this.ruleSet()?.rules ?? []));
    this.saving.error.set(null);
    this.tried.set(false);
  }

  protected cancel(): void {
    this.drafts.set(null);
    this.saving.error.set(null);
  }

  protected async save(): Promise<void> {
    this.tried.set(true);
    const rules = rulesInput(this.drafts() ?? []);
    if (!rules) return;
    if (rules.length === 0) return this.reset();
    await this.replace(rules, 'incentives.saved');
  }

  /** An empty rule set: the street follows the platform defaults again. */
  protected async reset(): Promise<void> {
    await this.replace([], 'incentives.resetDone');
  }

  private async replace(rules: IncentiveRuleInputDto[], done: 'incentives.saved' | 'incentives.resetDone') {
    const streetId = this.streetId();
    if (!streetId) return;
    await this.saving.run(
      async () => {
        // The version shown: the server refuses (412) a set someone else replaced meanwhile.
        const shown = this.ruleSet();
        const set = await this.api.invoke(incentivesReplaceRules, {
          streetId,
          ...(shown ? { 'If-Match': ifMatch(shown.version) } : {}),
          body: { rules },
        });
        this.ruleSet.set(set);
        this.drafts.set(null);
      },
      { success: done },
    );
  }
}
