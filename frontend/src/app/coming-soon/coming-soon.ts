import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

/** Stands in for the pages that later milestones build; the route passes the page's title key. */
@Component({
  selector: 'app-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzResultModule, NzButtonModule],
  template: `
    <nz-result
      nzStatus="info"
      data-testid="coming-soon"
      [nzTitle]="t('comingSoon.title')"
      [nzSubTitle]="t('comingSoon.subtitle', { page: t(titleKey()) })"
    >
      <div nz-result-extra>
        <a nz-button nzType="primary" routerLink="/">{{ t('comingSoon.back') }}</a>
      </div>
    </nz-result>
  `,
})
export class ComingSoon {
  /** Bound from the route's data by `withComponentInputBinding()`. */
  readonly titleKey = input.required<I18nKey>();
  protected readonly t = inject(I18n).t;
}
