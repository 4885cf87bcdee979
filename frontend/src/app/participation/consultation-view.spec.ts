import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { of } from 'rxjs';
import type { CommentViewDto, ConsultationDto } from '../api/models';
import { configurePage, dom, flushReference, pick, signedInAs, stable } from '../testing/page-testing';
import { ConsultationView } from './consultation-view';

const consultation = (overrides: Partial<ConsultationDto> = {}): ConsultationDto => ({
  id: 'k1',
  communityId: 'c1',
  communityName: '春晖社区',
  regionId: 'c1',
  regionName: '春晖社区',
  title: '南门空地怎么用',
  question: '改为停车位还是休闲区？',
  status: 'open',
  secret: true,
  allowProposals: true,
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-10T00:00:00Z',
  voterCount: 3,
  votedByMe: false,
  canVote: true,
  minutes: null,
  closedAt: null,
  options: [
    { id: 'o1', label: '停车位', proposed: false, moderation: 'visible', votes: null },
    { id: 'o2', label: '休闲区', proposed: false, moderation: 'visible', votes: null },
  ],
  needs: [],
  ...overrides,
});

const comment = (id: string, body: string): CommentViewDto => ({
  id,
  authorName: '王阿姨',
  body,
  moderation: 'visible',
  createdAt: '2026-12-02T08:00:00Z',
});

describe('ConsultationView', () => {
  let fixture: ComponentFixture<ConsultationView>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  /** Answers the request for a page of comments (the first when no cursor is expected). */
  const flushComments = (items: CommentViewDto[], nextCursor: string | null = null, cursor?: string) => {
    const req = backend.expectOne((r) => r.url === '/api/consultations/k1/comments');
    expect(req.request.params.get('cursor')).toBe(cursor ?? null);
    req.flush({ items, nextCursor });
  };

  async function open(
    role: string,
    c: ConsultationDto,
    comments: CommentViewDto[] = [],
    next: string | null = null,
  ) {
    const auth = configurePage();
    signedInAs(auth, [{ role: role as 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
    TestBed.overrideProvider(ActivatedRoute, { useValue: { paramMap: of(convertToParamMap({ id: 'k1' })) } });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConsultationView);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/consultations/k1').flush(c);
    flushComments(comments, next);
    await stable(fixture);
  }

  afterEach(() => backend.verify());

  it('lets a resident who may vote tap one option, and hides the counts until close', async () => {
    await open('resident', consultation());
    expect(page.all('option-votes')).toHaveLength(0);
    page.all('vote')[1].click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/consultations/k1/votes');
    expect(req.request.body).toEqual({ optionId: 'o2' });
    req.flush(consultation({ canVote: false, votedByMe: true, voterCount: 4 }));
    await stable(fixture);
    expect(page.all('vote')).toHaveLength(0);
    expect(page.el('voted')).not.toBeNull();
  });

  it('shows the comments newest first, older ones on "load more", and reads them again after commenting', async () => {
    await open(
      'resident',
      consultation({ votedByMe: true, canVote: false }),
      [comment('m3', '第三条')],
      'c2',
    );
    expect(page.text('comments')).toContain('第三条');
    page.click('comments-more');
    flushComments([comment('m2', '第二条'), comment('m3', '第三条')], null, 'c2');
    await stable(fixture);
    expect(page.all('comments').length).toBe(1);
    expect(page.el('comments')!.querySelectorAll('li').length).toBe(2);
    expect(page.el('comments-more')).toBeNull();

    page.type('comment-body', '晚上停车太难了');
    page.click('comment-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/consultations/k1/comments');
    expect(req.request.method).toBe('POST');
    req.flush(consultation({ votedByMe: true, canVote: false }));
    await stable(fixture);
    flushComments([comment('m4', '晚上停车太难了'), comment('m3', '第三条')], 'c3');
    await stable(fixture);
    const shown = [...page.el('comments')!.querySelectorAll('li p')].map((p) => p.textContent?.trim());
    expect(shown).toEqual(['晚上停车太难了', '第三条']);
  });

  it('shows a closed consultation with its counts, resolution and the needs it created', async () => {
    await open(
      'resident',
      consultation({
        status: 'closed',
        canVote: false,
        minutes: '多数同意改建停车位',
        options: [
          { id: 'o1', label: '停车位', proposed: false, moderation: 'visible', votes: 7 },
          { id: 'o2', label: '休闲区', proposed: false, moderation: 'visible', votes: 2 },
        ],
        needs: [{ id: 'n1', title: '南门改建停车位', status: 'accepted' }],
      }),
    );
    expect(page.all('option-votes').map((e) => e.textContent?.trim())).toEqual(['7 票', '2 票']);
    expect(page.text('resolution')).toBe('多数同意改建停车位');
    expect(page.text('resolution-needs')).toContain('南门改建停车位');
    expect(page.el('close-form')).toBeNull();
  });

  it('lets staff close it into a resolution with a need for the needs list', async () => {
    await open('community_staff', consultation({ canVote: false }));
    expect(page.all('vote')).toHaveLength(0);
    page.type('close-minutes', '多数同意改建停车位');
    await stable(fixture); // the need's category select is deferred
    pick(fixture, 'close-need-category', 'elderly.home_care');
    page.type('close-need-title', '南门改建停车位');
    page.type('close-need-text', '按议事结果改建。');
    page.click('close-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/consultations/k1/close');
    expect(req.request.body).toEqual({
      minutes: '多数同意改建停车位',
      needs: [{ categoryCode: 'elderly.home_care', title: '南门改建停车位', text: '按议事结果改建。' }],
    });
    req.flush(consultation({ status: 'closed', minutes: '多数同意改建停车位' }));
    await stable(fixture);
    expect(page.el('close-form')).toBeNull();
  });
});
