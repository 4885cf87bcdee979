import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { milestone, projectSummary } from '../../testing/delivery';
import { chooseFiles, documentFile } from '../../testing/attachments';
import { disbursement, stripeAccount } from '../../testing/money';
import { configurePage, dom, pick, searchPause, signedInAs, stable } from '../../testing/page-testing';
import { NAVIGATE_AWAY } from '../../shared/payments-mode';
import { Router } from '@angular/router';
import { PAYOUT_POLL, Payouts, connectState } from './payouts';

describe('connectState', () => {
  it('reads the Stripe account: none, onboarding unfinished, payouts enabled', () => {
    expect(connectState(null)).toBe('none');
    expect(connectState(stripeAccount())).toBe('none');
    expect(connectState(stripeAccount({ accountId: 'acct_1' }))).toBe('incomplete');
    expect(connectState(stripeAccount({ accountId: 'acct_1', payoutsEnabled: true }))).toBe('enabled');
  });
});

describe('Payouts', () => {
  let fixture: ComponentFixture<Payouts>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const go = jest.fn();

  async function start(
    account = stripeAccount(),
    payments = [disbursement({ status: 'paid', acceptedByName: '刘书记', financeApprovedByName: '李会计' })],
    query: { organization?: string; stripe?: string } = {},
    poll: { everyMs: number; times: number } | null = null,
    nextCursor: string | null = null,
  ) {
    go.mockReset();
    const auth = configurePage();
    TestBed.configureTestingModule({
      providers: [
        { provide: NAVIGATE_AWAY, useValue: go },
        { provide: PAYOUT_POLL, useValue: poll },
      ],
    });
    // The organization Stripe sends the admin back for is shown, else the first one.
    const orgs = [
      { role: 'org_admin' as const, organizationId: 'o1', scopeName: '阳光居家养老服务中心' },
      { role: 'org_admin' as const, organizationId: 'o0', scopeName: '另一家机构' },
    ];
    signedInAs(auth, query.organization ? orgs.reverse() : orgs);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Payouts);
    if (query.organization) fixture.componentRef.setInput('organization', query.organization);
    if (query.stripe) fixture.componentRef.setInput('stripe', query.stripe);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/payments/mode').flush({ stripe: 'fake', testMode: true });
    backend
      .expectOne('/api/me/projects')
      .flush([projectSummary({ organizationId: 'o1' }), projectSummary({ id: 'p0', organizationId: 'o0' })]);
    backend.expectOne('/api/organizations/o1/stripe').flush(account);
    backend.expectOne('/api/organizations/o1/disbursements?limit=100').flush({ items: payments, nextCursor });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it("shows the organization Stripe came back for, its account and its payments' progress, in test mode", async () => {
    await start(stripeAccount({ accountId: 'acct_1', payoutsEnabled: true }), undefined, {
      organization: 'o1',
      stripe: 'return',
    });
    expect(page.el('test-mode')?.getAttribute('data-stripe')).toBe('fake');
    expect(page.el('payouts-stripe')?.getAttribute('data-state')).toBe('enabled');
    expect(page.text('payouts-enabled')).toBe('可以收款');
    expect(page.text('payouts-stripe')).toContain('acct_1');
    const paid = page.el('payout');
    expect(paid?.getAttribute('data-phase')).toBe('paid');
    expect(dom(paid!).text('payout-phase')).toBe('已付款');
    expect(paid?.textContent).toContain('¥72,000.00');
    expect(paid?.textContent).toContain('刘书记');
    expect(paid?.textContent).toContain('李会计');
  });

  it('connects to Stripe: POST onboarding, then off to the link Stripe gave', async () => {
    await start();
    expect(page.el('payouts-stripe')?.getAttribute('data-state')).toBe('none');
    expect(page.text('payouts-onboard')).toBe('连接 Stripe 收款账户');
    page.click('payouts-onboard');
    await fixture.whenStable();
    const req = backend.expectOne('/api/organizations/o1/stripe/onboarding');
    expect(req.request.method).toBe('POST');
    req.flush({
      ...stripeAccount({ accountId: 'acct_1' }),
      url: 'http://127.0.0.1:12111/connect/onboarding/acct_1?return_url=x',
      expiresAt: '2026-11-25T21:00:00Z',
    });
    await stable(fixture);
    expect(go).toHaveBeenCalledWith('http://127.0.0.1:12111/connect/onboarding/acct_1?return_url=x');
  });

  it("shows why onboarding was refused, in the server's words", async () => {
    await start(stripeAccount({ accountId: 'acct_1' }));
    expect(page.text('payouts-onboard')).toBe('继续开户');
    page.click('payouts-onboard');
    await fixture.whenStable();
    backend
      .expectOne('/api/organizations/o1/stripe/onboarding')
      .flush(
        { code: 'organization.ineligible', message: 'Only verified organizations connect a payout account' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await stable(fixture);
    expect(page.text('payouts-onboard-error')).toContain('该组织不符合要求');
    expect(go).not.toHaveBeenCalled();
  });

  it('requests the payment of a milestone whose rule holds, with the deliverables, by Stripe', async () => {
    await start(stripeAccount({ accountId: 'acct_1', payoutsEnabled: true }), []);
    pick(fixture, 'payouts-project', 'p1');
    await stable(fixture);
    backend
      .expectOne('/api/projects/p1/progress')
      .flush([
        milestone({ milestoneId: 'ms1', name: '首期', ruleMet: true, amountFen: 7_200_000 }),
        milestone({ milestoneId: 'ms2', name: '中期', ruleMet: false }),
      ]);
    await stable(fixture);
    const options = page.all('payouts-milestone');
    expect(options.map((o) => [o.getAttribute('data-milestone'), o.getAttribute('data-blocked')])).toEqual([
      ['首期', null],
      ['中期', 'rule'],
    ]);
    expect(options[1].textContent).toContain('未达标');
    pick(fixture, 'payouts-milestones', 'ms1');
    page.type('payouts-deliverables', '首期服务报告及服务对象签收表');
    page.click('payouts-request');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements');
    expect(req.request.body).toEqual({
      milestoneId: 'ms1',
      deliverables: '首期服务报告及服务对象签收表',
      method: 'stripe',
    });
    req.flush(disbursement());
    await stable(fixture);
    backend
      .expectOne('/api/organizations/o1/stripe')
      .flush(stripeAccount({ accountId: 'acct_1', payoutsEnabled: true }));
    backend
      .expectOne('/api/organizations/o1/disbursements?limit=100')
      .flush({ items: [disbursement()], nextCursor: null });
    await stable(fixture);
    expect(page.el('payout')?.getAttribute('data-phase')).toBe('in_approval');
    expect(page.all('payouts-milestone')[0].getAttribute('data-blocked')).toBe('requested');
  });

  it("attaches the deliverable files the milestone's rule asks for, once uploaded and clean", async () => {
    await start(stripeAccount({ accountId: 'acct_1', payoutsEnabled: true }), []);
    pick(fixture, 'payouts-project', 'p1');
    await stable(fixture);
    backend
      .expectOne('/api/projects/p1/progress')
      .flush([milestone({ milestoneId: 'ms1', name: '首期', ruleMet: true, minDeliverables: 1 })]);
    await stable(fixture);
    pick(fixture, 'payouts-milestones', 'ms1');
    page.type('payouts-deliverables', '首期服务报告及服务对象签收表');
    await stable(fixture);
    expect(page.text('payouts-files-needed')).toContain('1 份成果材料');
    // Without the file nothing is sent.
    page.click('payouts-request');
    await stable(fixture);
    backend.expectNone('/api/disbursements');
    expect(page.text('payouts-files-error')).toContain('至少 1 份');

    chooseFiles(fixture.nativeElement, '首期服务报告.pdf');
    await stable(fixture);
    const upload = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/documents');
    expect(upload.request.params.get('purpose')).toBe('milestone_deliverable');
    expect(upload.request.params.get('organizationId')).toBe('o1');
    upload.flush(documentFile({ id: 'doc1', purpose: 'milestone_deliverable', status: 'clean' }));
    await stable(fixture);
    page.click('payouts-request');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements');
    expect(req.request.body).toEqual({
      milestoneId: 'ms1',
      deliverables: '首期服务报告及服务对象签收表',
      method: 'stripe',
      documentIds: ['doc1'],
    });
    expect(page.el('payouts-files-error')).toBeNull();
    req.flush(disbursement({ minDeliverables: 1 }));
    await stable(fixture);
    backend.expectOne('/api/organizations/o1/stripe').flush(stripeAccount({ accountId: 'acct_1' }));
    backend
      .expectOne('/api/organizations/o1/disbursements?limit=100')
      .flush({ items: [disbursement()], nextCursor: null });
    await stable(fixture);
    // The sent files are cleared from the form.
    expect(page.all('attachment-item')).toHaveLength(0);
  });

  it('asks for a milestone and deliverables, and warns that Stripe is not ready yet', async () => {
    await start(stripeAccount({ accountId: 'acct_1' }), []);
    // Without payouts enabled the treasury is offered first; choosing Stripe warns.
    const checked = (testId: string) => page.el(testId)?.classList.contains('ant-radio-wrapper-checked');
    expect([checked('payouts-method-treasury'), checked('payouts-method-stripe')]).toEqual([true, false]);
    expect(page.el('payouts-stripe-not-ready')).toBeNull();
    pick(fixture, 'payouts-method', 'stripe');
    await stable(fixture);
    expect(page.el('payouts-stripe-not-ready')).not.toBeNull();
    page.click('payouts-request');
    await stable(fixture);
    backend.expectNone('/api/disbursements');
  });

  it('reads again by itself while a Stripe transfer is on its way, until it is paid', async () => {
    const enabled = stripeAccount({ accountId: 'acct_1', payoutsEnabled: true });
    const paying = disbursement({ status: 'approved', payoutAttempt: 1 });
    await start(enabled, [paying], {}, { everyMs: 1, times: 5 });
    expect(page.el('payout')?.getAttribute('data-phase')).toBe('paying');
    await new Promise((resolve) => setTimeout(resolve, 10));
    backend.expectOne('/api/organizations/o1/stripe').flush(enabled);
    backend
      .expectOne('/api/organizations/o1/disbursements?limit=100')
      .flush({ items: [{ ...paying, status: 'paid', providerReference: 'tr_1' }], nextCursor: null });
    await stable(fixture);
    expect(page.el('payout')?.getAttribute('data-phase')).toBe('paid');
    expect(page.text('payout-phase')).toBe('已付款');
    expect(page.el('payout-status')).toBeNull(); // the step is only detailed while in approval
    await new Promise((resolve) => setTimeout(resolve, 10));
    backend.expectNone((r) => r.url === '/api/organizations/o1/disbursements'); // nothing pending: no more reads
  });

  it('shows older payments a page at a time', async () => {
    await start(stripeAccount(), [disbursement({ id: 'new' })], {}, null, 'c1');
    expect(page.all('payout')).toHaveLength(1);
    page.click('payouts-more');
    await fixture.whenStable();
    backend
      .expectOne('/api/organizations/o1/disbursements?cursor=c1&limit=100')
      .flush({ items: [disbursement({ id: 'old', status: 'paid' })], nextCursor: null });
    await stable(fixture);
    expect(page.all('payout').map((el) => el.getAttribute('data-id'))).toEqual(['new', 'old']);
    expect(page.el('payouts-more')).toBeNull();
  });

  it('searches the payments, keeping the search in the URL, while the form keeps the whole list', async () => {
    await start(stripeAccount(), [disbursement({ id: 'new', milestoneName: '首期' })]);
    page.type('payouts-search', '终期');
    await searchPause(fixture);
    backend
      .expectOne(`/api/organizations/o1/disbursements?limit=100&q=${encodeURIComponent('终期')}`)
      .flush({ items: [disbursement({ id: 'final', milestoneName: '终期' })], nextCursor: 'c2' });
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(`/?q=${encodeURIComponent('终期')}`);
    expect(page.all('payout').map((el) => el.getAttribute('data-id'))).toEqual(['final']);

    page.click('payouts-more');
    await fixture.whenStable();
    backend
      .expectOne(`/api/organizations/o1/disbursements?cursor=c2&limit=100&q=${encodeURIComponent('终期')}`)
      .flush({ items: [], nextCursor: null });
    await stable(fixture);

    // Refresh reads what the search finds again, not only the whole list.
    page.click('payouts-refresh');
    await fixture.whenStable();
    backend.expectOne('/api/organizations/o1/stripe').flush(stripeAccount());
    backend
      .expectOne('/api/organizations/o1/disbursements?limit=100')
      .flush({ items: [disbursement({ id: 'new', milestoneName: '首期' })], nextCursor: null });
    backend.expectOne(`/api/organizations/o1/disbursements?limit=100&q=${encodeURIComponent('终期')}`).flush({
      items: [disbursement({ id: 'final', milestoneName: '终期', status: 'paid' })],
      nextCursor: null,
    });
    await stable(fixture);
    expect(page.all('payout').map((el) => el.getAttribute('data-id'))).toEqual(['final']);
    expect(page.el('payouts-more')).toBeNull();

    page.type('payouts-search', '');
    await searchPause(fixture);
    expect(page.all('payout').map((el) => el.getAttribute('data-id'))).toEqual(['new']);
  });
});
