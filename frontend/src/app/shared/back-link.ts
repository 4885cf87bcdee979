import { Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';

/** The link back from a page to where it is listed, above its title: an arrow and where it leads. */
@Component({
  selector: 'app-back-link',
  imports: [RouterLink, NzButtonModule, NzIconModule],
  template: `
    <a nz-button nzType="link" [routerLink]="to()" [attr.data-testid]="testId()">
      <nz-icon nzType="arrow-left" />
      <span>{{ label() }}</span>
    </a>
  `,
  // The arrow lines up with the page's left edge, like the title under it.
  styles: `
    :host {
      display: block;
      margin-bottom: 8px;
    }
    a {
      padding-left: 0;
    }
  `,
})
export class BackLink {
  /** Where it leads (a router link). */
  readonly to = input.required<string | readonly unknown[]>();
  readonly label = input.required<string>();
  readonly testId = input<string>();
}
