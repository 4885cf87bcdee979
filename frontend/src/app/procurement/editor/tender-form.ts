import { FormGroup, NonNullableFormBuilder, Validators, type FormControl } from '@angular/forms';
import type { Grade, ProcurementMethod, TenderDto, TenderInputDto } from '../../api/models';
import { localDateTime, localToInstant } from '../../shared/dates';
import { bpToPercentText, fenToYuanText, percentToBp, yuanToFen, yuanValidator } from '../../shared/money';
import { CRITERION_KEY } from '../plan-sums';

export type CriterionForm = FormGroup<{
  key: FormControl<string>;
  name: FormControl<string>;
  weight: FormControl<number | null>;
}>;
export type MilestoneForm = FormGroup<{
  name: FormControl<string>;
  /** Percent as typed, up to 2 decimals: exact basis points. */
  share: FormControl<string>;
  dueInDays: FormControl<number | null>;
  /** Deliverable files the milestone's acceptance needs (0: none). */
  deliverables: FormControl<number | null>;
}>;

const DAY = 24 * 3600 * 1000;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export function criterionForm(
  fb: NonNullableFormBuilder,
  c = { key: '', name: '', weight: null as number | null },
): CriterionForm {
  return fb.group({
    key: [c.key, [Validators.required, Validators.pattern(CRITERION_KEY)]],
    name: [c.name, [Validators.required, Validators.maxLength(60)]],
    weight: fb.control<number | null>(c.weight, [
      Validators.required,
      Validators.min(1),
      Validators.max(100),
    ]),
  });
}

export function milestoneForm(
  fb: NonNullableFormBuilder,
  m: { name: string; share: string; dueInDays: number | null; deliverables?: number } = {
    name: '',
    share: '',
    dueInDays: null,
  },
): MilestoneForm {
  return fb.group({
    name: [m.name, [Validators.required, Validators.maxLength(60)]],
    share: [m.share, [Validators.required, Validators.pattern(PERCENT)]],
    dueInDays: fb.control<number | null>(m.dueInDays, [
      Validators.required,
      Validators.min(1),
      Validators.max(3650),
    ]),
    deliverables: fb.control<number | null>(m.deliverables ?? 0, [Validators.min(0), Validators.max(20)]),
  });
}

/** The editor's form, with the defaults a new tender starts from. */
export function tenderForm(fb: NonNullableFormBuilder, now = Date.now()) {
  return fb.group({
    title: ['', [Validators.required, Validators.minLength(4), Validators.maxLength(120)]],
    description: ['', [Validators.required, Validators.minLength(10), Validators.maxLength(10000)]],
    categoryCode: fb.control<string | null>(null, Validators.required),
    streetId: fb.control<string | null>(null, Validators.required),
    communityIds: fb.control<string[]>([], Validators.required),
    budget: ['', [Validators.required, yuanValidator]],
    method: fb.control<ProcurementMethod>('public_tender', Validators.required),
    singleSourceJustification: ['', [Validators.maxLength(2000)]],
    invitedOrganizationId: fb.control<string | null>(null),
    minGrade: fb.control<Grade | null>(null),
    serviceHours: fb.control<number | null>(1000, [Validators.required, Validators.min(0)]),
    beneficiaries: fb.control<number | null>(200, [Validators.required, Validators.min(0)]),
    minSatisfaction: fb.control<number | null>(4, [
      Validators.required,
      Validators.min(1),
      Validators.max(5),
    ]),
    price: fb.control<number | null>(30, [Validators.required, Validators.min(0), Validators.max(100)]),
    technical: fb.control<number | null>(60, [Validators.required, Validators.min(0), Validators.max(100)]),
    performance: fb.control<number | null>(10, [Validators.required, Validators.min(0), Validators.max(100)]),
    criteria: fb.array<CriterionForm>([
      criterionForm(fb, { key: 'plan', name: '服务方案', weight: 40 }),
      criterionForm(fb, { key: 'team', name: '团队配置', weight: 20 }),
    ]),
    milestones: fb.array<MilestoneForm>([
      milestoneForm(fb, { name: '首期', share: '30', dueInDays: 30 }),
      milestoneForm(fb, { name: '中期评估', share: '40', dueInDays: 180 }),
      milestoneForm(fb, { name: '结项验收', share: '30', dueInDays: 365 }),
    ]),
    enquiryDeadline: [localDateTime(new Date(now + 7 * DAY)), Validators.required],
    bidDeadline: [localDateTime(new Date(now + 14 * DAY)), Validators.required],
    standstillDays: fb.control<number | null>(10, [
      Validators.required,
      Validators.min(0),
      Validators.max(60),
    ]),
    needIds: fb.control<string[]>([]),
  });
}
export type TenderForm = ReturnType<typeof tenderForm>;
export type TenderFormValue = ReturnType<TenderForm['getRawValue']>;

