import type { IndicatorValuesDto, ScoreInputsDto, ScoreSnapshotDto, Tier } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';

/** The five indicators (formulas v1 and v2), in the order the pages show them. */
export const INDICATORS = ['delivery', 'satisfaction', 'compliance', 'capacity', 'reach'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Lowest score of each tier (PRODUCT §7), best first. */
export const TIER_THRESHOLDS: readonly { tier: Tier; min: number }[] = [
  { tier: 'A', min: 85 },
  { tier: 'B', min: 70 },
  { tier: 'C', min: 60 },
  { tier: 'D', min: 0 },
];

/** How many improvements "what would raise the score" lists, largest first. */
export const MAX_IMPROVEMENTS = 3;

export type Translate = (key: I18nKey, params?: Record<string, string>) => string;

export interface IndicatorLine {
  indicator: Indicator;
  value: number;
  weight: number;
  /** What the indicator adds to the score: value × weight ÷ 100. */
  points: number;
  sentence: string;
}

export interface ScoreExplanation {
  summary: string;
  /** How far the next tier is, or that this is the top one. */
  nextTier: string;
  indicators: IndicatorLine[];
  strongest: string;
  weakest: string;
  /** What would raise the score most: the indicators with the most points left, each with what to do. */
  improvements: string[];
}

/** A number in the reader's language, at most `digits` decimals (1,240 / 77.1 / 4.08). */
export function formatNumber(value: number, lang: string, digits = 1): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** Formula v2's inputs, present on its snapshots (null on v1's, which did not read them). */
type V2Inputs = { [K in keyof ScoreInputsDto]: NonNullable<ScoreInputsDto[K]> } & {
  acceptanceMean: number | null;
  acceptanceSatisfaction: number | null;
};
const v2Inputs = (x: ScoreInputsDto): V2Inputs | null =>
  x.reportsDue === null || x.reportsDue === undefined ? null : (x as V2Inputs);

/**
 * The parts of v2's widened indicators, as backend scoring.sql.ts computes them: null when a part has no data
 * (the indicator then comes from the other part, or is neutral).
 */
export function v2Parts(x: V2Inputs) {
  return {
    records: x.records > 0 ? (100 * (x.records - x.rejected - x.upheldComplaints)) / x.records : null,
    reports:
      x.reportsDue > 0
        ? (100 * (x.reportsDue - 0.5 * x.reportsLate - x.reportsMissing)) / x.reportsDue
        : null,
    qualified: x.members > 0 ? (100 * x.qualified) / x.members : null,
    retention: x.membersAtStart > 0 ? (100 * x.membersRetained) / x.membersAtStart : null,
  };
}

/** One part of a two-part v2 indicator: its share (null without data), the head when it alone counts, its detail. */
interface IndicatorPart {
  share: number | null;
  only: I18nKey;
  detail: () => string;
}

/**
 * "Why this score" in plain words, from a snapshot's breakdown and the raw inputs it keeps (backend
 * scoring.sql.ts; formula v2's own inputs when the snapshot has them, v1's sentences otherwise): one sentence
 * per indicator, the strongest and weakest, and what would raise the score. Pure: the same snapshot,
 * dictionary and language always give the same sentences.
 */
