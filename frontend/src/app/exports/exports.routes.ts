import { Routes } from '@angular/router';
import { provideDatePickers } from '../shared/date-pickers';

/** `/exports`: request a CSV/XLSX export, follow its progress, download it. */
const routes: Routes = [
  {
    path: '',
    providers: [provideDatePickers()],
    children: [{ path: '', loadComponent: () => import('./exports-page').then((m) => m.ExportsPage) }],
  },
];
export default routes;
