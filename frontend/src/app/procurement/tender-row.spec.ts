import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { TenderSummaryDto } from '../api/models';
import { stable } from '../testing/page-testing';
import { TenderRow } from './tender-row';

@Component({
  imports: [TenderRow],
  template: `
    <ul>
      <li app-tender-row [tender]="tender">
        <div facts class="facts">Street · ¥1,000</div>
        <a class="go" href="/go">Go</a>
      </li>
    </ul>
  `,
})
class Host {
  readonly tender = { id: 't1', title: 'Lamps' } as TenderSummaryDto;
}

describe('TenderRow', () => {
  it('draws the tender as a row: its title linking to its notice over the facts, then the rest', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const row = (fixture.nativeElement as HTMLElement).querySelector('li')!;
    expect(row.classList).toContain('row');
    expect(row.getAttribute('data-tender')).toBe('Lamps');
    const main = row.querySelector('.main')!;
    const name = main.querySelector('a.name')!;
    expect(name.textContent?.trim()).toBe('Lamps');
    expect(name.getAttribute('href')).toBe('/tenders/t1');
    expect(main.querySelector('.facts')?.textContent).toContain('Street');
    expect(row.lastElementChild?.classList).toContain('go');
  });
});
