import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { meResendVerification } from '../api/fn/me/me-resend-verification';
import { AuthService } from '../auth/auth.service';
import { isRole } from '../auth/roles';
import { I18n } from '../i18n/i18n.service';
import { FormCard, FormCardSubmit } from '../shared/form-card';
import { FormRow } from '../shared/form-row';
import { action } from '../shared/run-action';
import { BusyButton } from '../shared/busy-button';

@Component({
  selector: 'app-profile',
  imports: [
    FormCard,
    FormCardSubmit,
    FormRow,
    ReactiveFormsModule,
    NzDescriptionsModule,
    NzTagModule,
    NzInputModule,
    BusyButton,
  ],
  templateUrl: './profile.html',
  styleUrl: './profile.css',
})
export class Profile {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.auth.user()?.displayName ?? '', [Validators.required]],
  });
  protected readonly saving = action();
  protected readonly resending = action();
  /** Sent once from this page: the button rests until the next visit. */
  protected readonly resent = signal(false);

  constructor() {
    // The session's copy may be older than the server's (another device, an admin's change).
    this.auth
      .reloadMe()
      .then((user) => {
        if (this.form.pristine) this.form.setValue({ displayName: user.displayName });
      })
      .catch(() => undefined);
  }

  protected roleLabel(role: string): string {
    return isRole(role) ? this.t(`role.${role}`) : role;
  }

  /** Mails a new verification link to the address. */
  protected async resend(): Promise<void> {
    const sent = await this.resending.run(() => this.api.invoke(meResendVerification), {
      toast: true,
      success: 'profile.resent',
    });
    if (sent) this.resent.set(true);
  }

  protected async save(): Promise<void> {
    const control = this.form.controls.displayName;
    if (this.form.invalid || !control.value.trim()) {
      control.setErrors({ required: true });
      control.markAsDirty();
      return;
    }
    await this.saving.run(
      async () => {
        const user = await this.auth.updateMe(
          { displayName: control.value.trim() },
          this.auth.user()?.version,
        );
        this.form.reset({ displayName: user.displayName });
      },
      { success: 'profile.saved' },
    );
  }
}
