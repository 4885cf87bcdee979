import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { Budget } from './budget';

describe('Budget', () => {
  let fixture: ComponentFixture<Budget>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  const year = new Date().getFullYear();

  async function start(role: 'street_finance' | 'street_officer') {
    const auth = configurePage();
    signedInAs(auth, [{ role, regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Budget);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne(`/api/streets/s1/budget?year=${year}`)
      .flush({
        streetId: 's1',
        year,
        allocatedFen: 100000000,
        committedFen: 45000000,
        availableFen: 55000000,
      });
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('shows the year with ledgerSummary; officers cannot allocate', async () => {
    await start('street_officer');
    expect(page.text('budget-allocated')).toContain('¥1,000,000.00');
    expect(page.text('budget-committed')).toContain('¥450,000.00');
    expect(page.text('budget-available')).toContain('¥550,000.00');
    expect(page.el('budget-allocate-form')).toBeNull();
  });

  it('lets street finance allocate with ledgerAllocate, the amount in exact fen', async () => {
    await start('street_finance');
    page.type('budget-amount', '200000.07');
    page.type('budget-reference', 'YG-2026-001');
    page.click('budget-allocate');
    await fixture.whenStable();
    const req = backend.expectOne('/api/streets/s1/budget/allocations');
    expect(req.request.body).toEqual({ year, amountFen: 20000007, reference: 'YG-2026-001' });
    req.flush({
      streetId: 's1',
      year,
      allocatedFen: 120000007,
      committedFen: 45000000,
      availableFen: 75000007,
    });
    await stable(fixture);
    expect(page.text('budget-available')).toContain('¥750,000.07');
  });
});
