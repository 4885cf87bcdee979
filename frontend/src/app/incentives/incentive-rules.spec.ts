import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { IncentiveRuleSetDto } from '../api/models';
import type { Role } from '../auth/roles';
import { configurePage, dom, pick, signedInAs, stable } from '../testing/page-testing';
import { IncentiveRules } from './incentive-rules';

const DEFAULTS: IncentiveRuleSetDto = {
  streetId: 's1',
  inherited: true,
  version: 3,
  rules: [
    { id: 'r1', tier: 'A', consecutiveMonths: 1, action: 'badge', bonusShareBp: null, barMonths: null },
    { id: 'r2', tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 500, barMonths: null },
    { id: 'r3', tier: 'D', consecutiveMonths: 2, action: 'bar', bonusShareBp: null, barMonths: 6 },
  ],
};

describe('IncentiveRules', () => {
  let fixture: ComponentFixture<IncentiveRules>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function start(role: Role, rules = DEFAULTS) {
    const auth = configurePage();
    signedInAs(auth, [{ role, regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(IncentiveRules);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/streets/s1/incentive-rules').flush(rules);
    await stable(fixture);
  }

  const ruleTexts = () => page.all('incentive-rule').map((li) => li.textContent?.trim());

  afterEach(() => backend.verify());

  it("shows an officer the street's rules in plain words, inherited, without editing", async () => {
    await start('street_officer');
    expect(page.text('incentive-rules-street-name')).toBe('阳光街道');
    expect(ruleTexts()).toEqual([
      'A 级满 1 个月 → 授予 A 级激励徽章',
      'A 级满 1 个月 → 从激励资金池奖励终期款的 5.00%',
      '连续 2 个月 D 级 → 6 个月内不得参与新投标',
    ]);
    expect(page.text('incentive-rules-inherited')).toBe('沿用平台默认规则');
    expect(page.el('incentive-rules-edit')).toBeNull();
    expect(page.el('incentive-rules-reset')).toBeNull();
    expect(page.text('incentive-rules-readonly')).toContain('街道主任');
  });

  it('lets the director change a bonus, add a bar rule and save the whole set', async () => {
    await start('street_director');
    expect(page.el('incentive-rules-reset')).toBeNull(); // nothing to reset while inherited
    page.click('incentive-rules-edit');
    await stable(fixture);
    expect(page.all('rule-draft')).toHaveLength(3);

    page.type('rule-bonus-1', '7.5');
    page.click('incentive-rules-add');
    await stable(fixture);
    pick(fixture, 'rule-tier-3', 'C');
    pick(fixture, 'rule-months-3', 3);
    pick(fixture, 'rule-action-3', 'bar');
    await stable(fixture);
    pick(fixture, 'rule-bar-months-3', 2);
    await stable(fixture);
    expect(page.text('rule-preview-3')).toBe('连续 3 个月 C 级 → 2 个月内不得参与新投标');
    page.click('rule-remove-0');
    await stable(fixture);

    page.click('incentive-rules-save');
    await fixture.whenStable();
    const req = backend.expectOne('/api/streets/s1/incentive-rules');
    expect(req.request.method).toBe('PUT');
    // The version shown: someone else's replacement meanwhile makes the server refuse (412).
    expect(req.request.headers.get('If-Match')).toBe('"3"');
    expect(req.request.body).toEqual({
      rules: [
        { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 750 },
        { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
        { tier: 'C', consecutiveMonths: 3, action: 'bar', barMonths: 2 },
      ],
    });
    req.flush({
      streetId: 's1',
      inherited: false,
      version: 4,
      rules: [
        { id: 'n1', tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 750, barMonths: null },
        { id: 'n2', tier: 'C', consecutiveMonths: 3, action: 'bar', bonusShareBp: null, barMonths: 2 },
        { id: 'n3', tier: 'D', consecutiveMonths: 2, action: 'bar', bonusShareBp: null, barMonths: 6 },
      ],
    });
    await stable(fixture);
    expect(page.el('incentive-rules-editor')).toBeNull();
    expect(page.text('incentive-rules-own')).toBe('本街道自定规则');
    expect(ruleTexts()[0]).toBe('A 级满 1 个月 → 从激励资金池奖励终期款的 7.50%');
    expect(page.el('incentive-rules-reset')).not.toBeNull();
  });

  it('does not send a row it cannot read, and says what is wrong', async () => {
    await start('street_director');
    page.click('incentive-rules-edit');
    await stable(fixture);
    page.type('rule-bonus-1', '0.001');
    await stable(fixture);
    page.click('incentive-rules-save');
    await stable(fixture);
    expect(page.text('rule-problem-1')).toContain('0.01%');
    backend.expectNone('/api/streets/s1/incentive-rules');
  });

  it("shows the API's refusal in its own words", async () => {
    await start('street_director');
    page.click('incentive-rules-edit');
    await stable(fixture);
    page.click('incentive-rules-save');
    await fixture.whenStable();
    backend
      .expectOne('/api/streets/s1/incentive-rules')
      .flush(
        { code: 'auth.forbidden', message: 'Only the director of this street may change its rules' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable(fixture);
    expect(page.text('incentive-rules-save-error')).toBe('您的角色无权执行此操作');
    expect(page.el('incentive-rules-editor')).not.toBeNull();
  });

  it('returns the street to the platform defaults with an empty rule set', async () => {
    await start('street_director', { ...DEFAULTS, inherited: false });
    page.click('incentive-rules-reset');
    await fixture.whenStable();
    const req = backend.expectOne('/api/streets/s1/incentive-rules');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ rules: [] });
    req.flush(DEFAULTS);
    await stable(fixture);
    expect(page.text('incentive-rules-inherited')).toBe('沿用平台默认规则');
  });
  it('shows one given street without a picker when embedded in the weights page', async () => {
    const auth = configurePage();
    signedInAs(auth, [
      { role: 'street_director', regionId: 's1', scopeName: '阳光街道' },
      { role: 'street_director', regionId: 's2', scopeName: '和平街道' },
    ]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(IncentiveRules);
    fixture.componentRef.setInput('street', 's2');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/streets/s2/incentive-rules').flush({ ...DEFAULTS, streetId: 's2' });
    await stable(fixture);
    expect(page.el('incentive-rules-street')).toBeNull();
    expect(fixture.nativeElement.querySelector('h1')).toBeNull();
    expect(page.el('incentive-rules-edit')).not.toBeNull();
  });
});
