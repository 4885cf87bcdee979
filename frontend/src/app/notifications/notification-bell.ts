import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../i18n/i18n.service';
import { NotificationCenter } from './notification-center';

/** The header's bell: the unread count, and the way to the inbox. */
@Component({
  selector: 'app-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzBadgeModule, NzButtonModule, NzIconModule],
  template: `
    <a
      nz-button
      nzType="text"
      routerLink="/notifications"
      data-testid="notification-bell"
      [attr.aria-label]="t('notifications.bell', { count: '' + center.unread() })"
    >
      <nz-badge [nzCount]="center.unread()" [nzOverflowCount]="99" nzSize="small">
        <nz-icon nzType="bell" class="bell" />
      </nz-badge>
    </a>
  `,
  styles: `
    .bell {
      font-size: 18px;
    }
  `,
})
export class NotificationBell {
  protected readonly center = inject(NotificationCenter);
  protected readonly t = inject(I18n).t;

  constructor() {
    this.center.start(inject(DestroyRef));
  }
}
