import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { DonationReceiptDto } from '../../api/models';
import { configurePage, dom, stable } from '../../testing/page-testing';
import { settle } from '../../testing/fixtures';
import { DonationThanks, RECEIPT_POLL } from './thanks';

const RECEIPT: DonationReceiptDto = {
  receiptNo: 'JZ2026000042',
  communityId: 'c1',
  communityName: '春晖社区',
  amountFen: 8880,
  currency: 'CNY',
  donorName: null,
  donorEmail: null,
  message: '加油',
  paidAt: '2026-05-12T08:30:00.000Z',
};

describe('DonationThanks', () => {
  let fixture: ComponentFixture<DonationThanks>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const saved = { ...RECEIPT_POLL };

  beforeEach(() => Object.assign(RECEIPT_POLL, { attempts: 3, delayMs: 1 }));
  afterEach(() => {
    Object.assign(RECEIPT_POLL, saved);
    backend.verify();
  });

  async function start(session?: string) {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DonationThanks);
    if (session) fixture.componentRef.setInput('session', session);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/payments/mode').flush({ stripe: 'fake', testMode: true });
  }

  const notYet = () =>
    backend
      .expectOne('/api/donations/cs_test_9/receipt')
      .flush({ code: 'resource.not_found', message: 'not found' }, { status: 404, statusText: 'Not Found' });
  /** Lets the poll's short wait pass. */
  const tick = async () => {
    await new Promise((r) => setTimeout(r, 5));
    await settle();
  };

  it('waits for the webhook, then shows the receipt', async () => {
    await start('cs_test_9');
    expect(page.el('receipt-waiting')).not.toBeNull();
    notYet();
    await tick();
    backend.expectOne('/api/donations/cs_test_9/receipt').flush(RECEIPT);
    await stable(fixture);
    expect(page.text('receipt-no')).toBe('JZ2026000042');
    expect(page.text('receipt-amount')).toBe('¥88.80');
    expect(page.text('receipt-community')).toBe('春晖社区');
    expect(page.text('receipt-donor')).toBe('匿名');
    expect(page.text('test-mode')).toContain('测试模式');
  });

  it('stops polling after a while and offers to check again', async () => {
    await start('cs_test_9');
    for (let i = 0; i < 3; i++) {
      notYet();
      await tick();
    }
    await stable(fixture);
    expect(page.el('receipt-pending')).not.toBeNull();
    page.click('receipt-retry');
    await fixture.whenStable();
    backend.expectOne('/api/donations/cs_test_9/receipt').flush(RECEIPT);
    await stable(fixture);
    expect(page.text('receipt-no')).toBe('JZ2026000042');
  });

  it('says so when Checkout sent no session', async () => {
    await start();
    await stable(fixture);
    expect(page.el('receipt-missing')).not.toBeNull();
  });
});
