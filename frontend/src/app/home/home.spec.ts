import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../testing/page-testing';
import { Home } from './home';

describe('Home', () => {
  let fixture: ComponentFixture<Home>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(memberships: Parameters<typeof signedInAs>[1] | null): Promise<void> {
    const auth = configurePage();
    if (memberships) signedInAs(auth, memberships);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Home);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  const items = () =>
    page.all('home-work-item').map((a) => [a.dataset['kind'], a.dataset['count'], a.getAttribute('href')]);

  it("lists the signed-in user's waiting work with counts, each linking to the list it is done from", async () => {
    await open([{ role: 'community_staff', regionId: 'c1' }]);
    backend.expectOne('/api/me/waiting-work').flush([
      { kind: 'approvals', count: 2 },
      { kind: 'resident_requests', count: 0 },
      { kind: 'needs_to_triage', count: 5 },
    ]);
    await stable(fixture);
    expect(items()).toEqual([
      ['approvals', '2', '/approvals'],
      ['resident_requests', '0', '/residents'],
      ['needs_to_triage', '5', '/needs'],
    ]);
    expect(page.text('home-work')).toContain('待审批的拨付');
    expect(page.el('home-work-none')).toBeNull();
    // A role's home is its work, not an offer to register an organization.
    expect(page.el('home-register-org')).toBeNull();
  });

  it('says when nothing waits, and offers a newcomer without roles to register or join', async () => {
    await open([]);
    backend.expectOne('/api/me/waiting-work').flush([]);
    await stable(fixture);
    expect(page.text('home-work-none')).toContain('目前没有');
    expect(page.el('home-register-org')).not.toBeNull();
    expect(page.el('home-join-community')?.getAttribute('href')).toBe('/join-community');
  });

  it('shows a failure to load without hiding the rest of the page', async () => {
    await open([{ role: 'resident', regionId: 'c1' }]);
    backend
      .expectOne('/api/me/waiting-work')
      .flush({ code: 'x', message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await stable(fixture);
    expect(page.el('home-work-error')).not.toBeNull();
    expect(page.el('home-greeting')).not.toBeNull();
  });

  it('asks nothing of the API for a visitor, and shows the public pages', async () => {
    await open(null);
    await stable(fixture);
    backend.expectNone('/api/me/waiting-work');
    expect(page.el('home-work')).toBeNull();
    expect(page.el('home-directory')).not.toBeNull();
  });
});
