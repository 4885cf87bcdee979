import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { StreetSettingsDto } from '../../api/models';
import { configurePage, dom, flushReference, pick, signedInAs, stable } from '../../testing/page-testing';
import { formOf, settingsInput, settingsProblems } from './settings-form';
import { StreetSettingsPage } from './street-settings';

const SETTINGS: StreetSettingsDto = {
  streetId: 's1',
  streetName: '阳光街道',
  directorThresholdFen: 5_000_000,
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  priorMean: 4,
  priorWeight: 10,
  defaults: false,
  version: 4,
  incentiveRules: {
    streetId: 's1',
    inherited: true,
    version: 0,
    rules: [
      { id: 'r1', tier: 'A', consecutiveMonths: 1, action: 'badge', bonusShareBp: null, barMonths: null },
    ],
  },
};

describe('street settings form', () => {
  it('reads yuan to fen and percentages, and names every problem', () => {
    const form = formOf(SETTINGS);
    expect(form.thresholdYuan).toBe('50000.00');
    expect(settingsInput({ ...form, thresholdYuan: '¥80,000.5', priorMean: '3.75' })).toEqual({
      directorThresholdFen: 8_000_050,
      weights: SETTINGS.weights,
      priorMean: 3.75,
      priorWeight: 10,
    });
    expect(
      settingsProblems({
        thresholdYuan: '-1',
        weights: { ...form.weights, reach: '20' },
        priorMean: '5.5',
        priorWeight: '0',
      }),
    ).toEqual(['threshold', 'sum', 'priorMean', 'priorWeight']);
    expect(settingsProblems({ ...form, weights: { ...form.weights, delivery: '30.5' } })).toEqual(['weight']);
    expect(settingsProblems({ ...form, thresholdYuan: '1000000001' })).toEqual(['threshold']);
  });
});

describe('StreetSettingsPage', () => {
  let fixture: ComponentFixture<StreetSettingsPage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(settings = SETTINGS) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'platform_admin' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StreetSettingsPage);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    await stable(fixture);
    backend.expectOne('/api/admin/streets/s1/settings').flush(settings);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  const value = (testId: string) => page.el<HTMLInputElement>(testId)!.value;

  it("shows the first street's settings: the threshold in yuan, the weights, the rules in words", async () => {
    await open();
    expect(value('street-settings-threshold')).toBe('50000.00');
    expect(value('street-settings-weight-delivery')).toBe('30');
    expect(page.text('street-settings-weight-sum')).toBe('合计 100%（须为 100%）');
    expect(page.all('street-settings-rule').map((li) => li.textContent?.trim())).toEqual([
      'A 级满 1 个月 → 授予 A 级激励徽章',
    ]);
    expect(page.el('street-settings-rules-inherited')).not.toBeNull();
  });

  it('saves the threshold in fen and the weights, leaving the rules alone', async () => {
    await open();
    page.type('street-settings-threshold', '80000');
    page.type('street-settings-weight-delivery', '40');
    page.type('street-settings-weight-reach', '5');
    await stable(fixture);
    expect(page.text('street-settings-weight-sum')).toBe('合计 100%（须为 100%）');
    page.click('street-settings-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/streets/s1/settings');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.get('If-Match')).toBe('"4"');
    expect(req.request.body).toEqual({
      directorThresholdFen: 8_000_000,
      weights: { delivery: 40, satisfaction: 25, compliance: 15, capacity: 15, reach: 5 },
      priorMean: 4,
      priorWeight: 10,
    });
    req.flush({ ...SETTINGS, directorThresholdFen: 8_000_000 });
    await stable(fixture);
    expect(value('street-settings-threshold')).toBe('80000.00');
    expect(document.body.querySelector('.ant-message')?.textContent).toContain('已保存阳光街道的设置');
  });

  it('does not send weights that do not sum to 100, and says so', async () => {
    await open();
    page.type('street-settings-weight-reach', '25');
    await stable(fixture);
    expect(page.text('street-settings-weight-sum')).toBe('合计 110%（须为 100%）');
    page.click('street-settings-save');
    await stable(fixture);
    expect(page.text('street-settings-problems')).toContain('各项权重合计须为 100，当前为 110');
    backend.expectNone('/api/admin/streets/s1/settings');
  });

  it("edits the street's incentive rules with the rule editor and sends them with the settings", async () => {
    await open();
    page.click('street-settings-rules-edit');
    await stable(fixture);
    expect(page.all('rule-draft')).toHaveLength(1);
    page.click('incentive-rules-add');
    await stable(fixture);
    pick(fixture, 'rule-tier-1', 'D');
    pick(fixture, 'rule-months-1', 2);
    pick(fixture, 'rule-action-1', 'bar');
    await stable(fixture);
    page.click('street-settings-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/streets/s1/settings');
    expect(req.request.body.incentiveRules).toEqual([
      { tier: 'A', consecutiveMonths: 1, action: 'badge' },
      { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
    ]);
    req.flush({ ...SETTINGS, incentiveRules: { ...SETTINGS.incentiveRules, inherited: false } });
    await stable(fixture);
    expect(page.el('rule-draft')).toBeNull();
    expect(page.el('street-settings-rules-own')).not.toBeNull();
  });

  it('returns own rules to the platform defaults with an empty set, and shows a refusal', async () => {
    await open({ ...SETTINGS, incentiveRules: { ...SETTINGS.incentiveRules, inherited: false } });
    page.click('street-settings-rules-reset');
    await stable(fixture);
    expect(page.el('street-settings-rules-pending-reset')).not.toBeNull();
    page.click('street-settings-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/admin/streets/s1/settings');
    expect(req.request.body.incentiveRules).toEqual([]);
    req.flush(
      { code: 'validation.failed', message: 'The weights must sum to 100' },
      { status: 400, statusText: 'Bad' },
    );
    await stable(fixture);
    expect(page.text('street-settings-save-error')).toBe('提交的内容有误，请检查后重试');
  });

  it('loads the settings of the street picked', async () => {
    await open();
    pick(fixture, 'street-settings-street', 's2');
    await stable(fixture);
    backend
      .expectOne('/api/admin/streets/s2/settings')
      .flush({ ...SETTINGS, streetId: 's2', streetName: '和平街道', defaults: true });
    await stable(fixture);
    expect(page.el('street-settings-defaults')).not.toBeNull();
  });
});
