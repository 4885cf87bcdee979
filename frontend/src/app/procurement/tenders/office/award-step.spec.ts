import { stable } from '../../../testing/page-testing';
import { results, tender } from '../../../testing/procurement';
import { AWARD_STEP } from './award-step';
import { ConfirmedStep } from './confirmed-step';
import { confirmStep, dismissThenConfirm, mountStep, refusal } from './step-testing';

describe('AwardStep', () => {
  const evaluating = tender({ status: 'evaluating' });
  const ranked = results({ awardedBidId: null, standstillEndsAt: null });

  it('awards with evaluationAward once confirmed with the bid ranked first', async () => {
    const step = await mountStep(ConfirmedStep, { step: AWARD_STEP, tender: evaluating, results: ranked });
    const { fixture, backend, changes } = step;
    const said = await dismissThenConfirm(step, 'office-award', '/api/tenders/t1/award');
    expect(said).toContain('春晖社区居家养老服务');
    expect(said).toContain('阳光居家养老服务中心');
    expect(said).toContain('¥450,000.00');
    expect(said).toContain('定标不能撤回');
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/award').flush(ranked);
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it('says how many score sheets are missing when the award is refused for them', async () => {
    const step = await mountStep(ConfirmedStep, { step: AWARD_STEP, tender: evaluating, results: null });
    const { fixture, backend, page, changes } = step;
    expect(await confirmStep(step, 'office-award')).not.toContain('阳光居家养老服务中心');
    backend
      .expectOne('/api/tenders/t1/award')
      .flush(...refusal(409, 'state.invalid_transition', { missing: 2 }));
    await stable(fixture);
    expect(page.text('office-error')).toBe('还有 2 份评分表未完成，暂不能定标');
    expect(changes()).toBe(0);
  });
});
