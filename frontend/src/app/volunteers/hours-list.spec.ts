import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PagedList } from '../shared/pages';
import { stable } from '../testing/page-testing';
import { HoursList, type ListedHours } from './hours-list';

@Component({
  imports: [HoursList],
  template: `
    <app-hours-list
      named
      [list]="list"
      empty="没有"
      testId="hours"
      moreTestId="hours-more"
      (more)="asked = asked + 1"
    >
      <ng-template let-h
        ><button type="button" class="act">{{ h.id }}</button></ng-template
      >
    </app-hours-list>
  `,
})
class Host {
  asked = 0;
  readonly list = new PagedList<ListedHours>(() => Promise.resolve({ items: [], nextCursor: null }));
}

describe('HoursList', () => {
  it('lists each hours with its activity, volunteer, hours and state, and the page’s actions under it', async () => {
    const fixture = TestBed.createComponent(Host);
    const host = fixture.componentInstance;
    const root = fixture.nativeElement as HTMLElement;
    await stable(fixture);
    expect(root.querySelector('[data-testid="hours"]')!.textContent).toContain('没有');

    host.list.items.set([
      { id: 'h1', activityTitle: '重阳节包饺子', minutes: 90, state: 'pending', volunteerName: '王芳' },
      { id: 'h2', activityTitle: '楼道清洁', minutes: 60, state: 'certified', volunteerName: null },
    ]);
    host.list.nextCursor.set('c2');
    await stable(fixture);
    const items = Array.from(root.querySelectorAll<HTMLElement>('[data-hours]'));
    expect(items.map((li) => [li.dataset['hours'], li.dataset['state']])).toEqual([
      ['重阳节包饺子', 'pending'],
      ['楼道清洁', 'certified'],
    ]);
    expect(items[0].textContent).toContain('王芳');
    expect(items[0].textContent).toContain('1.5');
    expect(items[0].querySelector('nz-tag')).not.toBeNull();
    expect(items.map((li) => li.querySelector('.act')!.textContent)).toEqual(['h1', 'h2']);
    expect(root.textContent).not.toContain('没有');

    root.querySelector<HTMLElement>('[data-testid="hours-more"]')!.click();
    expect(host.asked).toBe(1);
  });
});
