import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideApiConfiguration } from '../api/api-configuration';
import { AuthService } from '../auth/auth.service';
import { NotificationBell } from '../notifications/notification-bell';
import { FakeAuth, signedInAs } from '../testing/page-testing';
import { NavDrawer } from './nav-drawer';
import { NavMenu } from './nav-menu';
import { UserMenu } from './user-menu';

@Component({ selector: 'app-blank', template: '' })
class Blank {}

/** The drawer as the shell holds it: open until it asks to close; and the button that opened it. */
@Component({
  selector: 'app-drawer-host',
  imports: [NavDrawer],
  template: `<button type="button" data-testid="opener">menu</button>
    <app-nav-drawer [open]="open()" (closed)="open.set(false)" />`,
})
class DrawerHost {
  readonly open = signal(false);
}

describe("the shell's menus", () => {
  let auth: FakeAuth & { logout: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    auth = Object.assign(new FakeAuth(), { logout: jest.fn(() => Promise.resolve()) });
    signedInAs(auth, [{ role: 'resident' }]);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        { provide: AuthService, useValue: auth },
      ],
    });
  });

  const byTestId = (root: HTMLElement, id: string) =>
    root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('marks the current page in the side menu (aria-current, the selected row), home only on /', async () => {
    const fixture = TestBed.createComponent(NavMenu);
    const root = fixture.nativeElement as HTMLElement;
    await TestBed.inject(Router).navigateByUrl('/directory/o1');
    await fixture.whenStable();
    const current = [...root.querySelectorAll('[aria-current="page"]')].map((a) =>
      a.getAttribute('data-testid'),
    );
    expect(current).toEqual(['menu-directory']);
    expect(byTestId(root, 'menu-directory')?.closest('li')?.classList).toContain('ant-menu-item-selected');
    expect(byTestId(root, 'menu-home')?.closest('li')?.classList).not.toContain('ant-menu-item-selected');
    expect(byTestId(root, 'menu-volunteer')?.getAttribute('href')).toBe('/volunteer');
    // Each entry draws its icon inline, hidden from screen readers (its text names the link).
    expect(byTestId(root, 'menu-volunteer')?.querySelector('[aria-hidden="true"] svg path')).not.toBeNull();

    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    expect(byTestId(root, 'menu-home')?.getAttribute('aria-current')).toBe('page');
    expect(byTestId(root, 'menu-directory')?.hasAttribute('aria-current')).toBe(false);
  });

  it("opens the phone's drawer as a dialog with the focus in it; Escape closes it and the focus goes back", async () => {
    const fixture = TestBed.createComponent(DrawerHost);
    const root = fixture.nativeElement as HTMLElement;
    document.body.appendChild(root);
    await fixture.whenStable();
    expect(root.querySelector('.ant-drawer')).toBeNull();

    byTestId(root, 'opener')!.focus();
    fixture.componentInstance.open.set(true);
    await fixture.whenStable();
    const dialog = root.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('三社联动');
    expect(document.activeElement).toBe(byTestId(root, 'menu-close'));
    expect(byTestId(root, 'menu-close')?.getAttribute('aria-label')).toBe('关闭菜单');

    // Shift+Tab from the first control goes round to the last entry, Tab from there back to the first.
    const tab = (shiftKey: boolean) =>
      document.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }),
      );
    expect(tab(true)).toBe(false);
    expect(document.activeElement).toBe(byTestId(root, 'menu-profile'));
    expect(tab(false)).toBe(false);
    expect(document.activeElement).toBe(byTestId(root, 'menu-close'));

    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(fixture.componentInstance.open()).toBe(false);
    expect(root.querySelector('.ant-drawer')).toBeNull();
    expect(document.activeElement).toBe(byTestId(root, 'opener'));
    root.remove();
  });

  it('closes the drawer on a click on the backdrop or on an entry, not on a click inside', async () => {
    const fixture = TestBed.createComponent(DrawerHost);
    const root = fixture.nativeElement as HTMLElement;
    const host = fixture.componentInstance;
    host.open.set(true);
    await fixture.whenStable();
    root.querySelector<HTMLElement>('.ant-drawer-title')!.click();
    await fixture.whenStable();
    expect(host.open()).toBe(true);
    root.querySelector<HTMLElement>('.ant-drawer-mask')!.click();
    await fixture.whenStable();
    expect(host.open()).toBe(false);

    host.open.set(true);
    await fixture.whenStable();
    byTestId(root, 'menu-volunteer')!.click();
    await fixture.whenStable();
    expect(host.open()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/volunteer');
  });

  it("shows the user's menu on its button; Escape closes it and refocuses the button, so does a click elsewhere", async () => {
    const fixture = TestBed.createComponent(UserMenu);
    const root = fixture.nativeElement as HTMLElement;
    document.body.appendChild(root);
    await fixture.whenStable();
    const button = byTestId(root, 'user-menu')!;
    expect(button.textContent).toContain('测试用户');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(byTestId(root, 'logout')).toBeNull();

    button.click();
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-controls')!)).not.toBeNull();
    expect(byTestId(root, 'user-menu-profile')?.getAttribute('href')).toBe('/profile');
    byTestId(root, 'logout')!.focus();
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(byTestId(root, 'logout')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    button.click();
    await fixture.whenStable();
    byTestId(root, 'user-menu-profile')!.querySelector('span')!.click();
    await fixture.whenStable();
    expect(byTestId(root, 'logout')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/profile');

    button.click();
    await fixture.whenStable();
    document.body.click();
    await fixture.whenStable();
    expect(byTestId(root, 'logout')).toBeNull();

    button.click();
    await fixture.whenStable();
    byTestId(root, 'logout')!.click();
    expect(auth.logout).toHaveBeenCalledTimes(1);
    root.remove();
  });

  it("shows the bell's unread count in a badge (99+ above 99) and says it in the link's label", async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    const root = fixture.nativeElement as HTMLElement;
    const backend = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 0 });
    await fixture.whenStable();
    expect(byTestId(root, 'notification-count')).toBeNull();
    expect(byTestId(root, 'notification-bell')?.getAttribute('aria-label')).toBe('通知（0 条未读）');

    await TestBed.inject(Router).navigateByUrl('/x');
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 120 });
    await fixture.whenStable();
    expect(byTestId(root, 'notification-count')?.textContent).toBe('99+');
    expect(byTestId(root, 'notification-bell')?.getAttribute('aria-label')).toBe('通知（120 条未读）');
    fixture.destroy();
  });
});