export function explainScore(snapshot: ScoreSnapshotDto, t: Translate, lang: string): ScoreExplanation {
  const n = (value: number, digits = 1) => formatNumber(value, lang, digits);
  const { indicators: values, weights, inputs: x } = snapshot;
  const v2 = v2Inputs(x);
  // Sentences follow each other with a space in English, with none in Chinese.
  const join = (parts: string[]) => parts.join(lang.startsWith('zh') ? '' : ' ');
  const indicatorName = (i: Indicator) => t(`scores.indicator.${i}`);

  /** The residents' ratings in words: v1's satisfaction sentence, or (`residentsOnly`) v2's resident part. */
  const residentSentence = (value: string, residentsOnly = false): string => {
    const prior = n(x.priorMean, 2);
    if (x.ratings <= 0)
      return residentsOnly
        ? t('scoreV2.explain.residentsNone', { prior })
        : t('scores.explain.satisfactionNone', { value, prior });
    const bayes = (x.priorWeight * x.priorMean + x.ratingTotal) / (x.priorWeight + x.ratings);
    return t(residentsOnly ? 'scoreV2.explain.residents' : 'scores.explain.satisfaction', {
      value,
      ratings: n(x.ratings, 0),
      average: n(x.ratingTotal / x.ratings, 2),
      prior,
      weight: n(x.priorWeight, 0),
      bayes: n(bayes, 2),
    });
  };

  /**
   * A v2 indicator of two parts (compliance: records and reports; capacity: qualified and retained members):
   * the head says which parts it counts (both with their shares, one, or neither: neutral), then the detail of
   * each part counted.
   */
  const twoParts = (
    value: string,
    a: IndicatorPart,
    b: IndicatorPart,
    both: (aShare: string, bShare: string) => string,
    neutral: I18nKey,
  ): string => {
    const head =
      a.share !== null && b.share !== null
        ? both(n(a.share), n(b.share))
        : t(a.share !== null ? a.only : b.share !== null ? b.only : neutral, { value });
    return join([head, ...[a, b].filter((p) => p.share !== null).map((p) => p.detail())]);
  };

  /** An indicator with nothing to count (`none`) stands at the neutral score; else its numbers. */
  const counted = (
    none: boolean,
    neutral: I18nKey,
    key: I18nKey,
    value: string,
    params: Record<string, string>,
  ): string => (none ? t(neutral, { value }) : t(key, { value, ...params }));

  /** v2's sentences for the indicators it widened (delivery is v1's). */
  const sentenceV2 = (i: Indicator, value: string, y: V2Inputs): string => {
    const part = v2Parts(y);
    switch (i) {
      case 'satisfaction': {
        if (y.acceptanceRatings <= 0 || y.acceptanceMean === null)
          return join([
            residentSentence(value),
            t('scoreV2.explain.noAcceptance', { weight: n(y.acceptanceWeight, 0) }),
          ]);
        return join([
          t('scoreV2.explain.satisfaction', {
            value,
            residentWeight: n(100 - y.acceptanceWeight, 0),
            resident: n(y.residentSatisfaction),
            acceptanceWeight: n(y.acceptanceWeight, 0),
            count: n(y.acceptanceRatings, 0),
            mean: n(y.acceptanceMean, 2),
            acceptance: n(y.acceptanceSatisfaction ?? 0),
          }),
          residentSentence(value, true),
        ]);
      }
      case 'compliance':
        return twoParts(
          value,
          {
            share: part.records,
            only: 'scoreV2.explain.complianceRecordsOnly',
            detail: () =>
              t('scoreV2.explain.complianceRecords', {
                kept: n(y.records - y.rejected - y.upheldComplaints, 0),
                records: n(y.records, 0),
                rejected: n(y.rejected, 0),
                upheld: n(y.upheldComplaints, 0),
              }),
          },
          {
            share: part.reports,
            only: 'scoreV2.explain.complianceReportsOnly',
            detail: () =>
              t('scoreV2.explain.complianceReports', {
                due: n(y.reportsDue, 0),
                onTime: n(y.reportsDue - y.reportsLate - y.reportsMissing, 0),
                late: n(y.reportsLate, 0),
                missing: n(y.reportsMissing, 0),
              }),
          },
          (recordsPart, reportsPart) =>
            t('scoreV2.explain.complianceBoth', { value, recordsPart, reportsPart }),
          'scoreV2.explain.complianceNeutral',
        );
      case 'capacity':
        return twoParts(
          value,
          {
            share: part.qualified,
            only: 'scoreV2.explain.capacityQualifiedOnly',
            detail: () =>
              t('scoreV2.explain.capacityQualified', {
                qualified: n(y.qualified, 0),
                members: n(y.members, 0),
              }),
          },
          {
            share: part.retention,
            only: 'scoreV2.explain.capacityRetentionOnly',
            detail: () =>
              t('scoreV2.explain.capacityRetention', {
                retained: n(y.membersRetained, 0),
                atStart: n(y.membersAtStart, 0),
              }),
          },
          (qualifiedPart, retentionPart) =>
            t('scoreV2.explain.capacityBoth', { value, qualifiedPart, retentionPart }),
          'scoreV2.explain.capacityNeutral',
        );
      case 'reach':
        return counted(y.records <= 0, 'scores.explain.reachNeutral', 'scoreV2.explain.reach', value, {
          beneficiaries: n(y.beneficiaries, 0),
          communities: n(y.communities, 0),
          needs: n(y.needsAddressed, 0),
        });
      case 'delivery':
        return sentenceV1(i);
    }
  };

  const sentence = (i: Indicator): string =>
    v2 && i !== 'delivery' ? sentenceV2(i, n(values[i]), v2) : sentenceV1(i);

  const sentenceV1 = (i: Indicator): string => {
    const value = n(values[i]);
    switch (i) {
      case 'delivery': {
        if (x.contractedHours <= 0) return t('scores.explain.deliveryNeutral', { value });
        const params = {
          value,
          approved: n(x.approvedHours),
          contracted: n(x.contractedHours),
          pct: n(Math.round((100 * x.approvedHours) / x.contractedHours), 0),
          onTime: n(x.milestonesOnTime, 0),
          due: n(x.milestonesDue, 0),
        };
        return x.milestonesDue > 0
          ? t('scores.explain.delivery', params)
          : t('scores.explain.deliveryNoMilestones', params);
      }
      case 'satisfaction':
        return residentSentence(value);
      case 'compliance':
        return counted(
          x.records <= 0,
          'scores.explain.complianceNeutral',
          'scores.explain.compliance',
          value,
          {
            records: n(x.records, 0),
            kept: n(x.records - x.rejected, 0),
            rejected: n(x.rejected, 0),
          },
        );
      case 'capacity':
        return counted(x.members <= 0, 'scores.explain.capacityNeutral', 'scores.explain.capacity', value, {
          members: n(x.members, 0),
          qualified: n(x.qualified, 0),
        });
      case 'reach':
        return counted(x.records <= 0, 'scores.explain.reachNeutral', 'scores.explain.reach', value, {
          beneficiaries: n(x.beneficiaries, 0),
          communities: n(x.communities, 0),
        });
    }
  };

  const lines: IndicatorLine[] = INDICATORS.map((i) => ({
    indicator: i,
    value: values[i],
    weight: weights[i],
    points: (values[i] * weights[i]) / 100,
    sentence: sentence(i),
  }));

  // Strongest and weakest by the indicator's own score; the first in page order wins a tie.
  const strongest = lines.reduce((a, b) => (b.value > a.value ? b : a));
  const weakest = lines.reduce((a, b) => (b.value < a.value ? b : a));
  const same = strongest.value === weakest.value;

  const improvement = (line: IndicatorLine, gain: string): string => {
    if (v2) {
      const part = v2Parts(v2);
      switch (line.indicator) {
        case 'satisfaction':
          if (v2.acceptanceRatings > 0 && v2.acceptanceMean !== null)
            return t('scoreV2.improve.satisfaction', {
              gain,
              average: n(x.ratings > 0 ? x.ratingTotal / x.ratings : x.priorMean, 2),
              mean: n(v2.acceptanceMean, 2),
            });
          break;
        case 'compliance':
          return t('scoreV2.improve.compliance', {
            gain,
            rejected: n(v2.rejected, 0),
            upheld: n(v2.upheldComplaints, 0),
            late: n(v2.reportsLate + v2.reportsMissing, 0),
          });
        case 'capacity':
          if (part.retention !== null && part.retention < 100)
            return t('scoreV2.improve.capacity', {
              gain,
              count: n(Math.max(0, v2.members - v2.qualified), 0),
              retained: n(v2.membersRetained, 0),
              atStart: n(v2.membersAtStart, 0),
            });
          break;
        case 'reach':
          return t('scoreV2.improve.reach', {
            gain,
            count: n(Math.max(1, Math.ceil((100 - line.value) / 5)), 0),
          });
      }
    }
    switch (line.indicator) {
      case 'delivery': {
        if (x.contractedHours <= 0) return t('scores.improve.deliveryNeutral', { gain });
        const hours = Math.max(0, x.contractedHours - x.approvedHours);
        const late = Math.max(0, x.milestonesDue - x.milestonesOnTime);
        const params = { gain, hours: n(hours), late: n(late, 0) };
        if (hours > 0 && late > 0) return t('scores.improve.deliveryBoth', params);
        return hours > 0
          ? t('scores.improve.deliveryHours', params)
          : t('scores.improve.deliveryMilestones', params);
      }
      case 'satisfaction':
        return x.ratings <= 0
          ? t('scores.improve.satisfactionNone', { gain })
          : t('scores.improve.satisfaction', { gain, average: n(x.ratingTotal / x.ratings, 2) });
      case 'compliance':
        return t('scores.improve.compliance', { gain });
      case 'capacity':
        return x.members <= 0
          ? t('scores.improve.capacityNeutral', { gain })
          : t('scores.improve.capacity', { gain, count: n(Math.max(1, x.members - x.qualified), 0) });
      case 'reach':
        return t('scores.improve.reach', {
          gain,
          count: n(Math.max(1, Math.ceil((100 - line.value) / 5)), 0),
        });
    }
  };
  // The points an indicator could still add: weight × (100 − value) ÷ 100.
  const room = lines
    .map((line) => ({ line, gain: (line.weight * (100 - line.value)) / 100 }))
    .filter((r) => r.gain >= 0.05)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, MAX_IMPROVEMENTS);
  const improvements = room.length
    ? room.map((r) => improvement(r.line, n(r.gain)))
    : [t('scores.improve.none')];

  const next = [...TIER_THRESHOLDS].reverse().find((th) => th.min > snapshot.score);
  return {
    summary: t('scores.explain.summary', {
      score: n(snapshot.score, 2),
      tier: snapshot.tier,
      weights: INDICATORS.map((i) => n(weights[i], 0)).join('/'),
      start: snapshot.periodStart,
      end: snapshot.periodEnd,
      version: snapshot.formulaVersion,
    }),
    nextTier: next
      ? t('scores.explain.nextTier', {
          points: n(next.min - snapshot.score, 2),
          tier: next.tier,
          threshold: n(next.min, 0),
        })
      : t('scores.explain.topTier'),
    indicators: lines,
    strongest: same
      ? t('scores.explain.allEqual', { value: n(strongest.value) })
      : t('scores.explain.strongest', {
          indicator: indicatorName(strongest.indicator),
          value: n(strongest.value),
        }),
    weakest: same
      ? ''
      : t('scores.explain.weakest', { indicator: indicatorName(weakest.indicator), value: n(weakest.value) }),
    improvements,
  };
}

