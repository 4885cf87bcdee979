import { Routes } from '@angular/router';

/** `/scoring-weights`: the street director's score weights, their preview and the incentive rules. */
export default [
  { path: '', loadComponent: () => import('./street-weights').then((m) => m.StreetWeights) },
] satisfies Routes;
