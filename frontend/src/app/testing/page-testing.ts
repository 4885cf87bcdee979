import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Type, computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NgControl } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { Router, provideRouter } from '@angular/router';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { provideApiConfiguration } from '../api/api-configuration';
import type { CategoryDto, MembershipDto, RegionDto, UserDto } from '../api/models';
import { APP_ICONS } from '../app.icons';
import { AuthService } from '../auth/auth.service';
import { type Role, isRole } from '../auth/roles';
import { SEARCH_DEBOUNCE_MS } from '../shared/list-query';
import { settle } from './fixtures';

/** Just what pages read of the session, so a test can pick the user and its memberships. */
export class FakeAuth {
  readonly user = signal<UserDto | null>(null);
  readonly isSignedIn = computed(() => this.user() !== null);
  readonly roles = computed(
    () => new Set<Role>((this.user()?.memberships ?? []).map((m) => m.role).filter(isRole)),
  );
  /** How often a page asked for GET /me (after changing the user's memberships). */
  reloads = 0;
  readonly reloadMe = () => {
    this.reloads++;
    return Promise.resolve(this.user() as UserDto);
  };
  readonly token = () => 'access-1';
}

export function signedInAs(auth: FakeAuth, memberships: Partial<MembershipDto>[] = []): void {
  auth.user.set({
    id: 'u1',
    email: 'someone@example.cn',
    emailVerified: true,
    displayName: '测试用户',
    phone: null,
    locale: 'zh-CN',
    version: 1,
    memberships: memberships.map((m, i) => ({
      id: `m${i + 1}`,
      role: 'resident',
      regionId: null,
      organizationId: null,
      scopeName: null,
      ...m,
    })),
  });
}

/** Providers for a page under test: real generated client over the HTTP testing backend. */
export function configurePage(auth = new FakeAuth()): FakeAuth {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideApiConfiguration(''),
      provideNzIcons(APP_ICONS),
      provideNzNativeDateAdapter(),
      { provide: AuthService, useValue: auth },
    ],
  });
  return auth;
}

/**
 * A page under test opened at a URL (a shared link, or Back): the router is there first, so the
 * page reads its filters from the query. Answers the page and the HTTP testing backend.
 */
export async function pageAt<T>(
  component: Type<T>,
  url: string,
  memberships?: Partial<MembershipDto>[],
): Promise<{ fixture: ComponentFixture<T>; backend: HttpTestingController }> {
  const auth = configurePage();
  if (memberships) signedInAs(auth, memberships);
  await TestBed.inject(Router).navigateByUrl(url);
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  return { fixture, backend: TestBed.inject(HttpTestingController) };
}

export const STREETS: RegionDto[] = [
  { id: 's1', name: '阳光街道', level: 'street', parentId: 'd1', version: 1 },
  { id: 's2', name: '和平街道', level: 'street', parentId: 'd1', version: 1 },
];
export const COMMUNITIES: RegionDto[] = [
  { id: 'c1', name: '春晖社区', level: 'community', parentId: 's1', version: 1 },
  { id: 'c2', name: '翠园社区', level: 'community', parentId: 's1', version: 1 },
  { id: 'c4', name: '安居社区', level: 'community', parentId: 's2', version: 1 },
];
export const REGIONS: RegionDto[] = [
  { id: 'd1', name: '示范区', level: 'district', parentId: null, version: 1 },
  ...STREETS,
  ...COMMUNITIES,
];
export const CATALOG: CategoryDto[] = [
  { code: 'elderly', parentCode: null, nameZh: '为老服务', nameEn: 'Elderly services', version: 1 },
  {
    code: 'elderly.home_care',
    parentCode: 'elderly',
    nameZh: '居家养老',
    nameEn: 'Elderly home care',
    version: 1,
  },
  { code: 'housekeeping', parentCode: null, nameZh: '家政服务', nameEn: 'Housekeeping', version: 1 },
];

