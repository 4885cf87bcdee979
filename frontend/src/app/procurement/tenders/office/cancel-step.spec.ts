import { confirmation, stable } from '../../../testing/page-testing';
import { tender } from '../../../testing/procurement';
import { CancelStep } from './cancel-step';
import { dismissThenConfirm, mountStep } from './step-testing';

describe('CancelStep', () => {
  it('asks for a reason, then cancels with tendersCancel once confirmed with that reason', async () => {
    const step = await mountStep(CancelStep, { tender: tender() });
    const { fixture, backend, page, changes } = step;
    expect(page.el('office-cancel-reason')).toBeNull();
    page.click('office-cancel');
    await stable(fixture);

    page.click('office-cancel-confirm'); // no reason yet
    await stable(fixture);
    expect(confirmation()).toBeNull();

    page.type('office-cancel-reason', '  需求已由街道统一安排  ');
    const said = await dismissThenConfirm(step, 'office-cancel-confirm', '/api/tenders/t1/cancel');
    expect(said).toContain('春晖社区居家养老服务');
    expect(said).toContain('需求已由街道统一安排');
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/cancel');
    expect(req.request.body).toEqual({ reason: '需求已由街道统一安排' });
    req.flush(tender({ status: 'cancelled' }));
    await stable(fixture);
    expect(changes()).toBe(1);
    expect(page.el('office-cancel-reason')).toBeNull();
    backend.verify();
  });
});
