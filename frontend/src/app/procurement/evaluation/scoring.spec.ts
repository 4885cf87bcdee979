import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { bid, tender } from '../../testing/procurement';
import { Scoring } from './scoring';

describe('Scoring', () => {
  let fixture: ComponentFixture<Scoring>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'evaluator', regionId: 's1' }]);
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: { snapshot: { paramMap: convertToParamMap({ id: 't1' }) } },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Scoring);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/tenders/t1').flush(tender({ status: 'evaluating' }));
    await stable(fixture);
  });

  afterEach(() => backend.verify());

  const forbidden = { code: 'auth.forbidden', message: 'Declare first' };
  const workspace = (myScores: { bidId: string; criterionKey: string; points: number }[] = []) => ({
    bids: [
      bid(),
      bid({ id: 'b2', organizationId: 'o2', organizationName: '和平社工事务所', priceFen: 40000000 }),
    ],
    myScores,
  });

  it('asks for the declaration first, then declares with evaluationDeclare and opens the bids', async () => {
    backend
      .expectOne('/api/tenders/t1/evaluation')
      .flush(forbidden, { status: 403, statusText: 'Forbidden' });
    await stable(fixture);
    expect(page.el('score-bid')).toBeNull();
    page.click('scoring-declare');
    await fixture.whenStable();
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/panel/declaration').flush([]);
    await stable(fixture);
    backend.expectOne('/api/tenders/t1/evaluation').flush(workspace());
    await stable(fixture);
    expect(page.all('score-bid').map((b) => b.dataset['org'])).toEqual([
      '阳光居家养老服务中心',
      '和平社工事务所',
    ]);
    expect(page.el('scoring-progress')?.dataset['scored']).toBe('0');
  });

  it("shows each bid's files (opened with the tender) beside its proposal", async () => {
    const file = {
      id: 'd1',
      fileName: '技术方案.pdf',
      contentType: 'application/pdf',
      size: 2048,
      sha256: 'ab',
    };
    backend
      .expectOne('/api/tenders/t1/evaluation')
      .flush({ bids: [bid({ documents: [file] })], myScores: [] });
    await stable(fixture);
    expect(page.all('attachment-doc').map((d) => d.textContent)).toEqual([
      expect.stringContaining('技术方案.pdf'),
    ]);
    expect(page.el('attachment-sealed')).toBeNull();
  });

  it('shows a conflict of interest as the server explains it', async () => {
    backend
      .expectOne('/api/tenders/t1/evaluation')
      .flush(forbidden, { status: 403, statusText: 'Forbidden' });
    await stable(fixture);
    page.click('scoring-declare');
    await fixture.whenStable();
    backend
      .expectOne('/api/tenders/t1/panel/declaration')
      .flush(
        { code: 'state.conflict', message: 'You belong to a bidding organization' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable(fixture);
    expect(page.text('scoring-error')).toContain('您所在的组织参与了本项目投标');
  });

  it('declares a conflict of interest with its reason through evaluationDeclareConflict and leaves the panel', async () => {
    backend
      .expectOne('/api/tenders/t1/evaluation')
      .flush(forbidden, { status: 403, statusText: 'Forbidden' });
    await stable(fixture);
    page.click('scoring-conflict');
    await stable(fixture);
    page.click('scoring-conflict-submit'); // no reason: nothing is sent
    await stable(fixture);
    backend.expectNone((r) => r.method === 'POST');
    expect(page.text('scoring-error')).toContain('请说明利益冲突的情况');

    page.type('scoring-conflict-reason', '  配偶在投标机构任职  ');
    page.click('scoring-conflict-submit');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/panel/conflict');
    expect(req.request.body).toEqual({ reason: '配偶在投标机构任职' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await stable(fixture);
    expect(page.el('scoring-withdrawn')).not.toBeNull();
    expect(page.el('scoring-declare')).toBeNull();
    expect(page.el('scoring-error')).toBeNull();
  });

  it('says so when the evaluator is not on the panel', async () => {
    backend
      .expectOne('/api/tenders/t1/evaluation')
      .flush(
        { code: 'auth.out_of_scope', message: 'not on panel' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable(fixture);
    expect(page.el('scoring-not-panel')).not.toBeNull();
  });

  it('scores each sub-criterion within its weight and saves with evaluationScore', async () => {
    backend.expectOne('/api/tenders/t1/evaluation').flush(workspace());
    await stable(fixture);
    const card = page.all('score-bid')[0];
    const input = (key: string) => card.querySelector<HTMLInputElement>(`[data-testid="score-${key}"]`)!;
    const save = card.querySelector<HTMLButtonElement>('[data-testid="score-save"]')!;

    input('plan').value = '45'; // above its weight of 40
    input('plan').dispatchEvent(new Event('input'));
    input('team').value = '15';
    input('team').dispatchEvent(new Event('input'));
    await stable(fixture);
    expect(save.disabled).toBe(true);

    input('plan').value = '35.5';
    input('plan').dispatchEvent(new Event('input'));
    await stable(fixture);
    expect(card.querySelector('[data-testid="score-total"]')?.textContent).toContain('50.5');
    expect(save.disabled).toBe(false);
    save.click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/bids/b1/scores');
    expect(req.request.body).toEqual({
      criteria: [
        { key: 'plan', points: 35.5 },
        { key: 'team', points: 15 },
      ],
    });
    req.flush(
      workspace([
        { bidId: 'b1', criterionKey: 'plan', points: 35.5 },
        { bidId: 'b1', criterionKey: 'team', points: 15 },
      ]),
    );
    await stable(fixture);
    expect(page.all('score-bid')[0].dataset['scored']).toBe('true');
    expect(page.el('scoring-progress')?.dataset['scored']).toBe('1');
  });
});
