import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { I18n } from '../i18n/i18n.service';
import { NavMenu } from './nav-menu';

/** The phone's menu: the side menu in a drawer. The shell loads it when the menu is first opened. */
@Component({
  selector: 'app-nav-drawer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzDrawerModule, NavMenu],
  template: `
    <nz-drawer
      nzPlacement="left"
      [nzWidth]="240"
      [nzVisible]="open()"
      [nzTitle]="t('app.title')"
      [nzBodyStyle]="{ padding: '0' }"
      (nzOnClose)="closed.emit()"
    >
      <ng-container *nzDrawerContent>
        <app-nav-menu (picked)="closed.emit()" />
      </ng-container>
    </nz-drawer>
  `,
})
export class NavDrawer {
  protected readonly t = inject(I18n).t;
  readonly open = input(false);
  readonly closed = output<void>();
}
