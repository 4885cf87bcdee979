import type { IndicatorValuesDto, ScoreSnapshotDto, Tier } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';

/** The five indicators of formula v1, in the order the pages show them. */
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

/**
 * "Why this score" in plain words, from a snapshot's breakdown and the raw inputs it keeps (formula v1,
 * backend scoring.sql.ts): one sentence per indicator, the strongest and weakest, and what would raise
 * the score. Pure: the same snapshot, dictionary and language always give the same sentences.
 */
export function explainScore(snapshot: ScoreSnapshotDto, t: Translate, lang: string): ScoreExplanation {
  const n = (value: number, digits = 1) => formatNumber(value, lang, digits);
  const { indicators: values, weights, inputs: x } = snapshot;
  const indicatorName = (i: Indicator) => t(`scores.indicator.${i}`);

  const sentence = (i: Indicator): string => {
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
      case 'satisfaction': {
        const prior = n(x.priorMean, 2);
        if (x.ratings <= 0) return t('scores.explain.satisfactionNone', { value, prior });
        const bayes = (x.priorWeight * x.priorMean + x.ratingTotal) / (x.priorWeight + x.ratings);
        return t('scores.explain.satisfaction', {
          value,
          ratings: n(x.ratings, 0),
          average: n(x.ratingTotal / x.ratings, 2),
          prior,
          weight: n(x.priorWeight, 0),
          bayes: n(bayes, 2),
        });
      }
      case 'compliance':
        return x.records <= 0
          ? t('scores.explain.complianceNeutral', { value })
          : t('scores.explain.compliance', {
              value,
              records: n(x.records, 0),
              kept: n(x.records - x.rejected, 0),
              rejected: n(x.rejected, 0),
            });
      case 'capacity':
        return x.members <= 0
          ? t('scores.explain.capacityNeutral', { value })
          : t('scores.explain.capacity', {
              value,
              members: n(x.members, 0),
              qualified: n(x.qualified, 0),
            });
      case 'reach':
        return x.records <= 0
          ? t('scores.explain.reachNeutral', { value })
          : t('scores.explain.reach', {
              value,
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
