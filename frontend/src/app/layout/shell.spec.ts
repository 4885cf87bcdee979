import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID, computed, signal } from '@angular/core';
import { ComponentFixture, DeferBlockState, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import type { UserDto } from '../api/models';
import { APP_ICONS } from '../app.icons';
import { AuthService } from '../auth/auth.service';
import { type Role, isRole } from '../auth/roles';
import { LANG_STORAGE_KEY } from '../i18n/i18n.service';
import { user } from '../testing/fixtures';
import { Shell } from './shell';

/** Just the signals the shell reads, so a test can switch the user at will. */
class FakeAuth {
  readonly user = signal<UserDto | null>(null);
  readonly isSignedIn = computed(() => this.user() !== null);
  readonly roles = computed(
    () => new Set<Role>((this.user()?.memberships ?? []).map((m) => m.role).filter(isRole)),
  );
  readonly logout = jest.fn(() => Promise.resolve());
  readonly updateMe = jest.fn(() => Promise.resolve(this.user()));
}

describe('Shell', () => {
  let auth: FakeAuth;

  /** Settles the shell and draws its @defer blocks (the menu, the user's part). */
  async function settle(fixture: ComponentFixture<Shell>) {
    await fixture.whenStable();
    for (const block of await fixture.getDeferBlocks()) await block.render(DeferBlockState.Complete);
    await fixture.whenStable();
  }

  async function render() {
    const fixture = TestBed.createComponent(Shell);
    await settle(fixture);
    return fixture;
  }

  const testIds = (root: HTMLElement) =>
    [...root.querySelectorAll<HTMLElement>('[data-testid^="menu-"]')]
      .map((el) => el.dataset['testid'])
      .filter((id) => id !== 'menu-toggle');

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuth();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons(APP_ICONS),
        { provide: AuthService, useValue: auth },
      ],
    });
  });

  it('renders the entries of the signed-in role and follows a change of user', async () => {
    auth.user.set(user(['street_officer']));
    const fixture = await render();
    const root = fixture.nativeElement as HTMLElement;
    expect(testIds(root)).toEqual([
      'menu-home',
      'menu-directory',
      'menu-public-projects',
      'menu-leaderboard',
      'menu-needs',
      'menu-consultations',
      'menu-participatory',
      'menu-tenders',
      'menu-budgets',
      'menu-incentive-rules',
      'menu-donate',
      'menu-org-review',
      'menu-exports',
      'menu-memberships',
      'menu-join-community',
      'menu-profile',
    ]);
    expect(root.querySelector('[data-testid="user-menu"]')?.textContent).toContain('王科长');

    auth.user.set(user(['platform_admin'], { displayName: '平台管理员' }));
    await settle(fixture);
    expect(testIds(root)).toEqual([
      'menu-home',
      'menu-directory',
      'menu-public-projects',
      'menu-leaderboard',
      'menu-tenders',
      'menu-donate',
      'menu-memberships',
      'menu-join-community',
      'menu-admin',
      'menu-staff',
      'menu-profile',
    ]);
  });

  it('offers a sign-in link instead of the user menu to visitors', async () => {
    const root = (await render()).nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="user-menu"]')).toBeNull();
    expect(root.querySelector('[data-testid="login-link"]')).not.toBeNull();
    expect(testIds(root)).toEqual([
      'menu-home',
      'menu-directory',
      'menu-public-projects',
      'menu-leaderboard',
      'menu-tenders',
      'menu-donate',
    ]);
  });

  it("drawn on a server, disables the page's fields and its own buttons until the app draws it again", async () => {
    TestBed.overrideProvider(PLATFORM_ID, { useValue: 'server' });
    const root = (await render()).nativeElement as HTMLElement;
    const fieldset = root.querySelector<HTMLFieldSetElement>('[data-testid="main-content"] > fieldset');
    expect(fieldset?.disabled).toBe(true);
    expect(fieldset?.querySelector('router-outlet')).not.toBeNull();
    for (const id of ['menu-toggle', 'lang-switch'])
      expect([id, root.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)?.disabled]).toEqual([
        id,
        true,
      ]);
  });

  it('in the browser, has the page in the main content itself and its buttons enabled', async () => {
    const root = (await render()).nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="main-content"] > router-outlet')).not.toBeNull();
    expect(root.querySelector('fieldset')).toBeNull();
    expect(root.querySelector<HTMLButtonElement>('[data-testid="lang-switch"]')?.disabled).toBe(false);
  });

  it('switches its labels to English and back with the header switch', async () => {
    const fixture = await render();
    const root = fixture.nativeElement as HTMLElement;
    const home = () => root.querySelector('[data-testid="menu-home"]')?.textContent?.trim();
    const toggle = root.querySelector<HTMLButtonElement>('[data-testid="lang-switch"]')!;
    expect(home()).toBe('首页');

    toggle.click();
    await fixture.whenStable();
    expect(home()).toBe('Home');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en-US');

    toggle.click();
    await fixture.whenStable();
    expect(home()).toBe('首页');
    expect(auth.updateMe).not.toHaveBeenCalled();
  });

  it("also saves a signed-in user's choice on the server", async () => {
    auth.user.set(user(['resident']));
    const fixture = await render();
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('[data-testid="lang-switch"]')!
      .click();
    expect(auth.updateMe).toHaveBeenCalledWith({ locale: 'en-US' });
  });
});
