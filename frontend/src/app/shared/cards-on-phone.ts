import { isPlatformServer } from '@angular/common';
import {
  type AfterViewChecked,
  DestroyRef,
  Directive,
  ElementRef,
  PLATFORM_ID,
  afterNextRender,
  inject,
} from '@angular/core';

/**
 * A wide table that becomes one card per row on a phone (under 576 px, `styles/zorro-pages.less`):
 * each cell is labelled with its column's header (`data-label`, shown by the stylesheet), kept up to
 * date as rows and the language change. Put it on a `<table>` or an `<nz-table>`. The table's roles
 * are stated explicitly, because a browser drops a table's semantics once its parts are no longer
 * laid out as a table, and screen readers should still hear rows and columns.
 */
@Directive({
  selector: '[appCardsOnPhone]',
  host: { class: 'cards-on-phone' },
})
export class CardsOnPhone implements AfterViewChecked {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly onServer = isPlatformServer(inject(PLATFORM_ID));

  constructor() {
    const destroyRef = inject(DestroyRef);
    // In the browser, rows and text changed by anything (the table's own code too) relabel it.
    afterNextRender(() => {
      let scheduled = false;
      const observer = new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          labelCells(this.host);
        });
      });
      labelCells(this.host);
      // Only rows and text: the attributes written here do not wake it again.
      observer.observe(this.host, { childList: true, subtree: true, characterData: true });
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  /**
   * A server drawing the page (no MutationObserver there) labels the cells each time its view is
   * drawn, so a phone paints the cards labelled from the HTML.
   */
  ngAfterViewChecked(): void {
    if (this.onServer) labelCells(this.host);
  }
}

const ROLES: Record<string, string> = {
  TABLE: 'table',
  THEAD: 'rowgroup',
  TBODY: 'rowgroup',
  TFOOT: 'rowgroup',
  TR: 'row',
  TD: 'cell',
};

/**
 * Gives each cell its column's header text as `data-label`, and every part its table role. Walks the
 * elements' children rather than the table API (`tHead`, `rows`), which a server's DOM lacks.
 */
export function labelCells(host: HTMLElement): void {
  const table = host.tagName === 'TABLE' ? host : host.querySelector('table');
  if (!table) return;
  setRole(table, ROLES['TABLE']);
  const sections = childrenNamed(table, 'THEAD', 'TBODY', 'TFOOT');
  const head = sections.find((section) => section.tagName === 'THEAD');
  const headRows = head ? childrenNamed(head, 'TR') : [];
  const headers = headRows.length ? columnTexts(headRows[headRows.length - 1]) : [];
  for (const section of sections) {
    setRole(section, ROLES[section.tagName]);
    for (const row of childrenNamed(section, 'TR')) {
      setRole(row, ROLES['TR']);
      let column = 0;
      for (const cell of childrenNamed(row, 'TD', 'TH')) {
        const inHead = section === head;
        setRole(cell, cell.tagName === 'TD' ? ROLES['TD'] : inHead ? 'columnheader' : 'rowheader');
        // A cell spanning columns has no one header to name it.
        const span = colSpan(cell);
        const label = !inHead && span === 1 ? headers[column] : undefined;
        if (label) cell.setAttribute('data-label', label);
        else cell.removeAttribute('data-label');
        column += span;
      }
    }
  }
}

function childrenNamed(parent: Element, ...tags: string[]): Element[] {
  return Array.from(parent.children).filter((child) => tags.includes(child.tagName));
}

const colSpan = (cell: Element): number => Math.max(1, Number(cell.getAttribute('colspan')) || 1);

/** The header text of each column, a spanning header repeated over its columns. */
function columnTexts(row: Element): string[] {
  return childrenNamed(row, 'TD', 'TH').flatMap((cell) =>
    Array<string>(colSpan(cell)).fill(cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  );
}

function setRole(el: Element, role: string): void {
  if (el.getAttribute('role') !== role) el.setAttribute('role', role);
}
