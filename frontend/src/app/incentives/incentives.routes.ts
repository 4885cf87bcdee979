import { Routes } from '@angular/router';

/** `/incentive-rules`: the street's incentive rules (street roles; the director edits them). */
export default [
  { path: '', loadComponent: () => import('./incentive-rules').then((m) => m.IncentiveRules) },
] satisfies Routes;
