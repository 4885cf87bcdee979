import type { Routes } from '@angular/router';
import { childFor } from './app.routes';
import { serviceLogRoutes } from './delivery/delivery.routes';

describe('childFor (the page whose code the first load fetches early)', () => {
  const page = () => Promise.resolve(class {});
  const routes: Routes = [
    { path: '', loadComponent: page, title: 'list' },
    { path: 'new', loadComponent: page, title: 'new' },
    { path: ':id', loadComponent: page, title: 'one' },
    { path: ':id/edit', loadComponent: page, title: 'edit' },
  ];
  const title = (r: Routes, segments: string[]) => childFor(r, segments)?.title;

  it('finds the route of the path, by its segments and parameters', () => {
    expect(title(routes, [])).toBe('list');
    expect(title(routes, ['new'])).toBe('new');
    expect(title(routes, ['42'])).toBe('one');
    expect(title(routes, ['42', 'edit'])).toBe('edit');
    expect(title(routes, ['42', 'delete'])).toBeUndefined();
  });

  it('looks through a route that only groups others (providers for its children)', () => {
    const grouped: Routes = [{ path: '', providers: [], children: routes }];
    expect(title(grouped, [])).toBe('list');
    expect(title(grouped, ['42', 'edit'])).toBe('edit');
    // The service log's routes are grouped so: its page is found with or without a project.
    for (const segments of [[], ['p1']])
      expect(childFor(serviceLogRoutes, segments)?.loadComponent).toBeDefined();
  });
});
