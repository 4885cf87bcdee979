import { Component, computed, inject, input, model } from '@angular/core';
import type { UserDto } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { ChoiceSelect, scopeChoices } from './choice-select';
import { regionsOf, type Scope } from './scopes';

/** A community the user staffs. */
export type StaffScope = Scope;

/** The communities a user staffs: their community_staff memberships' regions, named, each once. */
export const staffCommunities = (user: UserDto | null | undefined): StaffScope[] =>
  regionsOf(user?.memberships ?? [], ['community_staff']);

/** The signed-in user's staffed communities, following who is signed in (call in an injection context). */
export const myStaffCommunities = () => {
  const auth = inject(AuthService);
  return computed(() => staffCommunities(auth.user()));
};

/** The community a staff page shows, picked among the user's (shown only when there are several). */
@Component({
  selector: 'app-community-picker',
  imports: [ChoiceSelect],
  template: `
    @if (communities().length > 1) {
      <app-choice-select
        [name]="name()"
        [label]="label() ?? t('join.community')"
        [choices]="choices()"
        [(value)]="value"
      />
    }
  `,
  styles: `
    :host {
      display: block;
      width: 100%;
      max-width: 360px;
    }
    app-choice-select {
      margin-bottom: 16px;
    }
  `,
})
export class CommunityPicker {
  protected readonly t = inject(I18n).t;
  readonly communities = input.required<readonly StaffScope[]>();
  /** The select's id and test id. */
  readonly name = input('community-picker');
  /** Its label, when the page names the community otherwise than "community". */
  readonly label = input<string>();
  readonly value = model.required<string | null>();
  protected readonly choices = computed(() => scopeChoices(this.communities()));
}
