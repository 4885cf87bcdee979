import type { zhCNScores } from './zh-CN.scores';

/** English strings of zh-CN.scores.ts, with exactly its keys. */
export const enUSScores: Record<keyof typeof zhCNScores, string> = {
  'leaderboard.category': 'Service category',
  'leaderboard.community': 'Community',
  'leaderboard.empty': 'No scored organization matches',
  'leaderboard.organization': 'Organization',
  'leaderboard.rank': 'Rank',
  'leaderboard.reset': 'Clear filters',
  'leaderboard.score': 'Score',
  'leaderboard.street': 'Street',
  'leaderboard.subtitle':
    "The current performance scores of a street's verified organizations, open to everyone.",
  'leaderboard.tier': 'Tier',
  'leaderboard.tiers': 'Tiers',
  'leaderboard.title': 'Performance leaderboard',
  'leaderboard.total': '{total} organizations',
  'scoreV2.change.col.after': 'After',
  'scoreV2.change.col.before': 'Before',
  'scoreV2.change.line': '{indicator} {before} → {after} ({delta}): {reason}.',
  'scoreV2.change.reason.capacity':
    "v2 also counts staff retention ({retained} of the {atStart} members active at the period's start stayed)",
  'scoreV2.change.reason.compliance':
    'v2 also counts upheld complaints ({upheld}) and milestone reports ({due} due, {late} late, {missing} missing)',
  'scoreV2.change.reason.delivery':
    'the same formula in both versions; any change comes from the data between the two runs',
  'scoreV2.change.reason.reach': 'v2 also counts needs answered ({needs}, 10 points each)',
  'scoreV2.change.reason.same': 'same formula',
  'scoreV2.change.reason.satisfaction':
    "v2 blends in the community staff's acceptance ratings ({count} in the period, {weight}% when there are some)",
  'scoreV2.change.summary':
    'The score formula changed from {from} to {to}: the last {from} score was {before} (tier {beforeTier}, period ending {beforeEnd}), the first {to} score {after} (tier {afterTier}, period ending {afterEnd}), {delta}.',
  'scoreV2.change.title': 'Formula change: v1 → v2',
  'scoreV2.change.why':
    "Formula v2 counts every input of the platform's scoring rules: upheld complaints and late or missing milestone reports in compliance, staff retention in capacity, needs addressed in reach, and the community staff's acceptance ratings in satisfaction. An organization without these data scores as under v1.",
  'scoreV2.explain.capacityBoth':
    'Capacity {value}/100: half qualifications ({qualifiedPart}/100), half staff retention ({retentionPart}/100).',
  'scoreV2.explain.capacityNeutral':
    "Capacity {value}/100: no active team members now or at the period's start, so the neutral 70 applies.",
  'scoreV2.explain.capacityQualified':
    'Qualifications: {qualified} of {members} active team members hold a verified qualification.',
  'scoreV2.explain.capacityQualifiedOnly':
    "Capacity {value}/100: from qualifications alone; nobody was on the team at the period's start, so retention does not count yet.",
  'scoreV2.explain.capacityRetention':
    "Retention: {retained} of the {atStart} members active at the period's start are still active.",
  'scoreV2.explain.capacityRetentionOnly':
    'Capacity {value}/100: from retention alone; there are no active team members now.',
  'scoreV2.explain.complianceBoth':
    'Compliance {value}/100: 70% service records ({recordsPart}/100), 30% milestone reports ({reportsPart}/100).',
  'scoreV2.explain.complianceNeutral':
    'Compliance {value}/100: no service records and no milestone report due in the period, so the neutral 70 applies.',
  'scoreV2.explain.complianceRecords':
    "Records: {kept} of {records} neither rejected nor under an upheld complaint ({rejected} rejected, {upheld} approved under a resident's standing dispute).",
  'scoreV2.explain.complianceRecordsOnly':
    'Compliance {value}/100: from the service records alone, no milestone report being due in the period.',
  'scoreV2.explain.complianceReports':
    'Reports: {due} milestone reports due, {onTime} on time, {late} late (counting half), {missing} missing.',
  'scoreV2.explain.complianceReportsOnly':
    'Compliance {value}/100: from the milestone reports alone, there being no service record in the period.',
  'scoreV2.explain.noAcceptance':
    'No acceptance rating by community staff in the period (they carry {weight}% of satisfaction when there are some).',
  'scoreV2.explain.reach':
    'Reach {value}/100: {beneficiaries} residents confirmed a service (5 points each), {communities} communities served (10 points each), {needs} needs on the needs list answered (10 points each), at most 100.',
  'scoreV2.explain.residents':
    'Residents: {ratings} ratings averaging {average}, pulled towards the prior {prior} by weight {weight} ({bayes} of 5 after weighting).',
  'scoreV2.explain.residentsNone':
    'Residents: no ratings in the period yet, so the prior {prior} of 5 applies.',
  'scoreV2.explain.satisfaction':
    "Satisfaction {value}/100: {residentWeight}% from residents' ratings ({resident}/100) and {acceptanceWeight}% from {count} acceptance ratings by community staff, averaging {mean} of 5 ({acceptance}/100).",
  'scoreV2.improve.capacity':
    "Capacity (up to +{gain} points): a verified qualification for {count} more of the team, and keep the team together ({retained} of {atStart} members at the period's start stayed).",
  'scoreV2.improve.compliance':
    "Compliance (up to +{gain} points): fewer rejected records ({rejected} this period), answer residents' disputes ({upheld} standing), and report each milestone by its due date ({late} late or missing).",
  'scoreV2.improve.reach':
    'Reach (up to +{gain} points): {count} more residents confirming a service, or serving new communities and answering needs on the needs list (10 points each).',
  'scoreV2.improve.satisfaction':
    'Satisfaction (up to +{gain} points): better resident ratings (average {average}) and acceptance ratings (average {mean}).',
  'scores.back': 'Back to the profile',
  'scores.breakdown': 'Breakdown',
  'scores.breakdownChart': 'Bar chart of the five indicator scores and their weights',
  'scores.col.indicator': 'Indicator',
  'scores.col.period': 'Period end',
  'scores.col.points': 'Points',
  'scores.col.tier': 'Tier',
  'scores.col.value': 'Score',
  'scores.col.weight': 'Weight',
  'scores.explain.allEqual': 'All five indicators score the same ({value}).',
  'scores.explain.capacity':
    'Capacity {value}/100: {qualified} of {members} active team members hold a verified qualification.',
  'scores.explain.capacityNeutral':
    'Capacity {value}/100: no active team members, so the neutral 70 applies.',
  'scores.explain.compliance':
    'Compliance {value}/100: {kept} of {records} service records not rejected ({rejected} rejected).',
  'scores.explain.complianceNeutral':
    'Compliance {value}/100: no service records in the period, so the neutral 70 applies.',
  'scores.explain.delivery':
    'Delivery {value}/100: {approved} of {contracted} contracted hours approved ({pct}%), {onTime} of {due} milestones requested on time.',
  'scores.explain.deliveryNeutral':
    'Delivery {value}/100: no contract with service hours in the period, so the neutral 70 applies.',
  'scores.explain.deliveryNoMilestones':
    'Delivery {value}/100: {approved} of {contracted} contracted hours approved ({pct}%), no milestone due in the period (counted as on time).',
  'scores.explain.nextTier': '{points} more points reach tier {tier} ({threshold}).',
  'scores.explain.reach':
    'Reach {value}/100: {beneficiaries} residents confirmed a service (5 points each) in {communities} communities served (10 points each), at most 100.',
  'scores.explain.reachNeutral':
    'Reach {value}/100: no service records in the period, so the neutral 70 applies.',
  'scores.explain.satisfaction':
    'Satisfaction {value}/100: {ratings} ratings averaging {average}, pulled towards the prior {prior} by weight {weight} ({bayes} of 5 after weighting).',
  'scores.explain.satisfactionNone':
    'Satisfaction {value}/100: no ratings in the period yet, so the prior {prior} of 5 applies.',
  'scores.explain.strongest': 'Strongest: {indicator} ({value}).',
  'scores.explain.summary':
    'Score {score}, tier {tier}: the five indicators weighted {weights} and added up, over {start} to {end}, formula {version}.',
  'scores.explain.topTier': 'Tier A is the highest tier.',
  'scores.explain.weakest': 'Weakest: {indicator} ({value}).',
  'scores.formula': 'Formula {version}',
  'scores.history': 'History',
  'scores.historyChart': 'Line chart of the score at each month end',
  'scores.historyEmpty': 'No history yet',
  'scores.improve.capacity':
    'Capacity (up to +{gain} points): a verified qualification for {count} more of the team.',
  'scores.improve.capacityNeutral':
    'Capacity (up to +{gain} points): have qualified social workers join the team and verify their qualifications.',
  'scores.improve.compliance':
    'Compliance (up to +{gain} points): fewer rejected records; check each record before submitting it.',
  'scores.improve.deliveryBoth':
    'Delivery (up to +{gain} points): get {hours} more contracted hours delivered and approved, and request each milestone payment by its due date ({late} were late this period).',
  'scores.improve.deliveryHours':
    'Delivery (up to +{gain} points): get {hours} more contracted hours delivered and approved.',
  'scores.improve.deliveryMilestones':
    'Delivery (up to +{gain} points): request each milestone payment by its due date ({late} were late this period).',
  'scores.improve.deliveryNeutral':
    'Delivery (up to +{gain} points): win and deliver service contracts; without one, delivery stays at the neutral 70.',
  'scores.improve.none': 'Every indicator is at its maximum.',
  'scores.improve.reach':
    'Reach (up to +{gain} points): {count} more residents confirming a service, or serving new communities (10 points each).',
  'scores.improve.satisfaction':
    'Satisfaction (up to +{gain} points): more and better resident ratings; the average is {average} and every new rating counts.',
  'scores.improve.satisfactionNone':
    'Satisfaction (up to +{gain} points): ask the residents served to rate their service records; good first ratings lift it above the prior.',
  'scores.improveTitle': 'What would raise the score',
  'scores.incentives': 'Incentive decisions',
  'scores.leaderboardLink': 'Leaderboard of {street}',
  'scores.notFound': 'No verified organization with this id',
  'scores.notScoredHelp':
    'Scores are computed nightly and shortly after relevant events. Until then, tender evaluation counts the neutral 70.',
  'scores.period': 'Period {start} to {end} (rolling 12 months)',
  'scores.series.score': 'Score',
  'scores.series.value': 'Score (0–100)',
  'scores.series.weight': 'Weight (%)',
  'scores.title': 'Performance score of {name}',
  'scores.total': 'Total',
  'scores.why': 'Why this score',
  'scores.whyIntro': 'Written from the indicators and raw figures the score snapshot keeps.',
};
