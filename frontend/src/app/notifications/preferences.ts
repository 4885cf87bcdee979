import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { Api } from '../api/api';
import { apiError } from '../shared/api-error';
import { action } from '../shared/run-action';
import type { I18nKey } from '../i18n/zh-CN';
import { notificationsPreferences } from '../api/fn/notifications/notifications-preferences';
import { notificationsSetPreferences } from '../api/fn/notifications/notifications-set-preferences';
import type { NotificationPreferenceDto, NotificationPreferencesDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { NOTIFICATION_TYPES } from './notice-text';
import { CardsOnPhone } from '../shared/cards-on-phone';
import { ErrorAlert } from '../shared/error-alert';

export type Channel = 'inApp' | 'email';

/** Sorts the server's list into the settings' order (every type once). */
export function inTypeOrder(prefs: NotificationPreferenceDto[]): NotificationPreferenceDto[] {
  return NOTIFICATION_TYPES.flatMap((type) => prefs.filter((p) => p.type === type));
}

/** `/notifications/settings`: for each kind of notice, the inbox and e-mail on or off; each toggle saves at once. */
@Component({
  selector: 'app-notification-preferences',
  imports: [
    ErrorAlert,
    CardsOnPhone,
    FormsModule,
    RouterLink,
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
  protected readonly channels: readonly { channel: Channel; label: I18nKey }[] = [
    { channel: 'inApp', label: 'notifications.settings.inApp' },
    { channel: 'email', label: 'notifications.settings.email' },
  ];
  /** Reads the settings: busy meanwhile, the failure in its error. */
  protected readonly loader = action();
  /** Saves one switch (by `<type>.<channel>`); its error is the refusal. */
  protected readonly saving = action();
  /** Bumped after a failed save, so the rows are drawn again from the settings held. */
  protected readonly version = signal(0);

  /** The version of the settings shown, sent back in If-Match. */
  private settingsVersion = 0;

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    await this.loader.run(async () => this.show(await this.api.invoke(notificationsPreferences)));
  }

  private show(settings: NotificationPreferencesDto): void {
    this.prefs.set(inTypeOrder(settings.preferences));
    this.settingsVersion = settings.version;
  }

  protected typeLabel(type: NotificationPreferenceDto['type']): string {
    return this.t(`notifications.type.${type}`);
  }

  protected async toggle(pref: NotificationPreferenceDto, channel: Channel, on: boolean): Promise<void> {
    const changed = { ...pref, [channel]: on };
    let stale = false;
    const saved = await this.saving.run(
      () =>
        this.api.invoke(notificationsSetPreferences, {
          'If-Match': `"${this.settingsVersion}"`,
          body: { preferences: [changed] },
        }),
      {
        key: `${pref.type}.${channel}`,
        onError: (err) => {
          // Fresh rows show the setting the server still holds, not the switch's own state.
          this.version.update((v) => v + 1);
          stale = apiError(err)?.code === 'precondition.failed';
        },
      },
    );
    if (saved) this.show(saved.value);
    // Changed elsewhere since they were shown: show the settings as they are now.
    else if (stale) await this.load();
  }
}
