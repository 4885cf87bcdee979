import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { DisbursementDto, FundSummaryDto } from '../../api/models';
import { Router } from '@angular/router';
import { configurePage, dom, pageAt, pick, signedInAs, stable } from '../../testing/page-testing';
import { FundPage } from './fund-page';

const summary = (over: Partial<FundSummaryDto> = {}): FundSummaryDto => ({
  communityId: 'c1',
  communityName: '春晖社区',
  currency: 'CNY',
  balanceFen: 1_000_000,
  availableFen: 700_000,
  donationsFen: 1_200_000,
  donationCount: 3,
  grantsPaidFen: 200_000,
  grantsPendingFen: 300_000,
  grantCount: 2,
  ...over,
});

const grant = (over: Partial<DisbursementDto>): DisbursementDto =>
  ({
    id: 'g1',
    kind: 'fund_grant',
    milestoneId: null,
    milestoneName: null,
    projectId: 'p1',
    projectTitle: '长者助餐',
    communityId: 'c1',
    purpose: '购置餐具',
    contractId: 'k1',
    contractTitle: '长者助餐服务',
    organizationId: 'o1',
    organizationName: '阳光居家养老服务中心',
    streetId: 's1',
    amountFen: 300_000,
    currency: 'CNY',
    status: 'accepted',
    method: 'treasury',
    needsDirector: false,
    deliverables: '',
    rejectionReason: null,
    voucher: null,
    payoutAttempt: 0,
    providerReference: null,
    failureReason: null,
    createdAt: '2026-05-12T08:30:00.000Z',
    updatedAt: '2026-05-12T08:30:00.000Z',
    ...over,
  }) as DisbursementDto;

