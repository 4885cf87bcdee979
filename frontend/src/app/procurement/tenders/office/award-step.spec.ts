import { awaitConfirmation, stable } from '../../../testing/page-testing';
import { results, tender } from '../../../testing/procurement';
import { AwardStep } from './award-step';
import { clearOverlays, mountStep, refusal } from './step-testing';

describe('AwardStep', () => {
  const evaluating = tender({ status: 'evaluating' });
  const ranked = results({ awardedBidId: null, standstillEndsAt: null });

  it('awards with evaluationAward once confirmed with the bid ranked first', async () => {
    const { fixture, backend, page, changes } = await mountStep(AwardStep, {
      tender: evaluating,
      results: ranked,
    });
    page.click('office-award');
    let confirm = await awaitConfirmation(fixture);
    expect(confirm.text).toContain('春晖社区居家养老服务');
    expect(confirm.text).toContain('阳光居家养老服务中心');
    expect(confirm.text).toContain('¥450,000.00');
    expect(confirm.text).toContain('定标不能撤回');
    confirm.dismiss();
    await stable(fixture);
    backend.expectNone('/api/tenders/t1/award');
    clearOverlays();

    page.click('office-award');
    confirm = await awaitConfirmation(fixture);
    confirm.confirm();
    await stable(fixture);
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/award').flush(ranked);
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it('says how many score sheets are missing when the award is refused for them', async () => {
    const { fixture, backend, page, changes } = await mountStep(AwardStep, {
      tender: evaluating,
      results: null,
    });
    page.click('office-award');
    const confirm = await awaitConfirmation(fixture);
    expect(confirm.text).not.toContain('阳光居家养老服务中心');
    confirm.confirm();
    await stable(fixture);
    backend
      .expectOne('/api/tenders/t1/award')
      .flush(...refusal(409, 'state.invalid_transition', { missing: 2 }));
    await stable(fixture);
    expect(page.text('office-error')).toBe('还有 2 份评分表未完成，暂不能定标');
    expect(changes()).toBe(0);
  });
});
