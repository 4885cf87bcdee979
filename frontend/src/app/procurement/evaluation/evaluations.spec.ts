import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { tenderPage, tenderSummary } from '../../testing/procurement';
import { Evaluations } from './evaluations';

describe('Evaluations', () => {
  let fixture: ComponentFixture<Evaluations>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  it("lists the evaluator's streets' tenders under evaluation with tendersList", async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'evaluator', regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Evaluations);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend
      .expectOne('/api/tenders?limit=100&status=evaluating&streetId=s1')
      .flush(tenderPage([tenderSummary({ status: 'evaluating' })]));
    await stable(fixture);
    expect(page.el('evaluations-go')?.getAttribute('href')).toBe('/tenders/t1/evaluation');
    backend.verify();
  });
});
