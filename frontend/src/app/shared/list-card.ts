import { Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';

/**
 * An item of the pages' lists (`<li app-list-card>` in a `ul`, or inside a list's own item): a head line with the title, its
 * meta (muted), a status tag and anything projected with the `head` attribute; then the item's
 * own content (details, actions, inline forms).
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- a list's item must stay its <li> (valid markup, what screen readers and specs count)
  selector: '[app-list-card]',
  imports: [NzTagModule],
  template: `
    <div class="head">
      <strong>{{ heading() }}</strong>
      @for (m of meta(); track $index) {
        @if (m) {
          <span class="muted">{{ m }}</span>
        }
      }
      @if (tag(); as text) {
        <nz-tag [nzColor]="tagColor()" [attr.data-testid]="tagTestId() ?? null">{{ text }}</nz-tag>
      }
      <ng-content select="[head]" />
    </div>
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    :host:last-child {
      border-bottom: none;
    }
  `,
  // Its head line and muted meta are the pages' own (.head, .muted).
  styleUrl: './page.css',
})
export class ListCard {
  readonly heading = input.required<string>();
  /** Muted facts after the title; empty ones are left out. */
  readonly meta = input<(string | null | undefined)[]>([]);
  /** The status tag's text and color; no tag without text. */
  readonly tag = input<string | null>();
  readonly tagColor = input<string>();
  readonly tagTestId = input<string>();
}
