import { Routes } from '@angular/router';

/** `/exports`: request a CSV/XLSX export, follow its progress, download it. */
const routes: Routes = [
  { path: '', loadComponent: () => import('./exports-page').then((m) => m.ExportsPage) },
];
export default routes;
