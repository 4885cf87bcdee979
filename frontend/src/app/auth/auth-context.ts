import { HttpContext, HttpContextToken } from '@angular/common/http';

/** Marks calls that must bypass the bearer/refresh logic (login, refresh, logout themselves). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

export const skipAuth = () => new HttpContext().set(SKIP_AUTH, true);
