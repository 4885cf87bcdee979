import { Clipboard } from '@angular/cdk/clipboard';
import { chooseFiles, documentFile } from '../../testing/attachments';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import type { SubmitBidDto } from '../../api/models';
import { member, memberPage, membersOfO1 } from '../../testing/members';
import { awaitConfirmation, configurePage, dom, pick, signedInAs, stable } from '../../testing/page-testing';
import { bid, results, tender } from '../../testing/procurement';
import { BidForm } from './bid-form';

const HASH = '3f'.repeat(32);

describe('BidForm', () => {
  let fixture: ComponentFixture<BidForm>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function start(t = tender(), bids = [] as ReturnType<typeof bid>[]) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: { snapshot: { paramMap: convertToParamMap({ id: 't1' }) } },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BidForm);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne(membersOfO1)
      .flush(memberPage([member(), member({ id: 'mem2', displayName: '离职社工', status: 'removed' })]));
    backend.expectOne('/api/tenders/t1').flush(t);
    backend.expectOne('/api/tenders/t1/bids/mine').flush(bids);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('submits a sealed bid with bidsSubmit (price in exact fen, team of member ids) and shows the receipt', async () => {
    await start();
    page.type('bid-price-input', '4500.1');
    page.type('bid-proposal', '我们将组建专业团队，为老人提供每日助餐和每周助洁服务。');
    pick(fixture, 'bid-team', ['mem1']);
    page.click('bid-submit');
    await fixture.whenStable();

    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/bids');
    expect(req.request.body as SubmitBidDto).toEqual({
      organizationId: 'o1',
      priceFen: 450010,
      proposal: '我们将组建专业团队，为老人提供每日助餐和每周助洁服务。',
      team: ['mem1'],
      offeredKpis: { serviceHours: 1000, beneficiaries: 200, minSatisfaction: 4 },
    });
    req.flush({
      bid: bid({ priceFen: 450010, receiptHash: HASH }),
      receipt: { hash: HASH, document: '{"priceFen":450010}', submittedAt: '2026-11-25T10:00:00.123Z' },
    });
    await stable(fixture);

    expect(page.text('bid-receipt-hash')).toBe(HASH);
    expect(page.text('bid-price')).toBe('¥4,500.10');
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    page.click('bid-receipt-copy');
    expect(copy).toHaveBeenCalledWith(HASH);
  });

  it('attaches bid files once they are scanned clean, and lists them sealed while bidding is open', async () => {
    await start();
    chooseFiles(fixture.nativeElement, '技术方案.pdf');
    await stable(fixture);
    const upload = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/documents');
    expect(upload.request.params.get('purpose')).toBe('bid_document');
    expect(upload.request.params.get('organizationId')).toBe('o1');
    upload.flush(
      documentFile({ id: 'f1', purpose: 'bid_document', status: 'clean', fileName: '技术方案.pdf' }),
    );
    await stable(fixture);
    page.type('bid-price-input', '4500');
    page.type('bid-proposal', '我们将组建专业团队，为老人提供每日助餐和每周助洁服务。');
    page.click('bid-submit');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/bids');
    expect((req.request.body as SubmitBidDto).documentIds).toEqual(['f1']);
    const file = {
      id: 'f1',
      fileName: '技术方案.pdf',
      contentType: 'application/pdf',
      size: 2048,
      sha256: HASH,
    };
    req.flush({
      bid: bid({ receiptHash: HASH, documents: [file] }),
      receipt: { hash: HASH, document: '{}', submittedAt: '2026-11-25T10:00:00.123Z' },
    });
    await stable(fixture);
    expect(page.all('attachment-item')).toHaveLength(0);
    expect(page.el('attachment-sealed')).not.toBeNull();
    expect(page.el('attachment-open')).toBeNull();
  });

  it('offers only active members for the team', async () => {
    await start();
    const component = fixture.componentInstance as unknown as { activeMembers: () => { id: string }[] };
    expect(component.activeMembers().map((m) => m.id)).toEqual(['mem1']);
  });

  it('explains an ineligible organization with the server reasons', async () => {
    await start();
    page.type('bid-price-input', '100');
    page.type('bid-proposal', '一份足够长的技术方案，说明服务内容和人员安排。');
    page.click('bid-submit');
    await fixture.whenStable();
    backend.expectOne('/api/tenders/t1/bids').flush(
      {
        code: 'organization.ineligible',
        message: 'not eligible',
        details: {
          reasons: [{ code: 'grade_too_low', message: 'A valid grade of at least 4A is required' }],
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable(fixture);
    expect(page.text('bid-ineligible')).toContain('4A');
  });

  it('verifies the receipt with bidsVerify, withdraws with bidsWithdraw and then offers a new bid', async () => {
    await start(tender(), [bid({ receiptHash: HASH })]);
    expect(page.el('bid-live')?.dataset['status']).toBe('submitted');
    expect(page.el<HTMLInputElement>('bid-verify-hash')?.value).toBe(HASH);

    page.click('bid-verify');
    await fixture.whenStable();
    const verify = backend.expectOne('/api/bids/b1/receipt/verify');
    expect(verify.request.body).toEqual({ hash: HASH });
    verify.flush({ valid: true, storedHash: HASH });
    await stable(fixture);
    expect(page.el('bid-verify-result')?.dataset['valid']).toBe('true');

    page.click('bid-withdraw');
    const confirm = await awaitConfirmation(fixture);
    expect(confirm.text).toContain('不能恢复');
    confirm.confirm();
    await stable(fixture);
    backend
      .expectOne('/api/bids/b1/withdraw')
      .flush(bid({ status: 'withdrawn', withdrawnAt: '2026-11-25T10:00:00Z' }));
    await stable(fixture);
    expect(page.el('bid-live')).toBeNull();
    expect(page.el('bid-form')).not.toBeNull();
    expect(page.text('bid-history')).toContain('已撤回');
  });

  it('asks an enquiry with tendersAsk while enquiries are open', async () => {
    await start();
    page.type('bid-question', '服务对象名单由谁提供？');
    page.click('bid-ask');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/enquiries');
    expect(req.request.body).toEqual({ organizationId: 'o1', question: '服务对象名单由谁提供？' });
    req.flush({
      id: 'e1',
      question: '服务对象名单由谁提供？',
      answer: null,
      answeredAt: null,
      createdAt: '2026-11-25T00:00:00Z',
    });
    await stable(fixture);
  });

  it('lodges a complaint with evaluationComplain during the standstill', async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: { snapshot: { paramMap: convertToParamMap({ id: 't1' }) } },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BidForm);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne(membersOfO1).flush(memberPage([member()]));
    backend.expectOne('/api/tenders/t1').flush(tender({ status: 'standstill' }));
    backend.expectOne('/api/tenders/t1/bids/mine').flush([bid({ status: 'not_awarded' })]);
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/results').flush(results({ standstillEndsAt: '2099-01-01T00:00:00Z' }));
    backend.expectOne('/api/tenders/t1/complaints').flush([]);
    await stable(fixture);

    page.type('bid-complaint-reason', '价格分计算有误，请复核');
    page.click('bid-complain');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/complaints');
    expect(req.request.body).toEqual({ organizationId: 'o1', reason: '价格分计算有误，请复核' });
    req.flush({
      id: 'q1',
      tenderId: 't1',
      organizationId: 'o1',
      reason: '价格分计算有误，请复核',
      status: 'pending',
      decisionReason: null,
      createdAt: '2026-11-25T00:00:00Z',
    });
    await stable(fixture);
    expect(page.text('bid-complaints')).toContain('待处理');
  });
});
