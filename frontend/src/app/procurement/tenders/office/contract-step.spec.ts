import { pick, stable } from '../../../testing/page-testing';
import { results, tender } from '../../../testing/procurement';
import { ContractStep } from './contract-step';
import { mountStep, refusal } from './step-testing';

describe('ContractStep', () => {
  const inputs = { tender: tender({ status: 'standstill' }), results: results() };

  it('creates the contract with evaluationContract for the term picked', async () => {
    const { fixture, backend, page, changes } = await mountStep(ContractStep, inputs);
    expect(page.text('office-contract')).toContain('2026-11-30');
    pick(fixture, 'office-contract-start', '2026-12-01');
    pick(fixture, 'office-contract-end', '2027-11-30');
    page.click('office-contract-submit');
    await stable(fixture);
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/contract');
    expect(req.request.body).toEqual({ startsOn: '2026-12-01', endsOn: '2027-11-30' });
    req.flush({});
    await stable(fixture);
    expect(changes()).toBe(1);
    backend.verify();
  });

  it('sends nothing without a term, and says how much budget is left when it is short', async () => {
    const { fixture, backend, page, changes } = await mountStep(ContractStep, inputs);
    pick(fixture, 'office-contract-end', '');
    page.click('office-contract-submit');
    await stable(fixture);
    backend.expectNone('/api/tenders/t1/contract');

    pick(fixture, 'office-contract-end', '2027-11-30');
    page.click('office-contract-submit');
    await stable(fixture);
    backend
      .expectOne('/api/tenders/t1/contract')
      .flush(...refusal(422, 'budget.insufficient', { availableFen: 100 }));
    await stable(fixture);
    expect(page.text('office-error')).toContain('可用 ¥1.00');
    expect(changes()).toBe(0);
  });
});
