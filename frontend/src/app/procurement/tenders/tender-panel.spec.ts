import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { EvaluatorDto, PanelDrawDto, PanelDto } from '../../api/models';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { TenderPanel } from './tender-panel';

const SEED = 'ab'.repeat(32);
const member = (userId: string, displayName: string, scored = false): EvaluatorDto => ({
  userId,
  displayName,
  declaredNoConflictAt: scored ? '2026-11-22T00:00:00Z' : null,
  scored,
});
const panelOf = (over: Partial<PanelDto> = {}): PanelDto => ({
  members: [],
  vacancies: [],
  poolSize: 5,
  eligible: 4,
  ...over,
});
const drawOf = (over: Partial<PanelDrawDto> = {}): PanelDrawDto => ({
  seq: 1,
  seed: SEED,
  candidates: ['e1', 'e2', 'e3', 'e4'],
  drawn: ['e1', 'e2'],
  replaced: [],
  reason: null,
  drawnAt: '2026-11-22T08:00:00Z',
  ...over,
});

describe('TenderPanel', () => {
  let fixture: ComponentFixture<TenderPanel>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  /** Shows the panel of tender t1 as evaluationPanel and evaluationDraws answer. */
  async function open(panel: PanelDto, draws: PanelDrawDto[] = []) {
    signedInAs(configurePage(), [{ role: 'street_officer', regionId: 's1' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TenderPanel);
    fixture.componentRef.setInput('tenderId', 't1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/tenders/t1/panel').flush(panel);
    backend.expectOne('/api/tenders/t1/panel/draws').flush(draws);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('forms the panel by a random draw of the chosen size with evaluationDraw, then lists the draw with its seed', async () => {
    await open(panelOf());
    expect(page.text('panel-pool')).toContain('目前可抽取 4 人');
    expect(page.text('office-panel-list')).toContain('尚未抽取评审专家');
    expect(page.el('panel-redraw-confirm')).toBeNull();

    page.type('panel-size', '2');
    page.click('panel-draw');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/panel/draw');
    expect(req.request.body).toEqual({ size: 2 });
    req.flush(panelOf({ members: [member('e1', '陈专家'), member('e2', '王专家')], eligible: 2 }));
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/panel/draws').flush([drawOf()]);
    await stable(fixture);

    expect(page.text('office-panel-list')).toContain('陈专家');
    expect(page.text('office-panel-list')).toContain('王专家');
    expect(page.el('panel-draw')).toBeNull(); // drawn once: redraws only from now on
    expect(page.text('panel-draw-row')).toContain('陈专家');
    expect(page.text('panel-draw-seed')).toBe(SEED);
    expect(page.el('panel-redraw-open')).not.toBeNull();
  });

  it('says how many evaluators are eligible when the pool is too small', async () => {
    await open(panelOf({ eligible: 1 }));
    page.type('panel-size', '3');
    page.click('panel-draw');
    await fixture.whenStable();
    backend.expectOne('/api/tenders/t1/panel/draw').flush(
      {
        code: 'panel.too_few_eligible',
        message: 'Only 1 evaluator(s) of the pool are eligible for this tender; 3 needed',
        details: { eligible: 1, needed: 3 },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable(fixture);
    expect(page.text('office-panel-error')).toContain('可抽取的专家只有 1 人，需要 3 人');
  });

  it('refuses a bad size without calling the server', async () => {
    await open(panelOf());
    page.type('panel-size', '0');
    page.click('panel-draw');
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST');
  });

  it('redraws the ticked members and conflict seats with a reason through evaluationRedraw; scored members stay', async () => {
    await open(
      panelOf({
        members: [member('e1', '陈专家', true), member('e2', '王专家')],
        vacancies: [
          {
            userId: 'e3',
            displayName: '李专家',
            reason: '配偶在投标机构任职',
            declaredAt: '2026-11-23T00:00:00Z',
          },
        ],
        eligible: 1,
      }),
      [drawOf({ drawn: ['e1', 'e2', 'e3'], candidates: ['e1', 'e2', 'e3', 'e4', 'e5'] })],
    );
    expect(page.text('panel-vacancy')).toContain('配偶在投标机构任职');
    const boxes = () => page.all<HTMLInputElement>('panel-redraw-member');
    // The member who scored cannot be replaced.
    expect(boxes().map((b) => b.dataset['user'])).toEqual(['e2', 'e3']);

    page.click('panel-redraw-confirm'); // nobody ticked
    await stable(fixture);
    expect(page.text('office-panel-error')).toContain('请勾选要更换的专家');

    for (const box of boxes()) box.click();
    page.type('panel-redraw-reason', '  病假  '); // too short once trimmed
    page.click('panel-redraw-confirm');
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST');

    page.type('panel-redraw-reason', '  专家申报利益冲突，补抽  ');
    page.click('panel-redraw-confirm');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/panel/redraw');
    expect(req.request.body).toEqual({ userIds: ['e2', 'e3'], reason: '专家申报利益冲突，补抽' });
    req.flush(
      panelOf({ members: [member('e1', '陈专家', true), member('e4', '赵专家'), member('e5', '钱专家')] }),
    );
    await stable(fixture);
    backend
      .expectOne('/api/tenders/t1/panel/draws')
      .flush([
        drawOf({ drawn: ['e1', 'e2', 'e3'] }),
        drawOf({ seq: 2, drawn: ['e4', 'e5'], replaced: ['e2', 'e3'], reason: '专家申报利益冲突，补抽' }),
      ]);
    await stable(fixture);
    expect(page.text('office-panel-list')).toContain('赵专家');
    expect(page.el('panel-vacancy')).toBeNull();
    const second = page.all('panel-draw-row')[1];
    expect(second.dataset['seq']).toBe('2');
    expect(second.textContent).toContain('原因：专家申报利益冲突，补抽');
    expect(boxes().every((b) => !b.checked)).toBe(true);
  });
});
