import type { Field } from '../shared/form-fields';

/**
 * The rows of a tender's KPIs (service hours, beneficiaries, least satisfaction), which the editor
 * asks for and a bid offers: ids and test ids start with `prefix`.
 */
export const kpiFields = (prefix: string): readonly Field[] => [
  {
    name: 'serviceHours',
    id: `${prefix}-hours`,
    label: 'procurement.kpis.serviceHours',
    kind: 'number',
    min: 0,
    required: true,
    rule: 'procurement.editor.numberRule',
    testId: `${prefix}-hours`,
  },
  {
    name: 'beneficiaries',
    id: `${prefix}-people`,
    label: 'procurement.kpis.beneficiaries',
    kind: 'number',
    min: 0,
    required: true,
    rule: 'procurement.editor.numberRule',
    testId: `${prefix}-beneficiaries`,
  },
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
