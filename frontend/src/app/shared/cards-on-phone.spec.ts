import { Component, PLATFORM_ID, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CardsOnPhone } from './cards-on-phone';

@Component({
  imports: [CardsOnPhone],
  template: `
    <table appCardsOnPhone>
      <thead>
        <tr>
          <th scope="col">{{ head() }}</th>
          <th scope="col">得分</th>
          <th scope="col">等级</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row) {
          <tr>
            <th scope="row">{{ row }}</th>
            <td>86</td>
            <td>A</td>
          </tr>
        }
        <tr>
          <td>合计</td>
          <td colspan="2">—</td>
        </tr>
      </tbody>
    </table>
  `,
})
class Host {
  readonly head = signal('组织');
  readonly rows = signal(['阳光']);
}

describe('CardsOnPhone', () => {
  const settle = () => new Promise((r) => setTimeout(r));

  it('labels each cell with its column, keeps the table roles, and follows new rows and headers', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    await settle();
    const table: HTMLTableElement = fixture.nativeElement.querySelector('table');
    const labels = () =>
      [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.getAttribute('data-label')));

    expect(table.classList).toContain('cards-on-phone');
    expect(table.getAttribute('role')).toBe('table');
    expect(table.tHead!.rows[0].cells[0].getAttribute('role')).toBe('columnheader');
    const first = table.tBodies[0].rows[0];
    expect(first.getAttribute('role')).toBe('row');
    expect([...first.cells].map((c) => c.getAttribute('role'))).toEqual(['rowheader', 'cell', 'cell']);
    expect(labels()).toEqual([
      ['组织', '得分', '等级'],
      ['组织', null], // a cell spanning columns has no one header
    ]);

    fixture.componentInstance.rows.set(['阳光', '和平']);
    fixture.componentInstance.head.set('Organization');
    await fixture.whenStable();
    await settle();
    expect(labels()).toEqual([
      ['Organization', '得分', '等级'],
      ['Organization', '得分', '等级'],
      ['Organization', null],
    ]);
  });
});

describe('CardsOnPhone on a server', () => {
  it('labels the cells as the view is drawn, so the drawn page carries the labels', async () => {
    TestBed.configureTestingModule({ providers: [{ provide: PLATFORM_ID, useValue: 'server' }] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const cells = () =>
      [...fixture.nativeElement.querySelectorAll('tbody td, tbody th')].map((c: Element) =>
        c.getAttribute('data-label'),
      );
    expect(cells()).toEqual(['组织', '得分', '等级', '组织', null]);
    fixture.componentInstance.rows.set(['阳光', '和平']);
    fixture.detectChanges();
    expect(cells()).toEqual(['组织', '得分', '等级', '组织', '得分', '等级', '组织', null]);
  });
});
