/**
 * The Chinese strings of the scores pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNScores = {
  'leaderboard.category': '服务类别',
  'leaderboard.community': '社区',
  'leaderboard.empty': '没有符合条件的已评分组织',
  'leaderboard.organization': '组织',
  'leaderboard.rank': '名次',
  'leaderboard.reset': '清除筛选',
  'leaderboard.score': '评分',
  'leaderboard.street': '街道',
  'leaderboard.subtitle': '街道内已认证社会组织的当前绩效评分，任何人都可以查阅。',
  'leaderboard.tier': '等级',
  'leaderboard.tiers': '等级',
  'leaderboard.title': '绩效排行榜',
  'leaderboard.total': '共 {total} 个组织',
  'scoreV2.change.col.after': '变更后',
  'scoreV2.change.col.before': '变更前',
  'scoreV2.change.line': '{indicator} {before} → {after}（{delta}）：{reason}。',
  'scoreV2.change.reason.capacity':
    'v2 计入人员留任（统计期开始时在岗的 {atStart} 名成员中 {retained} 名仍在岗）',
  'scoreV2.change.reason.compliance':
    'v2 计入成立的投诉（{upheld} 条）和节点报告（到期 {due} 个，逾期 {late} 个，缺报 {missing} 个）',
  'scoreV2.change.reason.delivery': '两版公式相同，变化只来自两次评分之间的数据',
  'scoreV2.change.reason.reach': 'v2 计入回应的需求（{needs} 项，每项 10 分）',
  'scoreV2.change.reason.same': '公式相同',
  'scoreV2.change.reason.satisfaction': 'v2 计入社区验收评价（期内 {count} 条，有评价时占 {weight}%）',
  'scoreV2.change.summary':
    '评分公式由 {from} 改为 {to}：最后一次 {from} 评分 {before} 分（{beforeTier} 级，截至 {beforeEnd}），第一次 {to} 评分 {after} 分（{afterTier} 级，截至 {afterEnd}），变化 {delta}。',
  'scoreV2.change.title': '评分公式变更：v1 → v2',
  'scoreV2.change.why':
    '公式 v2 计入平台评分规则列出的全部因素：合规计入成立的投诉和逾期或缺报的节点报告，能力计入人员留任，覆盖计入回应的需求，满意度计入社区工作人员的验收评价。没有这些数据的机构，得分与 v1 相同。',
  'scoreV2.explain.capacityBoth':
    '能力 {value}/100：职业资格占一半（{qualifiedPart}/100），人员留任占一半（{retentionPart}/100）。',
  'scoreV2.explain.capacityNeutral': '能力 {value}/100：没有在岗成员，统计期开始时也没有，按中性分 70 计。',
  'scoreV2.explain.capacityQualified':
    '职业资格：{members} 名在岗成员中 {qualified} 名持有已核验的职业资格。',
  'scoreV2.explain.capacityQualifiedOnly':
    '能力 {value}/100：统计期开始时还没有在岗成员，暂不计留任，只按职业资格计。',
  'scoreV2.explain.capacityRetention': '留任：统计期开始时在岗的 {atStart} 名成员中 {retained} 名仍在岗。',
  'scoreV2.explain.capacityRetentionOnly': '能力 {value}/100：目前没有在岗成员，只按留任计。',
  'scoreV2.explain.complianceBoth':
    '合规 {value}/100：服务记录占 70%（{recordsPart}/100），节点报告占 30%（{reportsPart}/100）。',
  'scoreV2.explain.complianceNeutral':
    '合规 {value}/100：期内没有服务记录，也没有到期的节点报告，按中性分 70 计。',
  'scoreV2.explain.complianceRecords':
    '服务记录：{records} 条中 {kept} 条既未被驳回也没有成立的投诉（驳回 {rejected} 条，居民异议仍成立的已通过记录 {upheld} 条）。',
  'scoreV2.explain.complianceRecordsOnly': '合规 {value}/100：期内没有到期的节点报告，只按服务记录计。',
  'scoreV2.explain.complianceReports':
    '节点报告：到期 {due} 个，按时 {onTime} 个，逾期 {late} 个（按一半扣分），缺报 {missing} 个。',
  'scoreV2.explain.complianceReportsOnly': '合规 {value}/100：期内没有服务记录，只按节点报告计。',
  'scoreV2.explain.noAcceptance': '期内没有社区验收评价（有验收评价时占满意度的 {weight}%）。',
  'scoreV2.explain.reach':
    '覆盖 {value}/100：{beneficiaries} 名居民确认接受服务（每人 5 分），服务了 {communities} 个社区（每个 10 分），回应了需求清单上的 {needs} 项需求（每项 10 分），最高 100 分。',
  'scoreV2.explain.residents':
    '居民评价：{ratings} 条，平均 {average} 分，按权重 {weight} 向先验均值 {prior} 收拢（加权后 {bayes}/5）。',
  'scoreV2.explain.residentsNone': '居民评价：期内还没有，按先验均值 {prior}/5 计。',
  'scoreV2.explain.satisfaction':
    '满意度 {value}/100：居民评价占 {residentWeight}%（{resident}/100），社区工作人员的 {count} 条验收评价占 {acceptanceWeight}%（平均 {mean}/5，即 {acceptance}/100）。',
  'scoreV2.improve.capacity':
    '能力（最多 +{gain} 分）：再有 {count} 名成员取得并核验职业资格，并稳定团队（统计期开始时的 {atStart} 名成员中 {retained} 名仍在岗）。',
  'scoreV2.improve.compliance':
    '合规（最多 +{gain} 分）：减少被驳回的记录（本期 {rejected} 条），处理居民的异议（{upheld} 条仍成立），每个节点在到期日前报告（本期 {late} 个逾期或缺报）。',
  'scoreV2.improve.reach':
    '覆盖（最多 +{gain} 分）：再有 {count} 名居民确认接受服务，或到新的社区服务、回应需求清单上的需求（每个社区或每项需求 10 分）。',
  'scoreV2.improve.satisfaction':
    '满意度（最多 +{gain} 分）：争取更好的居民评价（目前平均 {average} 分）和验收评价（目前平均 {mean} 分）。',
  'scores.back': '返回组织主页',
  'scores.breakdown': '指标构成',
  'scores.breakdownChart': '五项指标得分与权重的条形图',
  'scores.col.indicator': '指标',
  'scores.col.period': '期末',
  'scores.col.points': '计入总分',
  'scores.col.tier': '等级',
  'scores.col.value': '得分',
  'scores.col.weight': '权重',
  'scores.explain.allEqual': '五项指标得分相同（{value}）。',
  'scores.explain.capacity': '能力 {value}/100：{members} 名在岗成员中 {qualified} 名持有已核验的职业资格。',
  'scores.explain.capacityNeutral': '能力 {value}/100：没有在岗成员，按中性分 70 计。',
  'scores.explain.compliance':
    '合规 {value}/100：{records} 条服务记录中 {kept} 条未被驳回（驳回 {rejected} 条）。',
  'scores.explain.complianceNeutral': '合规 {value}/100：期内没有服务记录，按中性分 70 计。',
  'scores.explain.delivery':
    '履约 {value}/100：合同约定 {contracted} 小时中已审核通过 {approved} 小时（{pct}%），{due} 个到期付款节点中 {onTime} 个按时申请。',
  'scores.explain.deliveryNeutral': '履约 {value}/100：期内没有约定服务时长的合同，按中性分 70 计。',
  'scores.explain.deliveryNoMilestones':
    '履约 {value}/100：合同约定 {contracted} 小时中已审核通过 {approved} 小时（{pct}%），期内没有到期的付款节点（按按时计）。',
  'scores.explain.nextTier': '再提高 {points} 分即可达到 {tier} 级（{threshold} 分）。',
  'scores.explain.reach':
    '覆盖 {value}/100：{beneficiaries} 名居民确认接受服务（每人 5 分），服务了 {communities} 个社区（每个 10 分），最高 100 分。',
  'scores.explain.reachNeutral': '覆盖 {value}/100：期内没有服务记录，按中性分 70 计。',
  'scores.explain.satisfaction':
    '满意度 {value}/100：{ratings} 条居民评价，平均 {average} 分，按权重 {weight} 向先验均值 {prior} 收拢（加权后 {bayes}/5）。',
  'scores.explain.satisfactionNone': '满意度 {value}/100：期内还没有居民评价，按先验均值 {prior}/5 计。',
  'scores.explain.strongest': '最强项：{indicator}（{value}）。',
  'scores.explain.summary':
    '总分 {score}，{tier} 级：五项指标按权重（{weights}）加权求和，统计期间 {start} 至 {end}，公式 {version}。',
  'scores.explain.topTier': '已是最高的 A 级。',
  'scores.explain.weakest': '最弱项：{indicator}（{value}）。',
  'scores.formula': '公式版本 {version}',
  'scores.history': '历史走势',
  'scores.historyChart': '每月末评分的折线图',
  'scores.historyEmpty': '还没有历史记录',
  'scores.improve.capacity': '能力（最多 +{gain} 分）：再有 {count} 名成员取得并核验职业资格。',
  'scores.improve.capacityNeutral': '能力（最多 +{gain} 分）：让持证社工加入团队并核验其资格。',
  'scores.improve.compliance': '合规（最多 +{gain} 分）：提交前核对服务记录，减少被驳回的记录。',
  'scores.improve.deliveryBoth':
    '履约（最多 +{gain} 分）：再完成并审核通过 {hours} 小时合同服务，并在到期日前申请每个付款节点（本期 {late} 个迟于到期日）。',
  'scores.improve.deliveryHours': '履约（最多 +{gain} 分）：再完成并审核通过 {hours} 小时合同服务。',
  'scores.improve.deliveryMilestones':
    '履约（最多 +{gain} 分）：每个付款节点在到期日前提出申请（本期 {late} 个迟于到期日）。',
  'scores.improve.deliveryNeutral':
    '履约（最多 +{gain} 分）：承接并按约完成购买服务合同；没有合同时履约按中性分 70 计。',
  'scores.improve.none': '各项指标均已满分。',
  'scores.improve.reach':
    '覆盖（最多 +{gain} 分）：再有 {count} 名居民确认接受服务，或到新的社区服务（每个社区 10 分）。',
  'scores.improve.satisfaction':
    '满意度（最多 +{gain} 分）：争取更多、更好的居民评价；目前平均 {average} 分，每条新评价都计入平均。',
  'scores.improve.satisfactionNone':
    '满意度（最多 +{gain} 分）：请服务对象在服务记录上评价；第一条好评就会让分数高于先验值。',
  'scores.improveTitle': '如何提高分数',
  'scores.incentives': '激励决定',
  'scores.leaderboardLink': '{street}绩效排行榜',
  'scores.notFound': '没有这个已认证的组织',
  'scores.notScoredHelp':
    '评分每晚计算，也会在相关事件后不久更新。尚未评分的组织在招标评审中按中性分 70 计算。',
  'scores.period': '统计期间 {start} 至 {end}（滚动 12 个月）',
  'scores.series.score': '评分',
  'scores.series.value': '得分（0–100）',
  'scores.series.weight': '权重（%）',
  'scores.title': '{name} 的绩效评分',
  'scores.total': '合计',
  'scores.why': '为什么是这个分数',
  'scores.whyIntro': '以下说明由评分快照中保存的指标和原始数据生成。',
} as const;
