import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, flushReference, pick, stable } from '../../testing/page-testing';
import { NAVIGATE_AWAY } from '../../shared/payments-mode';
import { Donate } from './donate';

describe('Donate', () => {
  let fixture: ComponentFixture<Donate>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let visited: string[];

  async function start(testMode: boolean, community?: string) {
    configurePage(); // a visitor: nobody signed in
    visited = [];
    TestBed.overrideProvider(NAVIGATE_AWAY, { useValue: (url: string) => visited.push(url) });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Donate);
    if (community) fixture.componentRef.setInput('community', community);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/payments/mode').flush({ stripe: testMode ? 'fake' : 'live', testMode });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('labels test mode, and not live payments', async () => {
    await start(true);
    expect(page.text('test-mode')).toContain('测试模式');
    TestBed.resetTestingModule();
    await start(false);
    expect(page.el('test-mode')).toBeNull();
  });

  it('lets a visitor give in yuan, sends exact fen with fundDonate and goes to the Checkout page', async () => {
    await start(true);
    page.type('donate-amount', '0.5');
    page.click('donate-submit');
    await fixture.whenStable();
    backend.expectNone((r) => r.url.endsWith('/donations')); // no community, amount below 1 yuan

    pick(fixture, 'donate-community', 'c2');
    page.type('donate-amount', '88.80');
    page.type('donate-name', ' 王小明 ');
    page.type('donate-email', 'donor@example.cn');
    page.type('donate-message', '祝社区越来越好');
    page.click('donate-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/communities/c2/donations');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(req.request.body).toEqual({
      amountFen: 8880,
      donorName: '王小明',
      donorEmail: 'donor@example.cn',
      message: '祝社区越来越好',
    });
    req.flush({
      sessionId: 'cs_test_1',
      url: 'http://127.0.0.1:12111/checkout/pay/cs_test_1',
      amountFen: 8880,
    });
    await stable(fixture);
    expect(visited).toEqual(['http://127.0.0.1:12111/checkout/pay/cs_test_1']);
  });

  it('keeps the community it came back with from Checkout, and shows a refusal', async () => {
    await start(false, 'c4');
    page.type('donate-amount', '10');
    page.type('donate-email', 'not-an-email');
    page.click('donate-submit');
    await fixture.whenStable();
    backend.expectNone((r) => r.url.endsWith('/donations'));
    page.type('donate-email', '');
    page.click('donate-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/communities/c4/donations')
      .flush(
        { code: 'payments.unavailable', message: 'Stripe is not configured here' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await stable(fixture);
    expect(page.text('donate-error')).toContain('在线支付暂不可用');
    expect(visited).toEqual([]);
  });
});