/** The indicator values as a list in page order (for tables and charts). */
export const indicatorList = (values: IndicatorValuesDto): { indicator: Indicator; value: number }[] =>
  INDICATORS.map((indicator) => ({ indicator, value: values[indicator] }));

export interface FormulaChangeLine {
  indicator: Indicator;
  before: number;
  after: number;
  sentence: string;
}

export interface FormulaChangeExplanation {
  summary: string;
  /** What the new formula counts, and that organizations without those data score as before. */
  why: string;
  lines: FormulaChangeLine[];
}

/** A signed difference: +7.5, −1.2, ±0. */
function signed(value: number, lang: string): string {
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0) return '±0';
  return `${rounded > 0 ? '+' : '−'}${formatNumber(Math.abs(rounded), lang, 2)}`;
}

/**
 * The v1 → v2 change on an organization's score page: its last v1 snapshot beside its first v2 one, each
 * indicator's move with the reason, from the v2 snapshot's own inputs (so each reason names this
 * organization's figures: its complaints, reports, retention, needs and acceptance ratings).
 */
export function explainFormulaChange(
  previous: ScoreSnapshotDto,
  next: ScoreSnapshotDto,
  t: Translate,
  lang: string,
): FormulaChangeExplanation {
  const n = (value: number, digits = 2) => formatNumber(value, lang, digits);
  const y = v2Inputs(next.inputs);
  const reason = (i: Indicator): string => {
    if (!y) return t('scoreV2.change.reason.same');
    switch (i) {
      case 'delivery':
        return t('scoreV2.change.reason.delivery');
      case 'satisfaction':
        return t('scoreV2.change.reason.satisfaction', {
          count: n(y.acceptanceRatings, 0),
          weight: n(y.acceptanceWeight, 0),
        });
      case 'compliance':
        return t('scoreV2.change.reason.compliance', {
          upheld: n(y.upheldComplaints, 0),
          due: n(y.reportsDue, 0),
          late: n(y.reportsLate, 0),
          missing: n(y.reportsMissing, 0),
        });
      case 'capacity':
        return t('scoreV2.change.reason.capacity', {
          retained: n(y.membersRetained, 0),
          atStart: n(y.membersAtStart, 0),
        });
      case 'reach':
        return t('scoreV2.change.reason.reach', { needs: n(y.needsAddressed, 0) });
    }
  };
  return {
    summary: t('scoreV2.change.summary', {
      from: previous.formulaVersion,
      to: next.formulaVersion,
      before: n(previous.score),
      beforeTier: previous.tier,
      beforeEnd: previous.periodEnd,
      after: n(next.score),
      afterTier: next.tier,
      afterEnd: next.periodEnd,
      delta: signed(next.score - previous.score, lang),
    }),
    why: t('scoreV2.change.why'),
    lines: INDICATORS.map((i) => ({
      indicator: i,
      before: previous.indicators[i],
      after: next.indicators[i],
      sentence: t('scoreV2.change.line', {
        indicator: t(`scores.indicator.${i}`),
        before: n(previous.indicators[i]),
        after: n(next.indicators[i]),
        delta: signed(next.indicators[i] - previous.indicators[i], lang),
        reason: reason(i),
      }),
    })),
  };
}
