import { Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { FormActions } from './form-actions';
import { ScoreFields } from './score-fields';
import { touchAll } from './server-errors';

/** What a list's rating forms ask and say, and how tests find them. */
export interface ScoreFormOptions<K extends string, W extends string> {
  /** The scores, each a control of the form (0 is "not rated yet"; the server takes 1–5). */
  scores: readonly K[];
  /** Where the form's words stand: each score's label `<words>.<score>`, `<words>.comment` and `<words>.submit`. */
  words: `${W}.${K | 'comment' | 'submit'}` extends I18nKey ? W : never;
  /** The comment's longest length, and what it says when too long (given `max`). */
  commentMax: number;
  commentRule: I18nKey;
  /** Ids start with `<id>-<item>-`, the scores' and the comment's test ids with `<id>-`. */
  id: string;
  formTestId: string;
  submitTestId: string;
  /** Whether the item's rating is being saved. */
  busy: (item: string) => boolean;
}

/** The scores and the comment given (the comment trimmed, left out when empty). */
export type Scores<K extends string> = Record<K, number> & { comment?: string };

/**
 * The rating asked on a list's items (three scores and a comment): the item being rated and the
 * form; `app-score-form` draws it. The page makes its call with `scores()`.
 */
export class ScoreForm<K extends string, W extends string> {
  /** The item being rated. */
  readonly item = signal<string | null>(null);
  /** A control per score and `comment`. */
  readonly form: FormGroup;

  constructor(readonly options: ScoreFormOptions<K, W>) {
    const scores = options.scores.map((key) => [
      key,
      new FormControl(0, { nonNullable: true, validators: Validators.min(1) }),
    ]);
    this.form = new FormGroup({
      ...Object.fromEntries(scores),
      comment: new FormControl('', {
        nonNullable: true,
        validators: Validators.maxLength(options.commentMax),
      }),
    });
  }

  /** Opens the form on the item, empty or with the scores given before (other fields of `given` are left aside). */
  open(item: string, given?: (Record<K, number> & { comment?: string | null }) | null): void {
    this.form.reset({ ...given, comment: given?.comment ?? '' });
    this.item.set(item);
  }

  close(): void {
    this.item.set(null);
  }

  /** What was given; null (the faults shown) when a score is missing or the comment too long. */
  scores(): Scores<K> | null {
    if (!touchAll(this.form)) return null;
    const raw = this.form.getRawValue();
    const given = Object.fromEntries(
      this.options.scores.map((key) => [key, raw[key] as number]),
    ) as Scores<K>;
    const comment = raw.comment.trim();
    return comment ? { ...given, comment } : given;
  }

  /** Whether a score is not given yet (as against only the comment being too long). */
  scoreMissing(): boolean {
    return this.options.scores.some((key) => this.form.controls[key].invalid);
  }
}

/**
 * An item's rating form: what the page projects (a title, its refusal), a row of stars per score
 * and the comment, then cancel and submit.
 */
@Component({
  selector: 'app-score-form',
  imports: [ReactiveFormsModule, NzFormModule, ScoreFields, FormActions],
  template: `
    @let o = scoreForm().options;
    <form
      nz-form
      nzLayout="vertical"
      [formGroup]="scoreForm().form"
      (ngSubmit)="submitted.emit()"
      [attr.data-testid]="o.formTestId"
    >
      <ng-content />
      <app-score-fields
        [form]="scoreForm().form"
        [scores]="fields()"
        [idPrefix]="o.id + '-' + item()"
        [testIdPrefix]="o.id + '-'"
        [commentLabel]="word('comment')"
        [commentError]="t(o.commentRule, { max: '' + o.commentMax })"
      />
      <app-form-actions
        [submitLabel]="word('submit')"
        [submitTestId]="o.submitTestId"
        [busy]="o.busy(item())"
        (cancelled)="scoreForm().close()"
      />
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ScoreFormView<K extends string, W extends string> {
  protected readonly t = inject(I18n).t;
  readonly scoreForm = input.required<ScoreForm<K, W>>();
  /** The item's id. */
  readonly item = input.required<string>();
  /** The form was sent: the page reads `scoreForm.scores()` and makes its call. */
  readonly submitted = output<void>();
  protected readonly fields = computed(() =>
    this.scoreForm().options.scores.map((key) => ({ key, label: this.word(key) })),
  );

  /** One of the form's words (its options' `words` make sure it is a key). */
  protected word(name: K | 'comment' | 'submit'): string {
    return this.t(`${this.scoreForm().options.words}.${name}` as I18nKey);
  }
}
