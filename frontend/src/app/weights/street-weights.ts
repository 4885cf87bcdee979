import { Component, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSliderModule } from 'ng-zorro-antd/slider';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { scoringWeightsGet } from '../api/fn/scores/scoring-weights-get';
import { scoringWeightsPreview } from '../api/fn/scores/scoring-weights-preview';
import { scoringWeightsReplace } from '../api/fn/scores/scoring-weights-replace';
import type { StreetWeightsDto, WeightSettingsInputDto, WeightsPreviewRowDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { IncentiveRules } from '../incentives/incentive-rules';
import { injectIsMobile } from '../layout/viewport';
import { StreetPicker } from '../shared/street-picker';
import { failureText } from '../shared/api-error';
import { UserScopes } from '../shared/scopes';
import { TierTag } from '../shared/tier-tag';
import {
  WEIGHT_KEYS,
  type WeightKey,
  type WeightsForm,
  type WeightsProblem,
  formOf,
  unchanged,
  weightOf,
  weightTotal,
  weightsInput,
  weightsProblems,
} from './weights-form';
import { PAGED_TABLE, type TableColumn } from '../shared/paged-table';
import { action } from '../shared/run-action';
import { reloadOn } from '../shared/list-query';
import { ErrorAlert } from '../shared/error-alert';
import { offeredOrFirstPick } from '../shared/choice-select';
import { ifMatch } from '../shared/etag';

/** How long the form must rest before the preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 300;

const WEIGHT_LABELS: Record<WeightKey, I18nKey> = {
  delivery: 'scores.indicator.delivery',
  satisfaction: 'scores.indicator.satisfaction',
  compliance: 'scores.indicator.compliance',
  capacity: 'scores.indicator.capacity',
  reach: 'scores.indicator.reach',
};

const PROBLEM_TEXTS: Record<WeightsProblem, I18nKey> = {
  weight: 'weights.problem.weight',
  sum: 'weights.problem.sum',
  priorMean: 'weights.problem.priorMean',
  priorWeight: 'weights.problem.priorWeight',
  acceptanceWeight: 'weights.problem.acceptanceWeight',
};

const sameInput = (a: WeightSettingsInputDto | null, b: WeightSettingsInputDto | null) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * `/scoring-weights`: the street director sets the street's indicator weights, the satisfaction
 * prior and the acceptance ratings' share, watching the street's organizations' latest scores and
 * tiers recomputed under them before saving; below, the street's incentive rules. Saved changes
 * apply from the next scoring run.
 */
@Component({
  selector: 'app-street-weights',
  imports: [
    ErrorAlert,
    FormsModule,
    IncentiveRules,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzPopconfirmModule,
    StreetPicker,
    NzSliderModule,
    NzTableModule,
    PAGED_TABLE,
    NzTagModule,
    TierTag,
  ],
  templateUrl: './street-weights.html',
  styleUrls: ['../shared/street-page.css', './street-weights.css'],
})
export class StreetWeights {
  private readonly api = inject(Api);
  protected readonly scopes = inject(UserScopes);
  protected readonly t = inject(I18n).t;
  protected readonly isMobile = injectIsMobile();
  protected readonly weightKeys = WEIGHT_KEYS;
  /** The preview table's columns (on a phone, the same words label each card's facts). */
  protected readonly previewColumns: readonly TableColumn[] = (
    ['organization', 'current', 'proposed', 'change'] as const
  ).map((k) => ({ label: `weights.preview.${k}` }));
  /** The boxes of the prior and of the acceptance's weight, under the sliders. */
  protected readonly priorBoxes: readonly {
    field: Exclude<keyof WeightsForm, 'weights'>;
    label: I18nKey;
    inputmode: 'decimal' | 'numeric';
    testId: string;
    percent?: boolean;
  }[] = [
    { field: 'priorMean', label: 'weights.priorMean', inputmode: 'decimal', testId: 'weights-prior-mean' },
    {
      field: 'priorWeight',
      label: 'weights.priorWeight',
      inputmode: 'numeric',
      testId: 'weights-prior-weight',
    },
    {
      field: 'acceptanceWeight',
      label: 'weights.acceptanceWeight',
      inputmode: 'numeric',
      testId: 'weights-acceptance',
      percent: true,
    },
  ];

  protected readonly streetId = offeredOrFirstPick(this.scopes.directorStreets);

  protected readonly saved = signal<StreetWeightsDto | null>(null);
  protected readonly form = signal<WeightsForm | null>(null);
  /** Reads the street's weights: busy meanwhile, the failure in its error. */
  protected readonly loader = action();
  protected readonly saving = action();

  protected readonly problems = computed(() => {
    const f = this.form();
    return f ? weightsProblems(f) : [];
  });
  protected readonly total = weightTotal(this.form);
  protected readonly dirty = computed(() => {
    const [f, s] = [this.form(), this.saved()];
    return !!f && !!s && !unchanged(f, s);
  });
  /** The proposal the preview and Save send; null while the form has problems. */
  private readonly proposal = computed(
    () => {
      const f = this.form();
      return f ? weightsInput(f) : null;
    },
    { equal: sameInput },
  );

  protected readonly preview = signal<WeightsPreviewRowDto[] | null>(null);
  protected readonly previewing = signal(false);
  protected readonly previewError = signal<string | null>(null);
  protected readonly tierChanges = computed(
    () =>
      (this.preview() ?? []).filter((r) => r.current && r.proposed && r.current.tier !== r.proposed.tier)
        .length,
  );
  /** Answers to earlier previews that arrive late are dropped. */
  private previewSeq = 0;

  constructor() {
    reloadOn(this.streetId, (streetId) => this.load(streetId));
    effect((onCleanup) => {
      const [streetId, body] = [this.streetId(), this.proposal()];
      if (!streetId || !body) return;
      const timer = setTimeout(() => void this.runPreview(streetId, body), PREVIEW_DEBOUNCE_MS);
      onCleanup(() => clearTimeout(timer));
    });
  }

  private async load(streetId: string | null): Promise<void> {
    this.saved.set(null);
    this.form.set(null);
    this.preview.set(null);
    this.loader.error.set(null);
    if (!streetId) return;
    await this.loader.run(async () => {
      const weights = await this.api.invoke(scoringWeightsGet, { streetId });
      if (streetId !== this.streetId()) return;
      this.saved.set(weights);
      this.form.set(formOf(weights));
    });
  }

  private async runPreview(streetId: string, body: WeightSettingsInputDto): Promise<void> {
    const seq = ++this.previewSeq;
    this.previewing.set(true);
    try {
      const result = await this.api.invoke(scoringWeightsPreview, { streetId, body });
      if (seq !== this.previewSeq) return;
      this.preview.set(result.organizations);
      this.previewError.set(null);
    } catch (err) {
      if (seq === this.previewSeq) this.previewError.set(failureText(err, this.t));
    } finally {
      if (seq === this.previewSeq) this.previewing.set(false);
    }
  }

  protected edit(field: Exclude<keyof WeightsForm, 'weights'>, value: string): void {
    this.form.update((f) => (f ? { ...f, [field]: value } : f));
  }

  protected editWeight(key: WeightKey, value: string | number): void {
    this.form.update((f) => (f ? { ...f, weights: { ...f.weights, [key]: String(value) } } : f));
  }

  protected weightValue(key: WeightKey): number {
    const f = this.form();
    return (f && weightOf(f, key)) ?? 0;
  }

  protected label(key: WeightKey): string {
    return this.t(WEIGHT_LABELS[key]);
  }

  protected problemText(problem: WeightsProblem): string {
    return this.t(PROBLEM_TEXTS[problem]);
  }

  /** "+1.25" / "−0.50" / "0.00". */
  protected changeText(change: number): string {
    const text = Math.abs(change).toFixed(2);
    return change > 0 ? `+${text}` : change < 0 ? `−${text}` : text;
  }

  protected discard(): void {
    const s = this.saved();
    if (s) this.form.set(formOf(s));
  }

  protected async save(): Promise<void> {
    const [streetId, body] = [this.streetId(), this.proposal()];
    if (!streetId || !body) return;
    await this.saving.run(
      async () => {
        // The version shown: the server refuses (412) weights someone else saved meanwhile.
        const shown = this.saved();
        const weights = await this.api.invoke(scoringWeightsReplace, {
          streetId,
          ...(shown ? { 'If-Match': ifMatch(shown.version) } : {}),
          body,
        });
        this.saved.set(weights);
        this.form.set(formOf(weights));
      },
      { success: 'weights.saved' },
    );
  }
}
