import { Routes } from '@angular/router';

/** The street leaderboard: public, like the scores it sorts. */
export const leaderboardRoutes = [
  { path: '', loadComponent: () => import('./leaderboard').then((m) => m.Leaderboard) },
] satisfies Routes;
