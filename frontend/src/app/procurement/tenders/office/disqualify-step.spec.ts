import { stable } from '../../../testing/page-testing';
import { results, tender } from '../../../testing/procurement';
import { DisqualifyStep } from './disqualify-step';
import { mountStep } from './step-testing';

describe('DisqualifyStep', () => {
  const row = results().ranking[0];
  const competing = results({
    awardedBidId: null,
    ranking: [
      { ...row, status: 'opened' },
      { ...row, bidId: 'b2', organizationName: '夕阳红服务社', status: 'disqualified' },
    ],
  });

  it('lists only the bids still competing, and shows nothing without any', async () => {
    const { fixture, page } = await mountStep(DisqualifyStep, {
      tender: tender({ status: 'evaluating' }),
      results: competing,
    });
    expect(page.all('office-disqualify').length).toBe(1);
    expect(page.el('office-bids')?.querySelector('[data-org]')?.getAttribute('data-org')).toBe(
      '阳光居家养老服务中心',
    );
    fixture.componentRef.setInput('results', results({ ranking: [] }));
    await stable(fixture);
    expect(page.el('office-bids')).toBeNull();
  });

  it('disqualifies a bid with evaluationDisqualify and the reason given', async () => {
    const { fixture, backend, page, changes } = await mountStep(DisqualifyStep, {
      tender: tender({ status: 'evaluating' }),
      results: competing,
    });
    page.click('office-disqualify');
    await stable(fixture);
    page.click('office-disqualify-confirm'); // no reason
    await stable(fixture);
    backend.expectNone('/api/bids/b1/disqualify');

    page.type('office-disqualify-reason', ' 资质材料不全 ');
    page.click('office-disqualify-confirm');
    await stable(fixture);
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/bids/b1/disqualify');
    expect(req.request.body).toEqual({ reason: '资质材料不全' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    expect(changes()).toBe(1);
    expect(page.el('office-disqualify-reason')).toBeNull();
    backend.verify();
  });
});
