import { Routes } from '@angular/router';
import { AdminLayout } from './admin-layout';

/** `/admin`: the platform admin's Administration (guarded by its menu entry): regions, catalog, streets, import. */
export default [
  {
    path: '',
    component: AdminLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'regions' },
      { path: 'regions', loadComponent: () => import('./regions/region-tree').then((m) => m.RegionTree) },
      { path: 'catalog', loadComponent: () => import('./catalog/catalog-admin').then((m) => m.CatalogAdmin) },
      {
        path: 'streets',
        loadComponent: () => import('./streets/street-settings').then((m) => m.StreetSettingsPage),
      },
      { path: 'import', loadComponent: () => import('./import/import-page').then((m) => m.ImportPage) },
    ],
  },
] satisfies Routes;
