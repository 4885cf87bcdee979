import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NzTableModule } from 'ng-zorro-antd/table';
import { configurePage, dom, stable } from '../testing/page-testing';
import { PAGED_TABLE, type TableColumn } from './paged-table';

@Component({
  imports: [NzTableModule, PAGED_TABLE],
  template: `
    <app-paged-table [columns]="columns" [pageSize]="2" noResult="Nothing yet" testId="things">
      <ng-template [appRowOf]="rows()" let-row>
        <tr data-testid="thing">
          <td>{{ row.name }}</td>
          <td nzAlign="right">{{ row.count }}</td>
        </tr>
      </ng-template>
    </app-paged-table>
  `,
})
class Host {
  readonly columns: readonly TableColumn[] = [
    { label: 'common.loadMore', width: '80px' },
    { label: 'common.cancel', right: true },
  ];
  readonly rows = signal([
    { name: 'a', count: 1 },
    { name: 'b', count: 2 },
  ]);
}

describe('PagedTable', () => {
  it('heads the declared columns, draws a page of rows by the given template, and pages only past one page', async () => {
    configurePage();
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    const table = page.el('things')!;
    expect(table.classList).toContain('cards-on-phone');
    const heads = [...table.querySelectorAll('thead th')];
    expect(heads.map((th) => th.getAttribute('scope'))).toEqual(['col', 'col']);
    expect((heads[1] as HTMLElement).style.textAlign).toBe('right');
    expect(
      page.all('thing').map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(table.querySelector('.ant-pagination')).toBeNull();

    fixture.componentInstance.rows.set([
      { name: 'a', count: 1 },
      { name: 'b', count: 2 },
      { name: 'c', count: 3 },
    ]);
    await stable(fixture);
    expect(page.all('thing')).toHaveLength(2);
    expect(table.querySelector('.ant-pagination')).not.toBeNull();

    fixture.componentInstance.rows.set([]);
    await stable(fixture);
    expect(page.all('thing')).toHaveLength(0);
    expect(table.textContent).toContain('Nothing yet');
  });
});
