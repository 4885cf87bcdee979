import { ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ListQuery, flagParam, listParam, oneOfParam, optionalParam, textParam } from './list-query';

@Component({ template: '' })
class Host {
  readonly query = new ListQuery({
    q: textParam(5),
    sort: oneOfParam(['name', 'newest'] as const, 'name'),
    type: optionalParam(['a', 'b'] as const),
    street: optionalParam(),
    tier: listParam(['A', 'B', 'C'] as const),
    unread: flagParam,
  });
}

/** Lets the router finish the navigation `set` started. */
const settled = () => TestBed.inject(ApplicationRef).whenStable();

describe('ListQuery', () => {
  const open = async (url: string) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          // Another page that takes a moment to open (as a lazy page loads).
          {
            path: 'elsewhere/:id',
            component: Host,
            canActivate: [() => new Promise((r) => setTimeout(r, 50, true))],
          },
        ]),
      ],
    });
    await TestBed.inject(Router).navigateByUrl(url);
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return fixture.componentInstance.query;
  };

  it('reads the URL, falling back on a missing or unknown value', async () => {
    const query = await open('/?q=%20abcdefg&sort=bogus&type=c&street=s1&tier=C&tier=A&tier=Z&unread=1');
    expect(query.value()).toEqual({
      q: 'abcde',
      sort: 'name',
      type: null,
      street: 's1',
      tier: ['A', 'C'],
      unread: true,
    });
  });

  it('writes changes made in quick succession together, defaults left out of the URL', async () => {
    const query = await open('/?sort=newest&other=kept');
    const router = TestBed.inject(Router);
    query.set({ type: 'b' });
    query.set({ tier: ['B', 'A'] });
    query.set({ sort: 'name' });
    // Shown at once, before the navigation ends.
    expect(query.value()).toMatchObject({ type: 'b', tier: ['B', 'A'], sort: 'name' });
    await settled();
    expect(router.url).toBe('/?other=kept&type=b&tier=A&tier=B');
    expect(query.value()).toMatchObject({ type: 'b', tier: ['A', 'B'], sort: 'name', unread: false });

    query.reset();
    await settled();
    expect(router.url).toBe('/?other=kept');
  });

  it('stays out of the way of a navigation to another page (a search whose pause ends after a click)', async () => {
    const query = await open('/?q=ab');
    const router = TestBed.inject(Router);
    const away = router.navigateByUrl('/elsewhere/1');
    await new Promise((r) => setTimeout(r, 10));
    query.set({ q: 'abc' });
    await away;
    await settled();
    expect(router.url).toBe('/elsewhere/1');
  });
});
