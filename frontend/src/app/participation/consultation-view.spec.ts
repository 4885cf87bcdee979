import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { of } from 'rxjs';
import type { ConsultationDto } from '../api/models';
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
  comments: [],
  needs: [],
  ...overrides,
});

describe('ConsultationView', () => {
  let fixture: ComponentFixture<ConsultationView>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(role: string, c: ConsultationDto) {
    const auth = configurePage();
    signedInAs(auth, [{ role: role as 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
    TestBed.overrideProvider(ActivatedRoute, { useValue: { paramMap: of(convertToParamMap({ id: 'k1' })) } });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConsultationView);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
    backend.expectOne('/api/consultations/k1').flush(c);
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
