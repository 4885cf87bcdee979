import { pick, stable } from '../../../testing/page-testing';
import { tender } from '../../../testing/procurement';
import { AmendStep } from './amend-step';
import { mountStep, refusal } from './step-testing';

describe('AmendStep', () => {
  it('publishes an amendment with tendersAmend: the summary and only the terms that change', async () => {
    const { fixture, backend, page, changes } = await mountStep(AmendStep, { tender: tender() });
    expect(page.el('office-amend-form')).toBeNull();
    page.click('office-amend');
    await stable(fixture);
    page.click('office-amend-submit'); // no summary
    await stable(fixture);
    backend.expectNone('/api/tenders/t1/amendments');

    page.type('office-amend-summary', ' 延长投标截止时间 ');
    pick(fixture, 'office-amend-deadline', '2099-01-09T10:00:00');
    page.click('office-amend-submit');
    await stable(fixture);
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/amendments');
    expect(req.request.body).toEqual({
      summary: '延长投标截止时间',
      bidDeadline: new Date(2099, 0, 9, 10).toISOString(),
    });
    req.flush(tender());
    await stable(fixture);
    expect(changes()).toBe(1);
    expect(page.el('office-amend-form')).toBeNull();
    backend.verify();
  });

  it('keeps the form open and shows a refusal', async () => {
    const { fixture, backend, page, changes } = await mountStep(AmendStep, { tender: tender() });
    page.click('office-amend');
    await stable(fixture);
    page.type('office-amend-summary', '预算上限调整');
    page.click('office-amend-submit');
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/amendments').flush(...refusal(409, 'state.invalid_transition'));
    await stable(fixture);
    expect(page.text('office-error')).not.toBe('');
    expect(page.el('office-amend-form')).not.toBeNull();
    expect(changes()).toBe(0);
  });
});
