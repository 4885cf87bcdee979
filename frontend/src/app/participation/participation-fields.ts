import { type AbstractControl, type ValidatorFn, Validators } from '@angular/forms';
import { fromLocalInput } from '../procurement/datetime';
import type { Field } from '../shared/form-fields';
import { action } from '../shared/run-action';
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

/**
 * A staff form of a community (opening a consultation or a round, scheduling a meeting): the form,
 * the action that sends it (busy, failure) and the dates it reads (typed in local time). Made in an
 * injection context.
 */
export class CommunityForm<V extends Record<K, string>, K extends string> {
  readonly action = action();

  constructor(
    private readonly form: { controls: Record<string, AbstractControl>; valid: boolean; getRawValue(): V },
    private readonly dateKeys: readonly K[],
  ) {}

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
      const date = fromLocalInput(v[key]);
      if (!date) return;
      at[key] = date;
    }
    await this.action.run(() => send(communityId, v, at));
  }
}
