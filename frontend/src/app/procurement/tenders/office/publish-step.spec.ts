import { awaitConfirmation, stable } from '../../../testing/page-testing';
import { tender } from '../../../testing/procurement';
import { PublishStep } from './publish-step';
import { clearOverlays, mountStep, refusal } from './step-testing';

describe('PublishStep', () => {
  const draft = tender({ status: 'draft', publishedAt: null });

  it('publishes with tendersPublish only once confirmed with the title and budget', async () => {
    const { fixture, backend, page, changes } = await mountStep(PublishStep, { tender: draft });
    page.click('office-publish');
    let confirm = await awaitConfirmation(fixture);
    expect(confirm.text).toContain('春晖社区居家养老服务');
    expect(confirm.text).toContain('¥500,000.00');
    confirm.dismiss();
    await stable(fixture);
    backend.expectNone('/api/tenders/t1/publish');
    clearOverlays();

    page.click('office-publish');
    confirm = await awaitConfirmation(fixture);
    confirm.confirm();
    await stable(fixture);
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/publish').flush(draft);
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it('lists every problem of a refused publication, else the error in our words', async () => {
    const { fixture, backend, page, changes } = await mountStep(PublishStep, { tender: draft });
    page.click('office-publish');
    (await awaitConfirmation(fixture)).confirm();
    await stable(fixture);
    backend
      .expectOne('/api/tenders/t1/publish')
      .flush(...refusal(400, 'validation.failed', { problems: ['no milestones', 'deadline passed'] }));
    await stable(fixture);
    expect(page.all('office-problem').map((p) => p.textContent?.trim())).toEqual([
      'no milestones',
      'deadline passed',
    ]);
    expect(page.el('office-error')).toBeNull();

    clearOverlays();
    page.click('office-publish');
    (await awaitConfirmation(fixture)).confirm();
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/publish').flush(...refusal(409, 'state.invalid_transition'));
    await stable(fixture);
    expect(page.el('office-problems')).toBeNull();
    expect(page.text('office-error')).not.toBe('');
    expect(changes()).toBe(0);
  });
});