const num = (n: number | null) => (n === null || Number.isNaN(n) ? 0 : n);

/** The weights as the API wants them, from whatever the form holds now (for the live sums too). */
export function weightsOf(v: Pick<TenderFormValue, 'price' | 'technical' | 'performance' | 'criteria'>) {
  return {
    price: num(v.price),
    technical: num(v.technical),
    performance: num(v.performance),
    criteria: v.criteria.map((c) => ({ key: c.key.trim(), name: c.name.trim(), weight: num(c.weight) })),
  };
}

/**
 * The milestone plan in basis points; a share that does not parse counts as 0. A milestone whose
 * acceptance needs deliverable files says how many (none: the field is left out).
 */
export function milestonePlanOf(v: Pick<TenderFormValue, 'milestones'>) {
  return v.milestones.map((m) => {
    const deliverables = num(m.deliverables);
    return {
      name: m.name.trim(),
      shareBp: percentToBp(m.share) ?? 0,
      dueInDays: num(m.dueInDays),
      ...(deliverables > 0 ? { minDeliverables: deliverables } : {}),
    };
  });
}

/** The request body of POST/PUT /tenders from a valid form. */
export function tenderInput(v: TenderFormValue): TenderInputDto {
  const single = v.method === 'single_source' || v.method === 'direct_commission';
  const body: TenderInputDto = {
    title: v.title.trim(),
    description: v.description.trim(),
    categoryCode: v.categoryCode ?? '',
    streetId: v.streetId ?? '',
    communityIds: v.communityIds,
    budgetCeilingFen: yuanToFen(v.budget) ?? 0,
    method: v.method,
    kpis: {
      serviceHours: num(v.serviceHours),
      beneficiaries: num(v.beneficiaries),
      minSatisfaction: num(v.minSatisfaction),
    },
    weights: weightsOf(v),
    milestonePlan: milestonePlanOf(v),
    enquiryDeadline: localToInstant(v.enquiryDeadline) ?? '',
    bidDeadline: localToInstant(v.bidDeadline) ?? '',
    standstillDays: num(v.standstillDays),
    needIds: v.needIds,
  };
  if (v.minGrade) body.minGrade = v.minGrade;
  if (single && v.invitedOrganizationId) body.invitedOrganizationId = v.invitedOrganizationId;
  if (v.method === 'single_source' && v.singleSourceJustification.trim())
    body.singleSourceJustification = v.singleSourceJustification.trim();
  return body;
}

/** Fills the form with a saved draft (rebuilding the criteria and milestone rows). */
export function patchTender(form: TenderForm, fb: NonNullableFormBuilder, t: TenderDto): void {
  form.controls.criteria.clear();
  for (const c of t.weights.criteria) form.controls.criteria.push(criterionForm(fb, c));
  form.controls.milestones.clear();
  for (const m of t.milestonePlan)
    form.controls.milestones.push(
      milestoneForm(fb, {
        name: m.name,
        share: bpToPercentText(m.shareBp),
        dueInDays: m.dueInDays,
        deliverables: m.minDeliverables ?? 0,
      }),
    );
  form.patchValue({
    title: t.title,
    description: t.description,
    categoryCode: t.categoryCode,
    streetId: t.streetId,
    communityIds: t.communityIds,
    budget: fenToYuanText(t.budgetCeilingFen),
    method: t.method,
    singleSourceJustification: t.singleSourceJustification ?? '',
    invitedOrganizationId: t.invitedOrganizationId,
    minGrade: (t.minGrade as Grade | null) ?? null,
    serviceHours: t.kpis.serviceHours,
    beneficiaries: t.kpis.beneficiaries,
    minSatisfaction: t.kpis.minSatisfaction,
    price: t.weights.price,
    technical: t.weights.technical,
    performance: t.weights.performance,
    enquiryDeadline: localDateTime(new Date(t.enquiryDeadline)),
    bidDeadline: localDateTime(new Date(t.bidDeadline)),
    standstillDays: t.standstillDays,
    needIds: t.needIds,
  });
}
