import { Component, input } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';

/** The card every sign-in page stands in (login, register, forgot and reset password, verify email): narrow and centred. */
@Component({
  selector: 'app-auth-card',
  imports: [NzCardModule],
  template: `<nz-card [nzTitle]="title()"><ng-content /></nz-card>`,
  styles: `
    :host {
      display: block;
      max-width: 400px;
      margin: 24px auto;
    }
  `,
})
export class AuthCard {
  readonly title = input.required<string>();
}
