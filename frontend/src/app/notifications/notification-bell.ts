import { Component, DestroyRef, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n } from '../i18n/i18n.service';
import { SvgIcon } from '../layout/svg-icon';
import { NotificationCenter } from './notification-center';

/** The header's bell: the unread count, and the way to the inbox. */
@Component({
  selector: 'app-notification-bell',
  imports: [RouterLink, SvgIcon],
  template: `
    <a
      class="ant-btn ant-btn-text"
      routerLink="/notifications"
      data-testid="notification-bell"
      [attr.aria-label]="t('notifications.bell', { count: '' + center.unread() })"
    >
      <!-- NG-ZORRO's badge, drawn with its classes; the link's label says the count. -->
      <span class="ant-badge">
        <app-svg-icon name="bell" class="bell" />
        @if (badge(); as count) {
          <sup
            class="ant-scroll-number ant-badge-count ant-badge-count-sm"
            [class.ant-badge-multiple-words]="count.length > 1"
            data-testid="notification-count"
            aria-hidden="true"
            >{{ count }}</sup
          >
        }
      </span>
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
  /** The badge's text: none at 0, at most "99+". */
  protected readonly badge = computed(() => {
    const unread = this.center.unread();
    return unread <= 0 ? '' : unread > 99 ? '99+' : String(unread);
  });

  constructor() {
    this.center.start(inject(DestroyRef));
  }
}
