import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { streetSettingsGet, streetSettingsReplace } from '../../api/functions';
import type { IncentiveRuleInputDto, StreetSettingsDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { ruleSentence } from '../../incentives/incentive-words';
import { type RuleDraft, draftsOf, rulesInput } from '../../incentives/rule-draft';
import { RuleEditor } from '../../incentives/rule-editor';
import { ReferenceData } from '../../shared/reference-data';
import { adminFailure } from '../admin-errors';
import { ifMatch } from '../../shared/etag';
import {
  type SettingsForm,
  type SettingsProblem,
  WEIGHT_KEYS,
  type WeightKey,
  formOf,
  settingsInput,
  settingsProblems,
  weightSum,
} from './settings-form';
import { reloadOn } from '../../shared/list-query';
import { ChoiceSelect } from '../../shared/choice-select';

const WEIGHT_LABELS: Record<WeightKey, I18nKey> = {
  delivery: 'admin.streets.weight.delivery',
  satisfaction: 'admin.streets.weight.satisfaction',
  compliance: 'admin.streets.weight.compliance',
  capacity: 'admin.streets.weight.capacity',
  reach: 'admin.streets.weight.reach',
};

const PROBLEM_TEXTS: Record<SettingsProblem, I18nKey> = {
  threshold: 'admin.streets.problem.threshold',
  weight: 'admin.streets.problem.weight',
  sum: 'admin.streets.problem.sum',
  priorMean: 'admin.streets.problem.priorMean',
  priorWeight: 'admin.streets.problem.priorWeight',
};

/**
 * `/admin/streets`: one street's settings, set by the platform admin: the amount (in yuan on the
 * page, fen in the API) from which payments also need the street director, the scoring weights and
 * prior, and the incentive rules (the same rule editor as the director's page). One save, one change.
 */
@Component({
  selector: 'app-street-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ChoiceSelect,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzTagModule,
    RuleEditor,
  ],
  templateUrl: './street-settings.html',
  styleUrls: ['../../shared/street-page.css', './street-settings.css'],
})
export class StreetSettingsPage {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;
  protected readonly weightKeys = WEIGHT_KEYS;

  protected readonly streetChoices = computed(() =>
    this.ref.streets().map((s) => ({ value: s.id, label: s.name })),
  );
  protected readonly streetId = linkedSignal<{ id: string }[], string | null>({
    source: this.ref.streets,
    computation: (all, previous) => all.find((s) => s.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });
  protected readonly settings = signal<StreetSettingsDto | null>(null);
  protected readonly form = signal<SettingsForm | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  /** The rule rows being edited; null while the rules stay as they are. */
  protected readonly drafts = signal<RuleDraft[] | null>(null);
  /** The street goes back to the platform's default rules on save. */
  protected readonly resetRules = signal(false);
  protected readonly tried = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);

  protected readonly sum = computed(() => {
    const form = this.form();
    return form ? weightSum(form) : NaN;
  });
  protected readonly sumText = computed(() => (Number.isNaN(this.sum()) ? '—' : String(this.sum())));
  protected readonly problems = computed(() => {
    const form = this.form();
    return form ? settingsProblems(form) : [];
  });
  protected readonly sentences = computed(() =>
    (this.settings()?.incentiveRules.rules ?? []).map((r) => ({ id: r.id, text: ruleSentence(r, this.t) })),
  );

  constructor() {
    this.ref.load().catch((err: unknown) => this.error.set(adminFailure(err, this.t)));
    reloadOn(this.streetId, (streetId) => this.load(streetId));
  }

  protected async load(streetId: string | null): Promise<void> {
    this.settings.set(null);
    this.form.set(null);
    this.drafts.set(null);
    this.resetRules.set(false);
    this.tried.set(false);
    this.saveError.set(null);
    this.error.set(null);
    if (!streetId) return;
    this.loading.set(true);
    try {
      const settings = await this.api.invoke(streetSettingsGet, { id: streetId });
      if (streetId !== this.streetId()) return;
      this.settings.set(settings);
      this.form.set(formOf(settings));
    } catch (err) {
      this.error.set(adminFailure(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected weightLabel(key: WeightKey): string {
    return this.t(WEIGHT_LABELS[key]);
  }

  protected problemText(problem: SettingsProblem): string {
    return this.t(PROBLEM_TEXTS[problem], { sum: this.sumText() });
  }

  protected edit<K extends Exclude<keyof SettingsForm, 'weights'>>(field: K, value: string): void {
    this.form.update((f) => (f ? { ...f, [field]: value } : f));
  }

  protected editWeight(key: WeightKey, value: string): void {
    this.form.update((f) => (f ? { ...f, weights: { ...f.weights, [key]: value } } : f));
  }

  protected editRules(): void {
    this.drafts.set(draftsOf(this.settings()?.incentiveRules.rules ?? []));
    this.resetRules.set(false);
  }

  protected keepRules(): void {
    this.drafts.set(null);
    this.resetRules.set(false);
  }

  protected backToDefaults(): void {
    this.drafts.set(null);
    this.resetRules.set(true);
  }

  protected async save(): Promise<void> {
    const streetId = this.streetId();
    const form = this.form();
    if (!streetId || !form) return;
    this.tried.set(true);
    const input = settingsInput(form);
    const drafts = this.drafts();
    let incentiveRules: IncentiveRuleInputDto[] | undefined;
    if (drafts) {
      const rules = rulesInput(drafts);
      if (!rules) return;
      incentiveRules = rules;
    } else if (this.resetRules()) incentiveRules = [];
    if (!input) return;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const shown = this.settings();
      const settings = await this.api.invoke(streetSettingsReplace, {
        id: streetId,
        ...(shown ? { 'If-Match': ifMatch(shown.version) } : {}),
        body: { ...input, ...(incentiveRules ? { incentiveRules } : {}) },
      });
      this.settings.set(settings);
      this.form.set(formOf(settings));
      this.drafts.set(null);
      this.resetRules.set(false);
      this.tried.set(false);
      this.message.success(this.t('admin.streets.saved', { street: settings.streetName }));
    } catch (err) {
      this.saveError.set(adminFailure(err, this.t));
    } finally {
      this.saving.set(false);
    }
  }
}
