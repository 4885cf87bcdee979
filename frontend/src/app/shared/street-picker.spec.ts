import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, pick, stable } from '../testing/page-testing';
import { StreetPicker } from './street-picker';

@Component({
  imports: [StreetPicker],
  template: `<app-street-picker
    name="page-street"
    label="Street"
    [streets]="streets()"
    [(value)]="streetId"
  />`,
})
class Host {
  readonly streets = signal([{ id: 's1', name: '阳光街道' }]);
  readonly streetId = signal<string | null>('s1');
}

describe('StreetPicker', () => {
  it("names the user's one street, and offers a picker when there are several", async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement);
    expect(page.text('page-street-name')).toBe('阳光街道');
    expect(page.el('page-street')).toBeNull();

    fixture.componentInstance.streets.set([
      { id: 's1', name: '阳光街道' },
      { id: 's2', name: '和平街道' },
    ]);
    await stable(fixture);
    expect(page.el('page-street-name')).toBeNull();
    pick(fixture, 'page-street', 's2');
    expect(fixture.componentInstance.streetId()).toBe('s2');
  });
});
