import { Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { I18n } from '../i18n/i18n.service';
import { action } from '../shared/run-action';
import { missingSubject } from '../server-rendering';

/**
 * What an organization's public page (its profile, its score) shows in its place: that it was not
 * found, with the way back to the directory; why it could not be read; or a skeleton while it loads.
 */
@Component({
  selector: 'app-org-page-state',
  imports: [RouterLink, NzButtonModule, NzResultModule, NzSkeletonModule],
  template: `
    @if (page().notFound()) {
      <nz-result nzStatus="404" [nzTitle]="notFoundTitle()" [attr.data-testid]="notFoundTestId()">
        <div nz-result-extra>
          <a nz-button nzType="primary" routerLink="/directory">{{ t('directory.back') }}</a>
        </div>
      </nz-result>
    } @else if (page().error(); as message) {
      <nz-result nzStatus="error" [nzTitle]="message" />
    } @else {
      <nz-skeleton [nzActive]="true" />
    }
  `,
})
export class OrgPageState {
  protected readonly t = inject(I18n).t;
  /** How the page read the organization: its failure, or that it is not listed. */
  readonly page = input.required<OrgPageRead>();
  readonly notFoundTitle = input.required<string>();
  readonly notFoundTestId = input.required<string>();
}

/**
 * Reads an organization's public page: `error` says why it could not, `notFound` that it is not in
 * the directory (unknown, not yet verified and malformed ids alike). Make it in a field initializer.
 */
export class OrgPageRead {
  private readonly reading = action();
  readonly error = this.reading.error;
  readonly notFound = signal(false);

  /** The call's value, or undefined when it failed. */
  async read<T>(call: () => Promise<T>): Promise<T | undefined> {
    this.notFound.set(false);
    const done = await this.reading.run(call, { handle: (err) => this.missing(err) });
    return done?.value;
  }

  private readonly isMissing = missingSubject();

  private missing(err: unknown): boolean {
    const missing = this.isMissing(err);
    this.notFound.set(missing);
    return missing;
  }
}
