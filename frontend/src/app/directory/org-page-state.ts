import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { I18n } from '../i18n/i18n.service';

/**
 * What an organization's public page (its profile, its score) shows in its place: that it was not
 * found, with the way back to the directory; why it could not be read; or a skeleton while it loads.
 */
@Component({
  selector: 'app-org-page-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzButtonModule, NzResultModule, NzSkeletonModule],
  template: `
    @if (notFound()) {
      <nz-result nzStatus="404" [nzTitle]="notFoundTitle()" [attr.data-testid]="notFoundTestId()">
        <div nz-result-extra>
          <a nz-button nzType="primary" routerLink="/directory">{{ t('directory.back') }}</a>
        </div>
      </nz-result>
    } @else if (error(); as message) {
      <nz-result nzStatus="error" [nzTitle]="message" />
    } @else {
      <nz-skeleton [nzActive]="true" />
    }
  `,
})
export class OrgPageState {
  protected readonly t = inject(I18n).t;
  readonly notFound = input.required<boolean>();
  readonly error = input.required<string | null>();
  readonly notFoundTitle = input.required<string>();
  readonly notFoundTestId = input.required<string>();
}
