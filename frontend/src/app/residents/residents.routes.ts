import { Routes } from '@angular/router';

/** `/join-community`: any signed-in user asks to be confirmed as a resident. */
export const joinRoutes: Routes = [
  { path: '', loadComponent: () => import('./join/join-community').then((m) => m.JoinCommunity) },
];

/** `/residents`: the community staff's queue of those requests. */
export const queueRoutes: Routes = [
  { path: '', loadComponent: () => import('./queue/resident-queue').then((m) => m.ResidentQueue) },
];
