import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { StreetWeightsDto, WeightsPreviewDto } from '../api/models';
import { configurePage, dom, signedInAs, stable } from '../testing/page-testing';
import { StreetWeights, PREVIEW_DEBOUNCE_MS } from './street-weights';
import { formOf, weightsInput, weightsProblems } from './weights-form';

const SAVED: StreetWeightsDto = {
  streetId: 's1',
  streetName: '阳光街道',
  defaults: true,
  appliesFrom: 'next_run',
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  priorMean: 4,
  priorWeight: 10,
  acceptanceWeight: 30,
  version: 2,
};

const preview = (proposed: number, tier: 'A' | 'B' | 'C' | 'D'): WeightsPreviewDto => ({
  streetId: 's1',
  organizations: [
    {
      organizationId: 'o1',
      name: '星光社工',
      current: { score: 72.75, tier: 'B', periodEnd: '2026-05-31', formulaVersion: 'v2' },
      proposed: { score: proposed, tier },
      change: Math.round((proposed - 72.75) * 100) / 100,
    },
    { organizationId: 'o2', name: '新苗社工', current: null, proposed: null, change: null },
  ],
});

const RULES = { streetId: 's1', inherited: true, rules: [] };
const debounce = () => new Promise((r) => setTimeout(r, PREVIEW_DEBOUNCE_MS + 20));

describe('weights form', () => {
  it('sends whole-number weights summing to 100 and the prior in range, nothing else', () => {
    const form = formOf(SAVED);
    expect(weightsInput(form)).toEqual({
      weights: SAVED.weights,
      priorMean: 4,
      priorWeight: 10,
      acceptanceWeight: 30,
    });
    expect(weightsProblems({ ...form, weights: { ...form.weights, reach: '14' } })).toEqual(['sum']);
    expect(weightsProblems({ ...form, weights: { ...form.weights, reach: '1.5' } })).toEqual(['weight']);
    expect(
      weightsProblems({ ...form, priorMean: '5.01', priorWeight: '0', acceptanceWeight: '101' }),
    ).toEqual(['priorMean', 'priorWeight', 'acceptanceWeight']);
    expect(weightsInput({ ...form, priorMean: '3.5' })?.priorMean).toBe(3.5);
  });
});

describe('StreetWeights', () => {
  let fixture: ComponentFixture<StreetWeights>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function start() {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'street_director', regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StreetWeights);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/streets/s1/scoring-weights').flush(SAVED);
    backend.expectOne('/api/streets/s1/incentive-rules').flush(RULES);
    await stable(fixture);
    await debounce();
    const first = backend.expectOne('/api/streets/s1/scoring-weights/preview');
    expect(first.request.body).toEqual({
      weights: SAVED.weights,
      priorMean: 4,
      priorWeight: 10,
      acceptanceWeight: 30,
    });
    first.flush(preview(72.75, 'B'));
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows the saved weights and every organization beside its preview', async () => {
    await start();
    expect(page.text('weights-street-name')).toBe('阳光街道');
    expect(page.text('weights-defaults')).toBe('沿用平台默认');
    expect(page.el<HTMLInputElement>('weights-delivery')?.value).toBe('30');
    expect(page.text('weights-sum')).toBe('合计 100%（须为 100%）');
    const rows = page.all('weights-preview-row');
    expect(rows.map((r) => r.getAttribute('data-org'))).toEqual(['星光社工', '新苗社工']);
    expect(rows[0].textContent).toContain('72.75');
    expect(rows[1].textContent).toContain('尚无评分');
    expect(page.el('weights-tier-changes')?.getAttribute('data-count')).toBe('0');
    expect(page.el<HTMLButtonElement>('weights-save')?.disabled).toBe(true);
    expect(page.text('weights-applies')).toContain('下次评分计算');
    expect(page.el('weights-rules')).not.toBeNull();
  });

  it('previews the edited weights once the typing pauses, and holds it while they do not add up', async () => {
    await start();
    page.type('weights-delivery', '40');
    await stable(fixture);
    expect(page.text('weights-sum')).toBe('合计 110%（须为 100%）');
    expect(page.text('weights-problems')).toContain('合计须为 100%');
    await debounce();
    backend.expectNone('/api/streets/s1/scoring-weights/preview');

    page.type('weights-reach', '4');
    page.type('weights-reach', '5');
    await stable(fixture);
    await debounce();
    // Two edits in a row ask once, for the last one.
    const req = backend.expectOne('/api/streets/s1/scoring-weights/preview');
    expect(req.request.body.weights).toEqual({
      delivery: 40,
      satisfaction: 25,
      compliance: 15,
      capacity: 15,
      reach: 5,
    });
    req.flush(preview(86.1, 'A'));
    await stable(fixture);
    expect(page.text('weights-proposed')).toBe('86.10 A 级');
    expect(page.text('weights-change')).toBe('+13.35');
    expect(page.el('weights-tier-changes')?.getAttribute('data-count')).toBe('1');
  });

  it('saves after confirming, and says the change applies from the next run', async () => {
    await start();
    page.type('weights-acceptance', '50');
    await stable(fixture);
    await debounce();
    backend.expectOne('/api/streets/s1/scoring-weights/preview').flush(preview(74, 'B'));
    await stable(fixture);

    page.click('weights-save');
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('0 家机构等级变化');
    document.querySelector<HTMLButtonElement>('.ant-popover .ant-popover-buttons .ant-btn-primary')!.click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/streets/s1/scoring-weights');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.get('If-Match')).toBe('"2"');
    expect(req.request.body).toEqual({
      weights: SAVED.weights,
      priorMean: 4,
      priorWeight: 10,
      acceptanceWeight: 50,
    });
    req.flush({ ...SAVED, defaults: false, acceptanceWeight: 50, version: 3 });
    await stable(fixture);
    expect(page.text('weights-defaults')).toBe('本街道自定');
    expect(page.el<HTMLButtonElement>('weights-save')?.disabled).toBe(true);
    expect(document.body.textContent).toContain('权重已保存，自下次评分计算起生效');
    // The saved values are the ones previewed last: no new preview.
    await debounce();
    backend.expectNone('/api/streets/s1/scoring-weights/preview');
  });

  it("shows the API's refusal beside the save button", async () => {
    await start();
    page.type('weights-prior-mean', '3');
    await stable(fixture);
    await debounce();
    backend.expectOne('/api/streets/s1/scoring-weights/preview').flush(preview(70, 'B'));
    page.click('weights-save');
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('.ant-popover .ant-popover-buttons .ant-btn-primary')!.click();
    await fixture.whenStable();
    backend
      .expectOne('/api/streets/s1/scoring-weights')
      .flush(
        { code: 'auth.out_of_scope', message: 'You do not hold street_director for this resource' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable(fixture);
    expect(page.text('weights-save-error')).toBe('该内容不在您的负责范围内');
    expect(page.el<HTMLInputElement>('weights-prior-mean')?.value).toBe('3');
  });
});
