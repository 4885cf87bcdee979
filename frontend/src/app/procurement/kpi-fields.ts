import type { I18nKey } from '../i18n/zh-CN';
import type { Field } from '../shared/form-fields';
import type { ReferenceData } from '../shared/reference-data';

/** The service category a need or a tender is for: the live catalog as a tree, required. */
export const categoryField = (ref: ReferenceData, id: string, label: I18nKey, testId: string): Field => ({
  kind: 'tree',
  name: 'categoryCode',
  id,
  label,
  required: true,
  rule: 'form.required',
  testId,
  nodes: () => ref.categoryNodes(),
  placeholder: 'form.choose',
});

/** A count a tender asks for and a bid offers (service hours, beneficiaries): a number from 0. */
const countField = (name: string, id: string, label: I18nKey, testId: string): Field => ({
  name,
  id,
  label,
  kind: 'number',
  min: 0,
  required: true,
  rule: 'procurement.editor.numberRule',
  testId,
});

/**
 * The rows of a tender's KPIs (service hours, beneficiaries, least satisfaction), which the editor
 * asks for and a bid offers: ids and test ids start with `prefix`.
 */
export const kpiFields = (prefix: string): readonly Field[] => [
  countField('serviceHours', `${prefix}-hours`, 'procurement.kpis.serviceHours', `${prefix}-hours`),
  countField(
    'beneficiaries',
    `${prefix}-people`,
    'procurement.kpis.beneficiaries',
    `${prefix}-beneficiaries`,
  ),
  {
    name: 'minSatisfaction',
    id: `${prefix}-satisfaction`,
    label: 'procurement.kpis.minSatisfaction',
    kind: 'number',
    min: 1,
    max: 5,
    step: 0.1,
    required: true,
    rule: 'procurement.kpis.satisfactionRule',
    testId: `${prefix}-satisfaction`,
  },
];
