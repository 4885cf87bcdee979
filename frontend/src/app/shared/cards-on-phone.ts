import { DestroyRef, Directive, ElementRef, afterNextRender, inject } from '@angular/core';

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
export class CardsOnPhone {
  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const destroyRef = inject(DestroyRef);
    // In the browser only (a server drawing the page has no MutationObserver): the app draws the
    // page again there before it is used.
    afterNextRender(() => {
      let scheduled = false;
      const observer = new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          labelCells(host);
        });
      });
      labelCells(host);
      // Only rows and text: the attributes written here do not wake it again.
      observer.observe(host, { childList: true, subtree: true, characterData: true });
      destroyRef.onDestroy(() => observer.disconnect());
    });
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

/** Gives each cell its column's header text as `data-label`, and every part its table role. */
export function labelCells(host: HTMLElement): void {
  const table = host instanceof HTMLTableElement ? host : host.querySelector('table');
  if (!table) return;
  setRole(table, ROLES['TABLE']);
  const headRows = table.tHead ? [...table.tHead.rows] : [];
  const headers = headRows.length ? columnTexts(headRows[headRows.length - 1]) : [];
  for (const section of [table.tHead, ...table.tBodies, table.tFoot]) {
    if (!section) continue;
    setRole(section, ROLES[section.tagName]);
    for (const row of section.rows) {
      setRole(row, ROLES['TR']);
      let column = 0;
      for (const cell of row.cells) {
        const inHead = section === table.tHead;
        setRole(cell, cell.tagName === 'TD' ? ROLES['TD'] : inHead ? 'columnheader' : 'rowheader');
        // A cell spanning columns has no one header to name it.
        const label = !inHead && cell.colSpan === 1 ? headers[column] : undefined;
        if (label) cell.setAttribute('data-label', label);
        else cell.removeAttribute('data-label');
        column += cell.colSpan;
      }
    }
  }
}

/** The header text of each column, a spanning header repeated over its columns. */
function columnTexts(row: HTMLTableRowElement): string[] {
  return [...row.cells].flatMap((cell) =>
    Array<string>(cell.colSpan).fill(cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  );
}

function setRole(el: Element, role: string): void {
  if (el.getAttribute('role') !== role) el.setAttribute('role', role);
}
