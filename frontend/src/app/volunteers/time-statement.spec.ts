import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TimePostingDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { configurePage, dom, lastPage, signedInAs, stable } from '../testing/page-testing';
import { TimeStatement } from './time-statement';

const posting = (overrides: Partial<TimePostingDto>): TimePostingDto => ({
  id: 'j1',
  kind: 'earn',
  minutes: 120,
  hoursId: 'h1',
  helpRequestId: null,
  about: '重阳节敬老探访',
  balanceMinutes: 120,
  createdAt: '2026-11-20T02:00:00Z',
  ...overrides,
});

describe('TimeStatement', () => {
  let fixture: ComponentFixture<TimeStatement>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  async function open(first: { items: TimePostingDto[]; nextCursor: string | null }) {
    const auth = configurePage();
    signedInAs(auth, [{ role: 'resident', regionId: 'c1', scopeName: '春晖社区' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TimeStatement);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    backend.expectOne('/api/time-bank/me').flush({ balanceMinutes: 30, heldMinutes: 90 });
    const req = backend.expectOne((r) => r.url === '/api/time-bank/me/postings');
    expect(req.request.params.has('cursor')).toBe(false);
    req.flush(first);
    await stable(fixture);
  }

  const rows = () =>
    page
      .all('statement-posting')
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));

  afterEach(() => backend.verify());

  it('lists my postings newest first with what for, hours in or out and the balance after each', async () => {
    await open({
      items: [
        posting({
          id: 'j2',
          kind: 'hold',
          minutes: -90,
          hoursId: null,
          helpRequestId: 'r1',
          about: '帮忙取药',
          balanceMinutes: 30,
          createdAt: '2026-12-01T02:00:00Z',
        }),
        posting({}),
      ],
      nextCursor: 'c2',
    });
    expect(page.el('statement-balance')?.getAttribute('data-minutes')).toBe('30');
    expect(rows().map((r) => r.slice(1))).toEqual([
      ['互助请求冻结 · 帮忙取药', '-1.5', '0.5'],
      ['志愿时长存入 · 重阳节敬老探访', '+2', '2'],
    ]);

    page.click('statement-more');
    const req = backend.expectOne((r) => r.url === '/api/time-bank/me/postings');
    expect(req.request.params.get('cursor')).toBe('c2');
    req.flush(
      lastPage([
        posting({}),
        posting({ id: 'j0', kind: 'settle', minutes: 30, about: null, balanceMinutes: 0 }),
      ]),
    );
    await stable(fixture);
    expect(rows().map((r) => r[1])).toEqual([
      '互助请求冻结 · 帮忙取药',
      '志愿时长存入 · 重阳节敬老探访',
      '提供帮助所得',
    ]);
    expect(page.el('statement-more')).toBeNull();

    TestBed.inject(I18n).setLang('en-US');
    await stable(fixture);
    expect(rows()[2][1]).toBe('Earned for helping');
  });

  it('says when there is nothing yet', async () => {
    await open(lastPage([]));
    expect(page.text('statement-postings')).toContain('还没有收支记录');
    expect(page.el('statement-more')).toBeNull();
  });
});
