import { Directive, inject } from '@angular/core';
import { NzTreeSelectComponent } from 'ng-zorro-antd/tree-select';

/**
 * The keyboard for nz-tree-select (the category pickers), which on its own only opens on a key:
 * with the tree open, ↓ and ↑ move through the nodes shown, → and ← expand and collapse the active
 * node, Enter picks it (as a click would; Escape and Tab close the tree, as before). The active node
 * carries the class `tree-key-active` (drawn in styles.css).
 */
@Directive({
  selector: 'nz-tree-select[appTreeKeys]',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class TreeSelectKeys {
  private readonly select = inject(NzTreeSelectComponent);
  private active = -1;

  protected onKeydown(event: KeyboardEvent): void {
    const rows = this.rows();
    if (!this.select.nzOpen || !rows.length) {
      this.active = -1;
      return;
    }
    const row = rows[this.active] as HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        this.activate(rows, Math.min(this.active + 1, rows.length - 1));
        break;
      case 'ArrowUp':
        this.activate(rows, Math.max(this.active - 1, 0));
        break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const switcher = row?.querySelector<HTMLElement>(
          '.ant-select-tree-switcher:not(.ant-select-tree-switcher-noop)',
        );
        const open = switcher?.classList.contains('ant-select-tree-switcher_open');
        if (switcher && open === (event.key === 'ArrowLeft')) switcher.click();
        // The tree redraws its rows after a click: mark the same position again once it has.
        setTimeout(() => this.activate(this.rows(), this.active));
        break;
      }
      case 'Enter':
        row?.querySelector<HTMLElement>('.ant-select-tree-node-content-wrapper')?.click();
        if (!this.select.nzOpen) this.active = -1;
        break;
      default:
        return;
    }
    // Keep the page from scrolling and the form around from submitting.
    event.preventDefault();
  }

  /** The open tree's rows, in the order shown (collapsed branches have none). */
  private rows(): HTMLElement[] {
    const pane = this.select.cdkConnectedOverlay?.overlayRef?.overlayElement;
    return pane ? Array.from(pane.querySelectorAll<HTMLElement>('.ant-select-tree-treenode')) : [];
  }

  private activate(rows: HTMLElement[], index: number): void {
    rows.forEach((r, i) => r.classList.toggle('tree-key-active', i === index));
    rows[index]?.scrollIntoView({ block: 'nearest' });
    this.active = index;
  }
}
