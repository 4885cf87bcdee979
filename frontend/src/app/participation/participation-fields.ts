import { type FormGroup, type ValidatorFn, Validators } from '@angular/forms';
import type { I18nKey } from '../i18n/zh-CN';
import { localToInstant } from '../shared/dates';
import type { Field } from '../shared/form-fields';
import { type ActionState, action } from '../shared/run-action';
import { touchAll } from '../shared/server-errors';

/** The title a consultation, a meeting, a round or a submission is given: 2 to 120 characters. */
export const titleControl = (): [string, ValidatorFn[]] => [
  '',
  [Validators.required, Validators.minLength(2), Validators.maxLength(120)],
];

/** The form row of that title, with its id and test id. */
export const titleField = (id: string, testId: string): Field => ({
  name: 'title',
  label: 'participation.title',
  id,
  testId,
  required: true,
  rule: 'participation.titleRule',
});

/** The staff forms' words: `<words>Title` heads the form's card, `<words>Submit` labels its submit. */
export type CommunityFormWords =
  'participation.open' | 'participation.schedule' | 'participation.close' | 'pb.open';

/** What a staff form's card (`app-community-form-card`) shows: see `CommunityForm`. */
export interface CommunityFormCardSpec {
  readonly name: string;
  readonly heading: I18nKey;
  readonly submitLabel: I18nKey;
  readonly form: FormGroup;
  readonly action: ActionState;
}

/**
 * The card of a staff form the page sends itself, through an action of its own (closing a
 * consultation is one of its steps); `CommunityForm` makes the card of one that sends itself.
 */
export const communityFormCard = (
  name: string,
  words: CommunityFormWords,
  form: FormGroup,
  action: ActionState,
): CommunityFormCardSpec => ({ name, form, action, heading: `${words}Title`, submitLabel: `${words}Submit` });

/**
 * A staff form of a community (opening a consultation or a round, scheduling a meeting): the form,
 * the dates it reads (typed in local time), the action that sends it (busy, failure), and what its
 * card (`app-community-form-card`) says: its name (the test ids' prefix) and words. Made in an
 * injection context.
 */
export class CommunityForm<V extends Record<K, string>, K extends string> implements CommunityFormCardSpec {
  readonly action = action();
  readonly heading: I18nKey;
  readonly submitLabel: I18nKey;

  constructor(
    readonly form: FormGroup & { getRawValue(): V },
    private readonly dateKeys: readonly K[],
    readonly name: string,
    words: CommunityFormWords,
  ) {
    this.heading = `${words}Title`;
    this.submitLabel = `${words}Submit`;
  }

  /**
   * Once the community is known, the fields are valid and the dates are read, `send` runs with the
   * action; otherwise nothing is sent (the form shows what is wrong).
   */
  async send(
    communityId: string | null,
    send: (communityId: string, v: V, at: Record<K, string>) => Promise<void>,
  ): Promise<void> {
    if (!communityId || !touchAll(this.form)) return;
    const v = this.form.getRawValue();
    const at = {} as Record<K, string>;
    for (const key of this.dateKeys) {
      const date = localToInstant(v[key]);
      if (!date) return;
      at[key] = date;
    }
    await this.action.run(() => send(communityId, v, at));
  }
}
