import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { Api } from '../api/api';
import { apiError, failureText } from '../shared/api-error';
import { notificationsPreferences, notificationsSetPreferences } from '../api/functions';
import type { NotificationPreferenceDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { NOTIFICATION_TYPES } from './notice-text';
import { CardsOnPhone } from '../shared/cards-on-phone';

export type Channel = 'inApp' | 'email';

/** Sorts the server's list into the settings' order (every type once). */
export function inTypeOrder(prefs: NotificationPreferenceDto[]): NotificationPreferenceDto[] {
  return NOTIFICATION_TYPES.flatMap((type) => prefs.filter((p) => p.type === type));
}

/** `/notifications/settings`: for each kind of notice, the inbox and e-mail on or off; each toggle saves at once. */
@Component({
  selector: 'app-notification-preferences',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CardsOnPhone,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzSpinModule,
    NzSwitchModule,
  ],
  templateUrl: './preferences.html',
  styleUrl: './preferences.css',
})
export class Preferences {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  protected readonly prefs = signal<NotificationPreferenceDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly saving = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Bumped after a failed save, so the rows are drawn again from the settings held. */
  protected readonly version = signal(0);

  /** The version of the settings shown, sent back in If-Match. */
  private settingsVersion = 0;

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const settings = await this.api.invoke(notificationsPreferences);
      this.prefs.set(inTypeOrder(settings.preferences));
      this.settingsVersion = settings.version;
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected typeLabel(type: NotificationPreferenceDto['type']): string {
    return this.t(`notifications.type.${type}`);
  }

  protected async toggle(pref: NotificationPreferenceDto, channel: Channel, on: boolean): Promise<void> {
    const changed = { ...pref, [channel]: on };
    this.saving.set(`${pref.type}.${channel}`);
    this.error.set(null);
    try {
      const saved = await this.api.invoke(notificationsSetPreferences, {
        'If-Match': `"${this.settingsVersion}"`,
        body: { preferences: [changed] },
      });
      this.prefs.set(inTypeOrder(saved.preferences));
      this.settingsVersion = saved.version;
    } catch (err) {
      this.error.set(failureText(err, this.t));
      // Fresh rows show the setting the server still holds, not the switch's own state.
      this.version.update((v) => v + 1);
      // Changed elsewhere since they were shown: show the settings as they are now.
      if (apiError(err)?.code === 'precondition.failed') await this.load();
    } finally {
      this.saving.set(null);
    }
  }
}
