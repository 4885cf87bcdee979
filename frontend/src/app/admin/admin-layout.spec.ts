import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { configurePage, dom, signedInAs, stable } from '../testing/page-testing';

describe('Administration area', () => {
  it('opens on the region tree, behind tabs for the four pages', async () => {
    const auth = configurePage();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'admin', loadChildren: () => import('./admin.routes') }])],
    });
    signedInAs(auth, [{ role: 'platform_admin' }]);
    const backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin');
    backend.expectOne('/api/regions?includeRetired=true').flush([]);
    await stable(harness.fixture);
    const page = dom(harness.routeNativeElement!);
    expect(page.all('admin-tab-regions')[0]?.getAttribute('href')).toBe('/admin/regions');
    expect(
      ['catalog', 'streets', 'import'].map((p) => page.el(`admin-tab-${p}`)?.getAttribute('href')),
    ).toEqual(['/admin/catalog', '/admin/streets', '/admin/import']);
    expect(page.el('admin-tab-regions')?.classList).toContain('active');
    expect(page.el('region-add-district')).not.toBeNull();
    expect(harness.routeNativeElement?.textContent).not.toMatch(/即将上线|coming soon/i);
    backend.verify();
  });
});
