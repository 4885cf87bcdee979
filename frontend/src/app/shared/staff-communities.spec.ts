import { Component, signal } from '@angular/core';
import type { UserDto } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { TestBed } from '@angular/core/testing';
import { stable } from '../testing/page-testing';
import { CommunityPicker, myStaffCommunities, type StaffScope, staffCommunities } from './staff-communities';

@Component({
  imports: [CommunityPicker],
  template: `
    <app-community-picker [communities]="communities()" [(value)]="picked" />
    <app-community-picker
      name="fund-community"
      label="基金社区"
      [communities]="communities()"
      [(value)]="picked"
    />
  `,
})
class Host {
  readonly communities = signal<StaffScope[]>([{ id: 'c1', name: '春晖社区' }]);
  readonly picked = signal<string | null>('c1');
}

describe('staff communities', () => {
  it('are the regions of the community_staff memberships, named by their scope', () => {
    const memberships = [
      { role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' },
      { role: 'community_staff', regionId: 'c2', scopeName: null },
      { role: 'resident', regionId: 'c3', scopeName: '别的社区' },
      { role: 'community_staff', regionId: null, scopeName: null },
    ];
    expect(staffCommunities({ memberships } as never)).toEqual([
      { id: 'c1', name: '春晖社区' },
      { id: 'c2', name: 'c2' },
    ]);
    expect(staffCommunities(null)).toEqual([]);
  });

  it('are picked among only when there are several', async () => {
    const fixture = TestBed.createComponent(Host);
    const root = fixture.nativeElement as HTMLElement;
    await stable(fixture);
    expect(root.querySelector('[data-testid="community-picker"]')).toBeNull();
    fixture.componentInstance.communities.update((list) => [...list, { id: 'c2', name: '东风社区' }]);
    await stable(fixture);
    expect(root.querySelector('[data-testid="community-picker"]')).not.toBeNull();
    expect(root.querySelector('label')!.textContent).toBeTruthy();
  });

  it("take the page's own name and label", async () => {
    const fixture = TestBed.createComponent(Host);
    const root = fixture.nativeElement as HTMLElement;
    fixture.componentInstance.communities.update((list) => [...list, { id: 'c2', name: '东风社区' }]);
    await stable(fixture);
    expect(root.querySelector('[data-testid="fund-community"]')).not.toBeNull();
    expect(root.querySelector('label[for="fund-community"]')!.textContent!.trim()).toBe('基金社区');
  });

  it('of the signed-in user follow who is signed in', () => {
    const user = signal<UserDto | null>(null);
    TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: { user } }] });
    const communities = TestBed.runInInjectionContext(() => myStaffCommunities());
    expect(communities()).toEqual([]);
    user.set({ memberships: [{ role: 'community_staff', regionId: 'c1', scopeName: '春晖社区' }] } as never);
    expect(communities()).toEqual([{ id: 'c1', name: '春晖社区' }]);
  });
});
