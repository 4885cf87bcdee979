import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder } from '@angular/forms';
import { map } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { streetSettingsGet } from '../../api/fn/admin/street-settings-get';
import { streetSettingsReplace } from '../../api/fn/admin/street-settings-replace';
import type { IncentiveRuleInputDto, StreetSettingsDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { ruleSentence } from '../../incentives/incentive-words';
import { type RuleDraft, draftsOf, rulesInput } from '../../incentives/rule-draft';
import { RuleEditor } from '../../incentives/rule-editor';
import { ReferenceData } from '../../shared/reference-data';
import { adminAction } from '../admin-errors';
import { ifMatch } from '../../shared/etag';
import {
  type SettingsForm,
  type SettingsProblem,
  WEIGHT_KEYS,
  type WeightKey,
  formOf,
  settingsInput,
  settingsProblems,
  weightTotal,
} from './settings-form';
import { reloadOn } from '../../shared/list-query';
import { ChoiceSelect, offeredOrFirstPick } from '../../shared/choice-select';
import { type Field, FormFields } from '../../shared/form-fields';
import { FormSubmit } from '../../shared/form-submit';
import { ErrorAlert } from '../../shared/error-alert';

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
  imports: [
    ErrorAlert,
    ChoiceSelect,
    FormFields,
    FormSubmit,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    NzTagModule,
    RuleEditor,
  ],
  templateUrl: './street-settings.html',
  styleUrls: ['../../shared/street-page.css', './street-settings.css'],
})
export class StreetSettingsPage {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  protected readonly streetChoices = computed(() =>
    this.ref.streets().map((s) => ({ value: s.id, label: s.name })),
  );
  protected readonly streetId = offeredOrFirstPick(this.ref.streets);
  protected readonly settings = signal<StreetSettingsDto | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  /** The settings as typed: text boxes (`SettingsForm`), checked together on save. */
  protected readonly fields = this.fb.group({
    thresholdYuan: [''],
    weights: this.fb.group({
      delivery: [''],
      satisfaction: [''],
      compliance: [''],
      capacity: [''],
      reach: [''],
    }),
    priorMean: [''],
    priorWeight: [''],
  });
  private readonly typed = toSignal(
    this.fields.valueChanges.pipe(map((): SettingsForm => this.fields.getRawValue())),
  );
  /** What is typed, once the street's settings are shown. */
  protected readonly form = computed(() => (this.settings() ? (this.typed() ?? null) : null));
  protected readonly thresholdFields: readonly Field[] = [
    {
      name: 'thresholdYuan',
      id: 'street-settings-threshold',
      label: 'admin.streets.threshold',
      kind: 'money',
      testId: 'street-settings-threshold',
    },
  ];
  protected readonly weightFields: readonly Field[] = WEIGHT_KEYS.map((k) => ({
    name: 'weights.' + k, // the control's path in the group (not an i18n key)
    id: `street-settings-weight-${k}`,
    label: WEIGHT_LABELS[k],
    labelSuffix: ' %',
    kind: 'decimal',
    testId: `street-settings-weight-${k}`,
  }));
  protected readonly priorFields: readonly Field[] = [
    {
      name: 'priorMean',
      id: 'street-settings-prior-mean',
      label: 'admin.streets.priorMean',
      kind: 'decimal',
      testId: 'street-settings-prior-mean',
    },
    {
      name: 'priorWeight',
      id: 'street-settings-prior-weight',
      label: 'admin.streets.priorWeight',
      kind: 'decimal',
      testId: 'street-settings-prior-weight',
    },
  ];
  /** Reads the street's settings: busy meanwhile, the failure in its error. */
  protected readonly loader = adminAction();

  /** The rule rows being edited; null while the rules stay as they are. */
  protected readonly drafts = signal<RuleDraft[] | null>(null);
  /** The street goes back to the platform's default rules on save. */
  protected readonly resetRules = signal(false);
  protected readonly tried = signal(false);
  protected readonly saving = adminAction();

  protected readonly total = weightTotal(this.form);
  protected readonly problems = computed(() => {
    const form = this.form();
    return form ? settingsProblems(form) : [];
  });
  protected readonly sentences = computed(() =>
    (this.settings()?.incentiveRules.rules ?? []).map((r) => ({ id: r.id, text: ruleSentence(r, this.t) })),
  );

  constructor() {
    this.ref.load().catch((err: unknown) => this.loader.fail(err));
    reloadOn(this.streetId, (streetId) => this.load(streetId));
  }

  protected async load(streetId: string | null): Promise<void> {
    this.settings.set(null);
    this.drafts.set(null);
    this.resetRules.set(false);
    this.tried.set(false);
    this.saving.error.set(null);
    this.loader.error.set(null);
    if (!streetId) return;
    await this.loader.run(async () => {
      const settings = await this.api.invoke(streetSettingsGet, { id: streetId });
      if (streetId === this.streetId()) this.show(settings);
    });
  }

  private show(settings: StreetSettingsDto): void {
    this.fields.setValue(formOf(settings));
    this.settings.set(settings);
  }

  protected problemText(problem: SettingsProblem): string {
    return this.t(PROBLEM_TEXTS[problem], { sum: this.total.text() });
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
    const shown = this.settings();
    const saved = await this.saving.run(
      () =>
        this.api.invoke(streetSettingsReplace, {
          id: streetId,
          ...(shown ? { 'If-Match': ifMatch(shown.version) } : {}),
          body: { ...input, ...(incentiveRules ? { incentiveRules } : {}) },
        }),
      { success: (settings) => this.t('admin.streets.saved', { street: settings.streetName }) },
    );
    if (!saved) return;
    this.show(saved.value);
    this.drafts.set(null);
    this.resetRules.set(false);
    this.tried.set(false);
  }
}
