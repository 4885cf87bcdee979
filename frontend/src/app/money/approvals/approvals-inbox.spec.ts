import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { documentFile } from '../../testing/attachments';
import { disbursement } from '../../testing/money';
import {
  awaitConfirmation,
  configurePage,
  dom,
  pick,
  searchPause,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { ApprovalsInbox } from './approvals-inbox';

describe('ApprovalsInbox', () => {
  let fixture: ComponentFixture<ApprovalsInbox>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const item = (id: string) =>
    fixture.nativeElement.querySelector(`[data-testid="inbox-item"][data-id="${id}"]`);
  const within = (id: string) => dom(item(id));

  async function start(
    items = [disbursement()],
    mode = { stripe: 'fake', testMode: true },
    nextCursor: string | null = null,
  ) {
    const auth = configurePage();
    signedInAs(auth, [
      { role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' },
      { role: 'street_finance', regionId: 's1', scopeName: '阳光街道' },
    ]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApprovalsInbox);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/disbursements/inbox').flush({ items, nextCursor });
    await stable(fixture);
    backend.match('/api/payments/mode').forEach((r) => r.flush(mode));
    await stable(fixture);
  }

  /** After a step the inbox is read again. */
  async function reload(items: ReturnType<typeof disbursement>[]) {
    await stable(fixture);
    backend.expectOne('/api/disbursements/inbox').flush({ items, nextCursor: null });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('lists what waits for the caller: contract, organization, milestone, amount in yuan, status and who signed', async () => {
    await start([
      disbursement(),
      disbursement({
        id: 'd2',
        status: 'finance_approved',
        acceptedByName: '刘书记',
        financeApprovedByName: '李会计',
        amountFen: 12_345_678,
      }),
    ]);
    const first = within('d1');
    expect(first.text('inbox-amount')).toBe('¥72,000.00');
    expect(item('d1').textContent).toContain('春晖社区居家养老上门服务');
    expect(item('d1').textContent).toContain('阳光居家养老服务中心');
    expect(item('d1').textContent).toContain('首期');
    expect(first.text('inbox-status')).toBe('待验收');
    expect(first.text('inbox-test-mode')).toBe('测试模式');
    expect(page.el('test-mode')).not.toBeNull();
    const trail = item('d2').querySelectorAll('[data-step]');
    expect(
      [...trail].map((li) => `${li.getAttribute('data-step')}:${li.getAttribute('data-state')}`),
    ).toEqual(['requested:done', 'accepted:done', 'finance:done', 'director:current', 'paid:waiting']);
    expect(item('d2').textContent).toContain('李会计');
    expect(within('d2').text('inbox-amount')).toBe('¥123,456.78');
  });

  it("shows the milestone's deliverable files inline with their scan status, the rule, what remains and the progress", async () => {
    const files = [
      documentFile({
        id: 'f1',
        fileName: '首期服务报告.pdf',
        status: 'clean',
        purpose: 'milestone_deliverable',
      }),
      documentFile({
        id: 'f2',
        fileName: '签收表.pdf',
        status: 'pending_scan',
        purpose: 'milestone_deliverable',
      }),
    ];
    await start([
      disbursement({
        deliverableFiles: files,
        minDeliverables: 2,
        contractRemainingFen: 16_800_000,
        contractProjectId: 'p9',
      }),
      disbursement({ id: 'd2', status: 'accepted', acceptedByName: '刘书记', contractProjectId: 'p9' }),
    ]);
    const first = within('d1');
    const docs = item('d1').querySelectorAll('[data-testid="attachment-doc"]');
    expect([...docs].map((li) => [li.textContent?.includes('.pdf'), li.getAttribute('data-status')])).toEqual(
      [
        [true, 'clean'],
        [true, 'pending_scan'],
      ],
    );
    expect(first.text('inbox-evidence')).toContain('首期服务报告.pdf');
    expect(first.el('inbox-evidence-rule')?.getAttribute('data-met')).toBe('false');
    expect(first.text('inbox-evidence-rule')).toContain('需 2 份');
    expect(first.text('inbox-remaining')).toContain('¥168,000.00');
    // Community staff accepting follow the project's public record; the street's signers its page.
    expect(first.el<HTMLAnchorElement>('inbox-progress')?.getAttribute('href')).toBe('/public-projects/p9');
    expect(within('d2').el<HTMLAnchorElement>('inbox-progress')?.getAttribute('href')).toBe('/projects/p9');
    expect(within('d2').text('inbox-evidence')).toContain('暂无附件');
  });

  it('asks community staff for the acceptance rating, then accepts with it in one POST and reads the inbox again', async () => {
    await start();
    within('d1').click('inbox-accept');
    await stable(fixture);
    backend.expectNone('/api/disbursements/d1/accept');
    const form = within('d1');
    expect(form.el('inbox-accept-form')?.textContent).toContain('验收评价');
    // Without the three scores nothing is sent.
    form.click('inbox-accept-confirm');
    await stable(fixture);
    backend.expectNone('/api/disbursements/d1/accept');
    expect(form.text('acceptance-missing')).toContain('请为三项都打分');
    pick(fixture, 'acceptance-quality', 4);
    pick(fixture, 'acceptance-timeliness', 5);
    form.click('inbox-accept-confirm');
    await stable(fixture);
    backend.expectNone('/api/disbursements/d1/accept');
    pick(fixture, 'acceptance-cooperation', 3);
    form.type('acceptance-comment', '  服务记录完整  ');
    form.click('inbox-accept-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements/d1/accept');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ quality: 4, timeliness: 5, cooperation: 3, comment: '服务记录完整' });
    req.flush(disbursement({ status: 'accepted' }));
    await reload([]);
    expect(item('d1')).toBeNull();
    expect(page.text('inbox-empty')).toContain('暂无待您审批的拨付');
  });

  it('names each score and lets the keyboard set it, with Tab moving on', async () => {
    await start();
    within('d1').click('inbox-accept');
    await stable(fixture);
    const list = (score: string) =>
      within('d1').el(`acceptance-${score}`)!.querySelector<HTMLElement>('ul.ant-rate')!;
    const quality = list('quality');
    expect(quality.getAttribute('role')).toBe('slider');
    expect(quality.tabIndex).toBe(0);
    const label = document.getElementById(quality.getAttribute('aria-labelledby')!);
    expect(label?.textContent).toBe('服务质量');
    expect(document.getElementById(list('cooperation').getAttribute('aria-labelledby')!)?.textContent).toBe(
      '配合程度',
    );
    expect(quality.getAttribute('aria-valuenow')).toBe('0');
    const key = (target: HTMLElement, init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
      target.dispatchEvent(event);
      return event;
    };
    for (let i = 0; i < 4; i++) key(quality, { key: 'ArrowRight', keyCode: 39 });
    key(quality, { key: 'ArrowLeft', keyCode: 37 });
    await stable(fixture);
    expect(quality.getAttribute('aria-valuenow')).toBe('3');
    // NG-ZORRO cancels every key on the stars; Tab must still leave them.
    expect(key(quality, { key: 'Tab', keyCode: 9 }).defaultPrevented).toBe(false);
    expect(key(quality, { key: 'Tab', keyCode: 9, shiftKey: true }).defaultPrevented).toBe(false);
    expect(key(quality, { key: 'ArrowRight', keyCode: 39 }).defaultPrevented).toBe(true);
    for (const score of ['timeliness', 'cooperation']) key(list(score), { key: 'ArrowRight', keyCode: 39 });
    within('d1').click('inbox-accept-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements/d1/accept');
    expect(req.request.body).toEqual({ quality: 4, timeliness: 1, cooperation: 1 });
    req.flush(
      {
        code: 'auth.out_of_scope',
        message: 'Only staff of a community the contract serves accept its milestones',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await stable(fixture);
    expect(within('d1').el('inbox-item-error')?.getAttribute('data-code')).toBe('auth.out_of_scope');
    // The rating stays on the form to try again.
    expect(within('d1').el('inbox-accept-form')).not.toBeNull();
  });

  it("shows the server's four-eyes refusal on the item, with its code", async () => {
    await start([disbursement({ status: 'accepted', acceptedByName: '刘书记' })]);
    within('d1').click('inbox-finance_approve');
    (await awaitConfirmation(fixture)).confirm();
    await stable(fixture);
    backend.expectOne('/api/disbursements/d1/finance-approval').flush(
      {
        code: 'auth.forbidden',
        message:
          'The same person cannot request and approve, or approve twice: another colleague must sign this step',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await stable(fixture);
    const error = within('d1').el('inbox-item-error');
    expect(error?.getAttribute('data-code')).toBe('auth.forbidden');
    expect(error?.textContent).toContain('需由另一位同事签批');
    expect(item('d1')).not.toBeNull();
  });

  it('signs the director step when the status asks for it', async () => {
    await start([disbursement({ status: 'finance_approved' })]);
    within('d1').click('inbox-director_approve');
    (await awaitConfirmation(fixture)).confirm();
    await stable(fixture);
    backend.expectOne('/api/disbursements/d1/director-approval').flush(disbursement({ status: 'approved' }));
    await reload([]);
    // The signed item moves to "done just now", with the status it reached.
    expect(page.el('inbox-done-item')?.getAttribute('data-status')).toBe('approved');
  });

  it('returns a payment only with a reason', async () => {
    await start();
    within('d1').click('inbox-reject');
    await stable(fixture);
    within('d1').click('inbox-reject-confirm');
    await stable(fixture);
    backend.expectNone('/api/disbursements/d1/rejection');
    within('d1').type('inbox-reject-reason', '  缺少服务对象签收表  ');
    within('d1').click('inbox-reject-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements/d1/rejection');
    expect(req.request.body).toEqual({ reason: '缺少服务对象签收表' });
    req.flush(disbursement({ status: 'rejected' }));
    await reload([]);
  });

  it('records the voucher of an approved treasury payment; a Stripe one pays by itself', async () => {
    await start([
      disbursement({ status: 'approved', method: 'treasury' }),
      disbursement({ id: 'd2', status: 'approved', method: 'stripe' }),
    ]);
    expect(within('d1').el('inbox-reject')).toBeNull();
    expect(within('d2').el('inbox-pay')).toBeNull();
    expect(item('d2').textContent).toContain('正在通过 Stripe 付款');
    within('d1').click('inbox-pay');
    await stable(fixture);
    within('d1').type('inbox-voucher', 'bad voucher!');
    within('d1').click('inbox-pay-confirm');
    await stable(fixture);
    backend.expectNone('/api/disbursements/d1/payment');
    within('d1').type('inbox-voucher', 'GK-2026-0001');
    within('d1').click('inbox-pay-confirm');
    await fixture.whenStable();
    const req = backend.expectOne('/api/disbursements/d1/payment');
    expect(req.request.body).toEqual({ voucher: 'GK-2026-0001' });
    req.flush(disbursement({ status: 'paid', method: 'treasury', voucher: 'GK-2026-0001' }));
    await reload([disbursement({ id: 'd2', status: 'approved', method: 'stripe' })]);
  });

  it('shows items of other kinds generically, and no test-mode label with live Stripe', async () => {
    await start(
      [
        disbursement({
          kind: 'fund_grant',
          milestoneId: null,
          milestoneName: null,
          purpose: '老年食堂添置餐具',
          requestedByName: '刘书记',
          status: 'accepted',
        }),
      ],
      { stripe: 'live', testMode: false },
    );
    expect(within('d1').text('inbox-kind')).toBe('社区基金资助');
    expect(within('d1').text('inbox-purpose')).toContain('老年食堂添置餐具');
    expect(within('d1').el('inbox-finance_approve')).not.toBeNull();
    // No acceptance step for a grant: its proposer, then finance.
    expect([...item('d1').querySelectorAll('[data-step]')].map((li) => li.getAttribute('data-step'))).toEqual(
      ['requested', 'finance', 'director', 'paid'],
    );
    expect(page.el('test-mode')).toBeNull();
    expect(within('d1').el('inbox-test-mode')).toBeNull();
  });

  it('shows the next page under a "load more" button, each item once', async () => {
    await start([disbursement()], undefined, 'c2');
    page.click('inbox-more');
    await stable(fixture);
    backend
      .expectOne('/api/disbursements/inbox?cursor=c2')
      .flush({ items: [disbursement(), disbursement({ id: 'd2' })], nextCursor: null });
    await stable(fixture);
    const shown = [...fixture.nativeElement.querySelectorAll('[data-testid="inbox-item"]')];
    expect(shown.map((li) => li.getAttribute('data-id'))).toEqual(['d1', 'd2']);
    expect(page.el('inbox-more')).toBeNull();
  });

  it('searches and sorts what waits, keeping both in the URL, and says when nothing matches', async () => {
    await start([disbursement()]);
    pick(fixture, 'inbox-sort', 'newest');
    await stable(fixture);
    backend
      .expectOne('/api/disbursements/inbox?sort=newest')
      .flush({ items: [disbursement()], nextCursor: null });
    page.type('inbox-search', ' 终期 ');
    await searchPause(fixture);
    backend
      .expectOne(`/api/disbursements/inbox?q=${encodeURIComponent('终期')}&sort=newest`)
      .flush({ items: [], nextCursor: null });
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe(`/?sort=newest&q=${encodeURIComponent('终期')}`);
    expect(page.text('inbox-empty')).toBe('没有符合搜索的待办付款');
  });
});
