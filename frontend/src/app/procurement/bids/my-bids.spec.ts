import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { bid, tenderPage, tenderSummary } from '../../testing/procurement';
import { MyBids } from './my-bids';

describe('MyBids', () => {
  let fixture: ComponentFixture<MyBids>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'org_admin', organizationId: 'o1', scopeName: '阳光居家养老服务中心' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyBids);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('lists open tenders and my bids on active ones with tendersList and bidsMine', async () => {
    backend
      .expectOne('/api/tenders?limit=100')
      .flush(
        tenderPage([
          tenderSummary(),
          tenderSummary({ id: 't2', title: '翠园社区助洁', status: 'evaluating' }),
          tenderSummary({ id: 't3', title: '已签约项目', status: 'contracted' }),
        ]),
      );
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/bids/mine').flush([]);
    backend.expectOne('/api/tenders/t2/bids/mine').flush([bid({ tenderId: 't2', status: 'opened' })]);
    await stable(fixture);
    expect(page.el('my-bids-open')?.querySelector('[data-tender]')?.getAttribute('data-tender')).toBe(
      '春晖社区居家养老服务',
    );
    expect(page.el('my-bids-go')?.getAttribute('href')).toBe('/tenders/t1/bid');
    expect(page.text('my-bids-in-play')).toContain('已开标');
  });
});
