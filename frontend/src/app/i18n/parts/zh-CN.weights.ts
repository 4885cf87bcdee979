/**
 * The Chinese strings of the weights pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNWeights = {
  'weights.acceptanceWeight': '验收评价占满意度',
  'weights.appliesHint': '保存后自下次评分计算起生效；已算出的得分保持不变。',
  'weights.confirm': '保存这些权重？自下次评分计算起生效，按预览将有 {count} 家机构等级变化。',
  'weights.defaults': '沿用平台默认',
  'weights.discard': '放弃修改',
  'weights.noStreet': '您不是任何街道的街道主任。',
  'weights.own': '本街道自定',
  'weights.preview.change': '变化',
  'weights.preview.current': '当前',
  'weights.preview.empty': '本街道还没有已认证的机构。',
  'weights.preview.hint': '按各机构最近一次评分的指标，用上面的权重重新计算（不保存）。',
  'weights.preview.loading': '正在计算预览…',
  'weights.preview.organization': '机构',
  'weights.preview.proposed': '调整后',
  'weights.preview.tierChanges': '{count} 家机构等级将变化',
  'weights.preview.title': '预览',
  'weights.preview.unscored': '尚无评分',
  'weights.preview.waiting': '改正上面的问题后显示预览。',
  'weights.priorHint':
    '评价少的机构，满意度向先验平均分靠拢；有社区验收评价时，满意度中按上面的比例计入验收评价。',
  'weights.priorMean': '先验平均分（1–5）',
  'weights.priorWeight': '先验权重（相当于几条评价）',
  'weights.problem.acceptanceWeight': '验收评价占比须为 0 到 100 的整数',
  'weights.problem.priorMean': '先验平均分须在 1 到 5 之间，最多两位小数',
  'weights.problem.priorWeight': '先验权重须为 1 到 1000 的整数',
  'weights.problem.sum': '五项权重合计须为 100%',
  'weights.problem.weight': '每项权重须为 0 到 100 的整数',
  'weights.save': '保存权重',
  'weights.saved': '权重已保存，自下次评分计算起生效',
  'weights.street': '街道',
  'weights.subtitle':
    '调整本街道五项指标的权重、满意度先验与验收评价占比，保存前先看各机构在新权重下的得分与等级。',
  'weights.sum': '合计 {sum}%（须为 100%）',
  'weights.title': '评分权重与激励规则',
  'weights.weightsTitle': '指标权重',
} as const;
