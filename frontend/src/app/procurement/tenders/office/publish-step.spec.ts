import { stable } from '../../../testing/page-testing';
import { tender } from '../../../testing/procurement';
import { PUBLISH_STEP } from './publish-step';
import { ConfirmedStep } from './confirmed-step';
import { confirmStep, dismissThenConfirm, mountStep, refusal } from './step-testing';

describe('PublishStep', () => {
  const draft = tender({ status: 'draft', publishedAt: null });

  it('publishes with tendersPublish only once confirmed with the title and budget', async () => {
    const step = await mountStep(ConfirmedStep, { step: PUBLISH_STEP, tender: draft });
    const { fixture, backend, changes } = step;
    const said = await dismissThenConfirm(step, 'office-publish', '/api/tenders/t1/publish');
    expect(said).toContain('春晖社区居家养老服务');
    expect(said).toContain('¥500,000.00');
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/publish').flush(draft);
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it('lists every problem of a refused publication, else the error in our words', async () => {
    const step = await mountStep(ConfirmedStep, { step: PUBLISH_STEP, tender: draft });
    const { fixture, backend, page, changes } = step;
    await confirmStep(step, 'office-publish');
    backend
      .expectOne('/api/tenders/t1/publish')
      .flush(...refusal(400, 'validation.failed', { problems: ['no milestones', 'deadline passed'] }));
    await stable(fixture);
    expect(page.all('office-problem').map((p) => p.textContent?.trim())).toEqual([
      'no milestones',
      'deadline passed',
    ]);
    expect(page.el('office-error')).toBeNull();

    await confirmStep(step, 'office-publish');
    backend.expectOne('/api/tenders/t1/publish').flush(...refusal(409, 'state.invalid_transition'));
    await stable(fixture);
    expect(page.el('office-problems')).toBeNull();
    expect(page.text('office-error')).not.toBe('');
    expect(changes()).toBe(0);
  });
});
