import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { dom, flushReference, lastPage, pageAt, pick, searchPause, stable } from '../../testing/page-testing';
import { RoundList } from './round-list';

const roundsOf = (community: string) => (r: { url: string }) =>
  r.url === `/api/communities/${community}/participatory-rounds`;

describe('RoundList', () => {
  it("shows the rounds of the staff member's community, searched by title, the search in the URL", async () => {
    const { fixture, backend } = await pageAt(RoundList, '/', [
      { role: 'community_staff', regionId: 'c2', scopeName: '翠园社区' },
    ]);
    const page = dom(fixture.nativeElement);
    await flushReference(backend);
    backend.expectOne(roundsOf('c2')).flush(lastPage([]));
    await stable(fixture);
    expect(page.text('pb-rounds')).toContain('暂无预算轮次');
    expect(page.el('pb-open-form')).not.toBeNull();

    page.type('pb-search', '健身');
    await searchPause(fixture);
    const searched = backend.expectOne(roundsOf('c2'));
    expect(searched.request.params.get('q')).toBe('健身');
    searched.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E5%81%A5%E8%BA%AB');

    // Another community: its rounds, with the same search; the staff's form is not offered there.
    pick(fixture, 'pb-community', 'c1');
    await stable(fixture);
    const other = backend.expectOne(roundsOf('c1'));
    expect(other.request.params.get('q')).toBe('健身');
    other.flush(lastPage([]));
    await stable(fixture);
    expect(TestBed.inject(Router).url).toBe('/?q=%E5%81%A5%E8%BA%AB&community=c1');
    expect(page.el('pb-open-form')).toBeNull();
    backend.verify();
  });

  it('asks for the community and search of the URL (a link, or Back from a round)', async () => {
    const { fixture, backend } = await pageAt(RoundList, '/?community=c1&q=%E5%81%A5%E8%BA%AB');
    await flushReference(backend);
    const req = backend.expectOne(roundsOf('c1'));
    expect(req.request.params.get('q')).toBe('健身');
    req.flush(lastPage([]));
    await stable(fixture);
    expect(dom(fixture.nativeElement).el<HTMLInputElement>('pb-search')!.value).toBe('健身');
    backend.verify();
  });
});
