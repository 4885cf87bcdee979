import { HttpTestingController } from '@angular/common/http/testing';
import { chooseFiles, documentFile } from '../../testing/attachments';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import type { TenderInputDto } from '../../api/models';
import {
  awaitConfirmation,
  configurePage,
  dom,
  flushReference,
  lastPage,
  pick,
  signedInAs,
  stable,
} from '../../testing/page-testing';
import { need, needsBoardOf, tender } from '../../testing/procurement';
import { TenderEditor } from './tender-editor';

describe('TenderEditor', () => {
  let fixture: ComponentFixture<TenderEditor>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function start(params: Record<string, string> = {}, query: Record<string, string> = {}) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'street_officer', regionId: 's1', scopeName: '阳光街道' }]);
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: {
        snapshot: { paramMap: convertToParamMap(params), queryParamMap: convertToParamMap(query) },
      },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TenderEditor);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  function fillBasics() {
    page.type('editor-title', '春晖社区助餐服务');
    page.type('editor-description', '为春晖社区 80 岁以上老人提供午餐配送');
    pick(fixture, 'editor-category', 'elderly.home_care');
    pick(fixture, 'editor-communities', ['c1']);
    page.type('editor-budget', '1234.5');
    backend.expectOne(needsBoardOf('c1', 'accepted')).flush(lastPage([]));
  }

  it('shows live sums of the weights, sub-criteria and milestone shares', async () => {
    await start();
    expect(page.text('editor-weights-sum')).toContain('100%');
    expect(page.el('editor-weights-sum')?.classList.contains('bad')).toBe(false);
    expect(page.text('editor-criteria-sum')).toContain('60%');
    expect(page.text('editor-milestones-sum')).toContain('100%');

    page.type('editor-weight-price', '40');
    page.all<HTMLInputElement>('editor-milestone-share')[0].value = '33.33';
    page.all<HTMLInputElement>('editor-milestone-share')[0].dispatchEvent(new Event('input'));
    await stable(fixture);
    expect(page.text('editor-weights-sum')).toContain('110%');
    expect(page.el('editor-weights-sum')?.classList.contains('bad')).toBe(true);
    expect(page.text('editor-milestones-sum')).toContain('103.33%');
    expect(page.text('editor-weights-problems')).toContain('110%');
    expect(page.text('editor-milestones-problems')).toContain('103.33%');

    page.click('editor-criterion-add');
    await stable(fixture);
    expect(page.all('editor-criterion')).toHaveLength(3);
  });

  it('uploads tender documents for the street and attaches them once the draft is saved', async () => {
    await start();
    fillBasics();
    await stable(fixture);
    chooseFiles(fixture.nativeElement, '采购需求书.pdf');
    await stable(fixture);
    const upload = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/documents');
    expect(upload.request.params.get('purpose')).toBe('tender_document');
    expect(upload.request.params.get('streetId')).toBe('s1');
    upload.flush(
      documentFile({ id: 'td1', purpose: 'tender_document', status: 'clean', fileName: '采购需求书.pdf' }),
    );
    await stable(fixture);
    page.click('editor-save');
    await fixture.whenStable();
    backend
      .expectOne((r) => r.method === 'POST' && r.url === '/api/tenders')
      .flush(tender({ status: 'draft' }));
    await stable(fixture);
    const attach = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/documents');
    expect(attach.request.body).toEqual({ documentIds: ['td1'] });
    const terms = documentFile({
      id: 'td1',
      purpose: 'tender_document',
      status: 'clean',
      fileName: '采购需求书.pdf',
    });
    attach.flush(tender({ status: 'draft', documents: [terms] }));
    await stable(fixture);
    expect(page.text('editor-documents')).toContain('采购需求书.pdf');
    expect(page.all('attachment-item')).toHaveLength(0);
  });

  it('creates the draft with tendersCreate (money in fen), then publishes and lists the server problems', async () => {
    await start();
    fillBasics();
    page.type('editor-standstill', '0');
    // The final acceptance needs two deliverable files.
    page.all<HTMLInputElement>('editor-milestone-deliverables')[2].value = '2';
    page.all<HTMLInputElement>('editor-milestone-deliverables')[2].dispatchEvent(new Event('input'));
    await stable(fixture);
    page.click('editor-publish');
    // Nothing is saved before the officer confirms, seeing the title and the ceiling in yuan.
    const confirm = await awaitConfirmation(fixture);
    backend.expectNone('/api/tenders');
    expect(confirm.text).toContain('春晖社区助餐服务');
    expect(confirm.text).toContain('¥1,234.50');
    expect(confirm.text).toContain('不能撤回');
    confirm.confirm();
    await stable(fixture);

    const create = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders');
    const body = create.request.body as TenderInputDto;
    expect(body).toMatchObject({
      title: '春晖社区助餐服务',
      categoryCode: 'elderly.home_care',
      streetId: 's1',
      communityIds: ['c1'],
      budgetCeilingFen: 123450,
      method: 'public_tender',
      standstillDays: 0,
      weights: { price: 30, technical: 60, performance: 10 },
      milestonePlan: [
        { name: '首期', shareBp: 3000, dueInDays: 30 },
        { name: '中期评估', shareBp: 4000, dueInDays: 180 },
        { name: '结项验收', shareBp: 3000, dueInDays: 365, minDeliverables: 2 },
      ],
    });
    expect(body.milestonePlan[0]).not.toHaveProperty('minDeliverables');
    expect(new Date(body.bidDeadline).getTime()).toBeGreaterThan(new Date(body.enquiryDeadline).getTime());
    create.flush(tender({ status: 'draft' }));
    await stable(fixture);

    backend
      .expectOne((r) => r.method === 'POST' && r.url === '/api/tenders/t1/publish')
      .flush(
        {
          code: 'validation.failed',
          message: 'The tender cannot be published',
          details: { problems: ['the bid deadline must be in the future'] },
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await stable(fixture);
    expect(page.all('editor-problem').map((p) => p.textContent?.trim())).toEqual([
      'the bid deadline must be in the future',
    ]);

    // A second attempt updates the same draft instead of creating another.
    page.click('editor-save');
    await fixture.whenStable();
    backend
      .expectOne((r) => r.method === 'PUT' && r.url === '/api/tenders/t1')
      .flush(tender({ status: 'draft' }));
    await stable(fixture);
  });

  it('refuses to send a form with a bad amount', async () => {
    await start();
    fillBasics();
    page.type('editor-budget', '12.345');
    page.click('editor-save');
    await stable(fixture);
    backend.expectNone('/api/tenders');
    expect(page.el('editor-error')).not.toBeNull();
  });

  it('starts from an accepted need: its community, category and text, with the need linked', async () => {
    await start({}, { need: 'n1' });
    backend.expectOne(needsBoardOf('c1', 'accepted')).flush(lastPage([]));
    await stable(fixture);
    backend
      .expectOne(needsBoardOf('c2', 'accepted'))
      .flush(lastPage([need({ communityId: 'c2', communityName: '翠园社区', status: 'accepted' })]));
    await stable(fixture);
    backend
      .expectOne(needsBoardOf('c2', 'accepted'))
      .flush(lastPage([need({ communityId: 'c2', communityName: '翠园社区', status: 'accepted' })]));
    await stable(fixture);
    expect(page.text('tender-editor')).toContain('独居老人助餐 · 翠园社区');
    expect(page.el<HTMLInputElement>('editor-title')?.value).toBe('独居老人助餐');
    fixture.componentInstance['form'].controls.budget.setValue('500000');
    page.click('editor-save');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/tenders');
    expect(req.request.body).toMatchObject({
      communityIds: ['c2'],
      needIds: ['n1'],
      budgetCeilingFen: 50000000,
    });
    req.flush(tender({ status: 'draft' }));
    await stable(fixture);
  });

  it('loads a draft with tendersGet and saves it with tendersUpdate', async () => {
    await start({ id: 't1' });
    backend.expectOne('/api/tenders/t1').flush(tender({ status: 'draft', version: 4 }));
    await stable(fixture);
    backend.expectOne(needsBoardOf('c1', 'accepted')).flush(lastPage([]));
    await stable(fixture);
    expect(page.el<HTMLInputElement>('editor-budget')?.value).toBe('500000.00');
    expect(page.all('editor-milestone')).toHaveLength(2);
    page.click('editor-save');
    await fixture.whenStable();
    const req = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/tenders/t1');
    expect(req.request.body).toMatchObject({
      budgetCeilingFen: 50000000,
      milestonePlan: [{ shareBp: 3000 }, { shareBp: 7000 }],
    });
    // The version it showed, so that a save over someone else's is refused.
    expect(req.request.headers.get('If-Match')).toBe('"4"');
    req.flush(tender({ status: 'draft', version: 5 }));
    await stable(fixture);
    expect(TestBed.inject(Router)).toBeTruthy();
    // The next save names the version this one produced.
    page.click('editor-save');
    await fixture.whenStable();
    const next = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/tenders/t1');
    expect(next.request.headers.get('If-Match')).toBe('"5"');
    next.flush(tender({ status: 'draft', version: 6 }));
    await stable(fixture);
  });

  it('tells the officer when someone else saved the draft since it was opened (412)', async () => {
    await start({ id: 't1' });
    backend.expectOne('/api/tenders/t1').flush(tender({ status: 'draft', version: 2 }));
    await stable(fixture);
    backend.expectOne(needsBoardOf('c1', 'accepted')).flush(lastPage([]));
    await stable(fixture);
    page.click('editor-save');
    await fixture.whenStable();
    backend
      .expectOne((r) => r.method === 'PUT' && r.url === '/api/tenders/t1')
      .flush(
        {
          type: '/api/problems/precondition.failed',
          title: 'Precondition Failed',
          status: 412,
          code: 'precondition.failed',
          message: 'Someone else changed this since you opened it',
          detail: 'Someone else changed this since you opened it',
          details: { expectedVersion: 2, currentVersion: 3 },
        },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await stable(fixture);
    expect(page.el('editor-error')?.textContent).toContain('其他人已在您打开后修改了此草稿');
  });
});