/** Answers the reference-data calls (regions and catalog, retired ones included) a page makes on start. */
export async function flushReference(
  backend: HttpTestingController,
  data: { regions?: RegionDto[]; catalog?: CategoryDto[] } = {},
): Promise<void> {
  backend.expectOne('/api/regions?includeRetired=true').flush(data.regions ?? REGIONS);
  backend.expectOne('/api/catalog?includeRetired=true').flush(data.catalog ?? CATALOG);
  await settle();
}

/** Lets the answered calls' promises run, then renders. */
export async function stable(fixture: ComponentFixture<unknown>): Promise<void> {
  await settle();
  await fixture.whenStable();
}

/**
 * Waits out a search box's pause after typing: the page renders first, as the box starts its pause
 * only then (a fixed wait from the keystroke could end first on a busy machine), then the list again.
 */
export async function searchPause(fixture: ComponentFixture<unknown>): Promise<void> {
  await stable(fixture);
  await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 50));
  await stable(fixture);
}

/** DOM helpers over one root (the page, or document.body for overlays such as drawers). */
export function dom(root: ParentNode) {
  const el = <T extends HTMLElement = HTMLElement>(testId: string) =>
    root.querySelector<T>(`[data-testid="${testId}"]`);
  return {
    el,
    all: <T extends HTMLElement = HTMLElement>(testId: string) => [
      ...root.querySelectorAll<T>(`[data-testid="${testId}"]`),
    ],
    type(testId: string, value: string) {
      const input = el<HTMLInputElement>(testId);
      if (!input) throw new Error(`no [data-testid="${testId}"]`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    },
    click(testId: string) {
      const target = el(testId);
      if (!target) throw new Error(`no [data-testid="${testId}"]`);
      target.click();
    },
    text: (testId: string) => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  };
}

/**
 * Picks a value in an NG-ZORRO widget (select, tree select, switch) found by test id, as a click in
 * its overlay would: through the widget's registered change callback, so both reactive forms and
 * `(ngModelChange)` see it. The overlays themselves are NG-ZORRO's to test.
 */
export function pick(fixture: ComponentFixture<unknown>, testId: string, value: unknown): void {
  const debug = fixture.debugElement.query(By.css(`[data-testid="${testId}"]`));
  if (!debug) throw new Error(`no [data-testid="${testId}"]`);
  const ngControl = debug.injector.get(NgControl);
  const accessor = ngControl.valueAccessor as unknown as { onChange?: (value: unknown) => void };
  if (typeof accessor.onChange === 'function') accessor.onChange(value);
  else ngControl.control?.setValue(value); // e.g. the date picker, which keeps its callback private
}

/** The one (last) page of a cursor list, as the API answers it. */
export const lastPage = <T>(items: T[]) => ({ items, nextCursor: null, links: { next: null } });

/**
 * The open confirmation (shared/confirm.ts), as the user sees it: its words, and its buttons.
 * Null when none is open.
 */
export function confirmation(): { text: string; confirm(): void; dismiss(): void } | null {
  const dialog = document.querySelector<HTMLElement>('.app-confirm');
  if (!dialog) return null;
  const buttons = dialog.querySelectorAll<HTMLButtonElement>('.ant-modal-confirm-btns button');
  return {
    text: dialog.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    confirm: () => buttons[buttons.length - 1].click(),
    dismiss: () => buttons[0].click(),
  };
}

/** Waits for the confirmation a click opened (the modal renders on the next turn). */
export async function awaitConfirmation(fixture: ComponentFixture<unknown>) {
  for (let i = 0; i < 10; i++) {
    await settle();
    await fixture.whenStable();
    const open = confirmation();
    if (open) return open;
  }
  throw new Error('no confirmation opened');
}

/** The value of the form control on the element found by test id (a date picker's local text, say). */
export function controlValue(fixture: ComponentFixture<unknown>, testId: string): unknown {
  const debug = fixture.debugElement.query(By.css(`[data-testid="${testId}"]`));
  if (!debug) throw new Error(`no [data-testid="${testId}"]`);
  return debug.injector.get(NgControl).value;
}