describe('FundPage', () => {
  let fixture: ComponentFixture<FundPage>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  const donation = {
    receiptNo: 'JZ2026000001',
    checkoutSessionId: 'cs_test_1',
    communityId: 'c1',
    communityName: '春晖社区',
    amountFen: 1_200_000,
    currency: 'CNY',
    donorName: '王小明',
    donorEmail: 'donor@example.cn',
    message: '祝社区越来越好',
    paidAt: '2026-05-12T08:30:00.000Z',
  };

  function flushFund(s = summary(), donationsAfter: string | null = null, c = 'c1') {
    backend.expectOne(`/api/communities/${c}/fund`).flush(s);
    backend.expectOne(`/api/communities/${c}/fund/donations?limit=50`).flush({
      items: [donation],
      nextCursor: donationsAfter,
    });
    backend.expectOne(`/api/communities/${c}/fund/grants?limit=50`).flush({
      items: [grant({}), grant({ id: 'g2', status: 'paid', amountFen: 200_000, projectTitle: '儿童阅读' })],
      nextCursor: null,
    });
    backend
      .expectOne(`/api/communities/${c}/fund/projects`)
      .flush([
        { id: 'p1', title: '长者助餐', organizationId: 'o1', organizationName: '阳光居家养老服务中心' },
      ]);
  }

  afterEach(() => backend.verify());

  describe('for the staff of one community', () => {
    beforeEach(async () => {
      const auth = configurePage();
      signedInAs(auth, [{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }]);
      backend = TestBed.inject(HttpTestingController);
      fixture = TestBed.createComponent(FundPage);
      page = dom(fixture.nativeElement);
      await fixture.whenStable();
      backend.expectOne('/api/payments/mode').flush({ stripe: 'live', testMode: false });
      flushFund();
      await stable(fixture);
    });

    it("shows the fund's balance, its donations with donors and receipts, and the grants with their status", () => {
      expect(page.text('fund-balance')).toContain('¥10,000.00');
      expect(page.text('fund-available')).toContain('¥7,000.00');
      expect(page.text('fund-donations-total')).toContain('¥12,000.00');
      expect(page.text('fund-donations-total')).toContain('共 3 笔');
      expect(page.text('fund-grants-paid')).toContain('¥2,000.00');
      expect(page.text('fund-grants-pending')).toContain('¥3,000.00');
      expect(page.text('fund-donations')).toContain('王小明');
      expect(page.text('fund-donations')).toContain('donor@example.cn');
      expect(page.text('fund-donations')).toContain('JZ2026000001');
      const statuses = page.all('fund-grant-status').map((el) => el.textContent?.trim());
      expect(statuses).toEqual(['待财务审批', '已拨付']);
      expect(page.el('test-mode')).toBeNull();
      expect(page.el('fund-grants-more')).toBeNull();
      expect(page.el('fund-donations-more')).toBeNull();
    });

    it('shows older donations a page at a time (here after a proposal reloads the fund)', async () => {
      pick(fixture, 'grant-project', 'p1');
      page.type('grant-amount', '10');
      page.type('grant-purpose', '社区微更新活动');
      page.click('grant-submit');
      await fixture.whenStable();
      backend.expectOne('/api/communities/c1/fund/grants').flush(grant({ id: 'g4', amountFen: 1000 }));
      await stable(fixture);
      flushFund(summary(), 'd1');
      await stable(fixture);
      page.click('fund-donations-more');
      await fixture.whenStable();
      backend.expectOne('/api/communities/c1/fund/donations?cursor=d1&limit=50').flush({
        items: [{ ...donation, receiptNo: 'JZ2026000000', donorName: '李先生' }],
        nextCursor: null,
      });
      await stable(fixture);
      expect(page.all('fund-donation')).toHaveLength(2);
      expect(page.text('fund-donations')).toContain('李先生');
      expect(page.el('fund-donations-more')).toBeNull();
    });

    it('proposes a grant in exact fen with fundProposeGrant, then reloads the fund', async () => {
      page.click('grant-submit');
      await fixture.whenStable();
      backend.expectNone((r) => r.method === 'POST');

      pick(fixture, 'grant-project', 'p1');
      page.type('grant-amount', '1500.05');
      page.type('grant-purpose', '  重阳节敬老活动  ');
      page.click('grant-submit');
      await fixture.whenStable();
      const req = backend.expectOne('/api/communities/c1/fund/grants');
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual({ projectId: 'p1', amountFen: 150005, purpose: '重阳节敬老活动' });
      req.flush(grant({ id: 'g3', amountFen: 150005 }));
      await stable(fixture);
      flushFund(summary({ availableFen: 549_995 }));
      await stable(fixture);
      expect(page.text('fund-available')).toContain('¥5,499.95');
    });

    it("shows the server's refusal when the fund cannot cover the grant", async () => {
      pick(fixture, 'grant-project', 'p1');
      page.type('grant-amount', '8000');
      page.type('grant-purpose', '社区微更新');
      page.click('grant-submit');
      await fixture.whenStable();
      backend.expectOne('/api/communities/c1/fund/grants').flush(
        {
          code: 'fund.insufficient',
          message: 'The community fund has 700000 fen available; the grant needs 800000',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await stable(fixture);
      expect(page.text('grant-error')).toContain('基金余额不足');
    });
  });

  describe('opened at a URL (Back, a reload, a shared link)', () => {
    it('shows the community it names, and keeps the one picked in it', async () => {
      ({ fixture, backend } = await pageAt(FundPage, '/?community=c2', [
        { role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' },
        { role: 'community_staff', regionId: 'c2', scopeName: '翠园社区' },
      ]));
      page = dom(fixture.nativeElement);
      backend.expectOne('/api/payments/mode').flush({ stripe: 'live', testMode: false });
      flushFund(summary({ communityId: 'c2', communityName: '翠园社区' }), null, 'c2');
      await stable(fixture);
      expect(page.text('fund-summary')).toContain('翠园社区');

      pick(fixture, 'fund-community', 'c1');
      await fixture.whenStable();
      flushFund(summary(), null, 'c1');
      await stable(fixture);
      expect(TestBed.inject(Router).url).toBe('/?community=c1');
      expect(page.text('fund-summary')).toContain('春晖社区');
    });
  });
});
