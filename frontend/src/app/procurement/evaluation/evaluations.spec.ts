import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PanelTenderDto } from '../../api/models';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { tenderSummary } from '../../testing/procurement';
import { Evaluations } from './evaluations';

const seat = (owed: boolean, id: string, title: string): PanelTenderDto => ({
  ...tenderSummary({ id, title, status: 'evaluating', bidCount: 2 }),
  owed,
});
const pageOf = (items: PanelTenderDto[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  links: { next: nextCursor && `/api/me/panels?cursor=${nextCursor}` },
});

describe('Evaluations', () => {
  let fixture: ComponentFixture<Evaluations>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'evaluator', regionId: 's1', scopeName: '阳光街道' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Evaluations);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const rows = () => page.all('evaluations-list').flatMap((l) => [...l.querySelectorAll('li[data-tender]')]);

  it('lists the tenders of my panels, those waiting for my scores marked, each linked to its evaluation', async () => {
    backend
      .expectOne('/api/me/panels')
      .flush(pageOf([seat(true, 't1', '春晖社区居家养老服务'), seat(false, 't2', '翠园社区助洁')]));
    await stable(fixture);
    const [owed, done] = rows();
    expect(owed.getAttribute('data-tender')).toBe('春晖社区居家养老服务');
    expect(owed.querySelector('[data-testid="evaluations-owed"]')?.textContent).toContain('待评分');
    expect(owed.querySelector('[data-testid="evaluations-go"]')?.getAttribute('href')).toBe(
      '/tenders/t1/evaluation',
    );
    expect(done.querySelector('[data-testid="evaluations-owed"]')).toBeNull();
    expect(done.textContent).toContain('已完成评分');
  });

  it('reads the next page on "load more"', async () => {
    backend.expectOne('/api/me/panels').flush(pageOf([seat(true, 't1', '甲')], 'after-t1'));
    await stable(fixture);
    page.click('evaluations-more');
    backend.expectOne('/api/me/panels?cursor=after-t1').flush(pageOf([seat(false, 't2', '乙')]));
    await stable(fixture);
    expect(rows().map((r) => r.getAttribute('data-tender'))).toEqual(['甲', '乙']);
    expect(page.el('evaluations-more')).toBeNull();
  });

  it('says so when no panel waits', async () => {
    backend.expectOne('/api/me/panels').flush(pageOf([]));
    await stable(fixture);
    expect(page.text('evaluations-list')).toContain('暂无需要您评审的项目');
  });
});
