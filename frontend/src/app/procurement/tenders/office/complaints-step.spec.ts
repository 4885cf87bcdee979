import type { ComplaintDto } from '../../../api/models';
import { stable } from '../../../testing/page-testing';
import { tender } from '../../../testing/procurement';
import { ComplaintsStep } from './complaints-step';
import { complaint, mountStep, refusal } from './step-testing';

describe('ComplaintsStep', () => {
  async function open(complaints: ComplaintDto[]) {
    const step = await mountStep(ComplaintsStep, { tender: tender({ status: 'standstill' }) });
    step.backend.expectOne('/api/tenders/t1/complaints').flush(complaints);
    await stable(step.fixture);
    return step;
  }

  it('lists the complaints with evaluationComplaints: decided ones with their decision', async () => {
    const { page } = await open([
      complaint(),
      complaint({ id: 'q2', status: 'dismissed', decisionReason: '评分程序合规' }),
    ]);
    expect(page.all('office-complaint').map((c) => c.dataset['status'])).toEqual(['pending', 'dismissed']);
    expect(page.text('office-complaints')).toContain('处理意见：评分程序合规');
    // Only the pending one can be decided.
    expect(page.all('office-complaint-uphold').length).toBe(1);
  });

  it('upholds a complaint with evaluationDecide and the reason given', async () => {
    const { fixture, backend, page, changes } = await open([complaint()]);
    page.click('office-complaint-uphold');
    await stable(fixture);
    expect(page.text('office-complaint-confirm')).toBe('质疑成立（重新评审）');
    page.type('office-complaint-reason', '评分表计算有误');
    page.click('office-complaint-confirm');
    await stable(fixture);
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/complaints/q1/decision');
    expect(req.request.body).toEqual({ uphold: true, reason: '评分表计算有误' });
    req.flush(complaint({ status: 'upheld', decisionReason: '评分表计算有误' }));
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it("takes a decision as long as the API's (4000 characters), and says so when it is longer", async () => {
    const { fixture, backend, page } = await open([complaint()]);
    page.click('office-complaint-dismiss');
    await stable(fixture);
    page.type('office-complaint-reason', '理'.repeat(4001));
    page.click('office-complaint-confirm');
    await stable(fixture);
    backend.expectNone('/api/complaints/q1/decision');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('请填写理由（2–4000 字）');

    page.type('office-complaint-reason', '理'.repeat(4000));
    page.click('office-complaint-confirm');
    await stable(fixture);
    expect(backend.expectOne('/api/complaints/q1/decision').request.body.reason).toHaveLength(4000);
  });

  it('dismisses only with a reason, and shows a refusal', async () => {
    const { fixture, backend, page, changes } = await open([complaint()]);
    page.click('office-complaint-dismiss');
    await stable(fixture);
    expect(page.text('office-complaint-confirm')).toBe('驳回');
    page.click('office-complaint-confirm');
    await stable(fixture);
    backend.expectNone('/api/complaints/q1/decision');

    page.type('office-complaint-reason', '评分程序合规');
    page.click('office-complaint-confirm');
    await stable(fixture);
    const req = backend.expectOne('/api/complaints/q1/decision');
    expect(req.request.body).toEqual({ uphold: false, reason: '评分程序合规' });
    req.flush(...refusal(409, 'state.invalid_transition'));
    await stable(fixture);
    expect(page.text('office-error')).not.toBe('');
    expect(changes()).toBe(0);
  });
});
