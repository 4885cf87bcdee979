import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { rating } from '../../testing/delivery';
import { configurePage, dom, lastPage, signedInAs, stable } from '../../testing/page-testing';
import { RatingModeration } from './rating-moderation';

describe('RatingModeration', () => {
  let fixture: ComponentFixture<RatingModeration>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RatingModeration);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/communities/c1/rating-reports').flush({
      ...lastPage([
        rating({ moderation: 'reported', comment: '社工态度恶劣，骂人' }),
        rating({ id: 'ra2', moderation: 'reported', comment: '服务一般' }),
      ]),
      nextCursor: 'c2',
    });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it("lists the reported ratings of the staff member's community", () => {
    expect(page.text('moderation-queue')).toContain('社工态度恶劣');
    expect(page.text('moderation-queue')).toContain('服务一般');
  });

  it('keeps a comment hidden with POST /ratings/:id/moderation { hide: true }', async () => {
    page.all('moderation-hide')[0].click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/ratings/ra1/moderation');
    expect(req.request.body).toEqual({ hide: true });
    req.flush(rating({ moderation: 'hidden' }));
    await stable(fixture);
    expect(page.text('moderation-queue')).not.toContain('社工态度恶劣');
  });

  it('shows a comment again with { hide: false }', async () => {
    page.all('moderation-show')[1].click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/ratings/ra2/moderation');
    expect(req.request.body).toEqual({ hide: false });
    req.flush(rating({ id: 'ra2', moderation: 'visible' }));
    await stable(fixture);
    expect(page.text('moderation-queue')).not.toContain('服务一般');
  });

  it('shows the next page of reports under a "load more" button', async () => {
    page.click('moderation-more');
    await fixture.whenStable();
    backend
      .expectOne('/api/communities/c1/rating-reports?cursor=c2')
      .flush(lastPage([rating({ id: 'ra3', moderation: 'reported', comment: '第二页的评论' })]));
    await stable(fixture);
    expect(page.text('moderation-queue')).toContain('第二页的评论');
    expect(page.el('moderation-more')).toBeNull();
  });
});
