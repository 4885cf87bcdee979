import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  FakeAuth,
  configurePage,
  dom,
  flushReference,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { residentRequest } from '../../testing/residents';
import { JoinCommunity } from './join-community';

describe('JoinCommunity', () => {
  let fixture: ComponentFixture<JoinCommunity>;
  let backend: HttpTestingController;
  let auth: FakeAuth;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    auth = configurePage();
    signedInAs(auth);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(JoinCommunity);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/me/resident-requests').flush({
      items: [
        residentRequest({
          id: 'rr0',
          communityName: '安居社区',
          status: 'refused',
          decisionReason: '查无此人',
        }),
      ],
      nextCursor: 'n2',
    });
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  it('shows my requests with their status and the reason of a refusal', () => {
    expect(page.text('join-requests')).toContain('安居社区');
    expect(page.text('join-requests')).toContain('未通过');
    expect(page.text('join-requests')).toContain('查无此人');
    expect(auth.reloads).toBeGreaterThan(0);
  });

  it('asks to join a community with a note', async () => {
    page.click('join-submit');
    await fixture.whenStable();
    backend.expectNone((r) => r.url.endsWith('/resident-requests') && r.method === 'POST');

    pick(fixture, 'join-community', 'c1');
    page.type('join-note', '3 栋 2 单元');
    page.click('join-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/communities/c1/resident-requests');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ note: '3 栋 2 单元' });
    req.flush(residentRequest());
    await stable(fixture);

    expect(page.text('join-requests')).toContain('春晖社区');
    expect(page.text('join-requests')).toContain('待确认');
  });

  it("shows the server's message when a request is already waiting", async () => {
    pick(fixture, 'join-community', 'c1');
    page.click('join-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/communities/c1/resident-requests')
      .flush(
        { code: 'state.conflict', message: '您对该社区的申请正在等待处理' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable(fixture);
    expect(page.text('join-error')).toContain('与当前状态冲突，请刷新后重试');
  });

  it('shows older requests under a "load more" button', async () => {
    page.click('join-more');
    await stable(fixture);
    backend
      .expectOne('/api/me/resident-requests?cursor=n2')
      .flush({ items: [residentRequest({ id: 'rr-old', communityName: '和平社区' })], nextCursor: null });
    await stable(fixture);
    expect(page.text('join-requests')).toContain('安居社区');
    expect(page.text('join-requests')).toContain('和平社区');
    expect(page.el('join-more')).toBeNull();
  });
});
