import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpXsrfTokenExtractor } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Api } from '../api/api';
// Each function from its own file: the barrel (api/functions) would bring every endpoint into the
// first load, as each file sets a property (`fn.PATH = …`) that the bundler must keep.
import { authLogin } from '../api/fn/auth/auth-login';
import { authLogout } from '../api/fn/auth/auth-logout';
import { authRefresh } from '../api/fn/auth/auth-refresh';
import { authRegister } from '../api/fn/auth/auth-register';
import { meMe } from '../api/fn/me/me-me';
import { meUpdate } from '../api/fn/me/me-update';
import type { RegisterDto, RegistrationDto, TokenPairDto, UpdateProfileDto, UserDto } from '../api/models';
import { skipAuth } from './auth-context';
import { type Role, isRole } from './roles';
import { ifMatch } from '../shared/etag';

/** The CSRF cookie the API sets beside the refresh cookie; Angular's default XSRF cookie name. */
export const XSRF_COOKIE = 'XSRF-TOKEN';

/**
 * The signed-in session. The access token lives only in memory (never readable by a later page).
 * The refresh token is in an HttpOnly cookie the page never sees, sent by the browser to
 * /api/auth only; refresh and logout prove they come from this page by echoing the session's
 * CSRF token (the readable XSRF-TOKEN cookie) in the X-XSRF-TOKEN header. That cookie also tells
 * a reload that there is a session to resume.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly xsrf = inject(HttpXsrfTokenExtractor);
  private readonly document = inject(DOCUMENT);

  private readonly accessToken = signal<string | null>(null);
  private readonly currentUser = signal<UserDto | null>(null);
  private refreshing: Promise<string | null> | null = null;
  private restoring: Promise<void> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null);
  readonly roles = computed<ReadonlySet<Role>>(
    () => new Set((this.currentUser()?.memberships ?? []).map((m) => m.role).filter(isRole)),
  );

  token(): string | null {
    return this.accessToken();
  }

  /** Whether the browser holds a session's cookies, so a refresh is worth trying. */
  canRefresh(): boolean {
    return this.xsrf.getToken() !== null;
  }

  async login(email: string, password: string): Promise<UserDto> {
    const pair = await this.api.invoke(authLogin, { body: { email, password } }, skipAuth());
    return this.accept(pair);
  }

  register(body: RegisterDto): Promise<RegistrationDto> {
    return this.api.invoke(authRegister, { body }, skipAuth());
  }

  /** Resumes the session of an earlier visit; resolves once it is known whether there is one. */
  restore(): Promise<void> {
    this.restoring ??= this.canRefresh() ? this.refresh().then(() => undefined) : Promise.resolve();
    return this.restoring;
  }

  /**
   * Trades the refresh cookie for a new access token (and the next refresh cookie). Concurrent callers share one request, since the
   * server rotates the token and a second use of the old one would be refused as reuse.
   * Resolves to the new access token, or null when the session is over.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async logout(): Promise<void> {
    const csrf = this.xsrf.getToken();
    this.clear();
    if (csrf) {
      // Revoking is best effort: the local session is gone either way.
      await this.api.invoke(authLogout, { 'x-xsrf-token': csrf }, skipAuth()).catch(() => undefined);
    }
    await this.router.navigateByUrl('/login');
  }

  /** Called when a refresh was refused: back to the login page, then to where the user was. */
  async sessionExpired(): Promise<void> {
    this.clear();
    await this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
  }

  async reloadMe(): Promise<UserDto> {
    const user = await this.api.invoke(meMe);
    this.currentUser.set(user);
    return user;
  }

  /** Saves the account; with the version the page showed, a change made since elsewhere is refused (412). */
  async updateMe(body: UpdateProfileDto, shownVersion?: number): Promise<UserDto> {
    const user = await this.api.invoke(meUpdate, {
      body,
      ...(shownVersion !== undefined ? { 'If-Match': ifMatch(shownVersion) } : {}),
    });
    this.currentUser.set(user);
    return user;
  }

  private async doRefresh(): Promise<string | null> {
    const csrf = this.xsrf.getToken();
    if (!csrf) return null;
    try {
      const pair = await this.api.invoke(authRefresh, { 'x-xsrf-token': csrf }, skipAuth());
      this.accept(pair);
      return pair.accessToken;
    } catch (err) {
      // A network failure keeps the cookies for the next try; a refusal ends the session (the API
      // clears its cookies too).
      if (!(err instanceof HttpErrorResponse) || err.status !== 0) this.clear();
      return null;
    }
  }

  private accept(pair: TokenPairDto): UserDto {
    this.accessToken.set(pair.accessToken);
    this.currentUser.set(pair.user);
    return pair.user;
  }

  private clear(): void {
    this.accessToken.set(null);
    this.currentUser.set(null);
    // Forget the session here even if the API is out of reach: no reload resumes it.
    this.document.cookie = `${XSRF_COOKIE}=; Path=/; Max-Age=0`;
  }
}
