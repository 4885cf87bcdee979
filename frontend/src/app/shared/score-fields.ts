import { Component, input } from '@angular/core';
import { type FormControl, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { FormRow } from './form-row';
import { RateA11y } from './rate-a11y';

/** One score of a rating: its form control's name and what it is called. */
export interface ScoreField {
  key: string;
  label: string;
}

/**
 * The fields of a rating form: a row of stars per score (keyboard-operable, named by its label),
 * then the optional comment. The form's controls are named by the scores' keys and `comment`.
 * Ids start with `idPrefix` (unique on the page), test ids with `testIdPrefix`.
 */
@Component({
  selector: 'app-score-fields',
  imports: [ReactiveFormsModule, NzInputModule, NzRateModule, FormRow, RateA11y],
  template: `
    @for (score of scores(); track score.key) {
      <div class="score">
        <span class="score-label" [id]="id(score.key)">{{ score.label }}</span>
        <nz-rate
          [formControl]="control(score.key)"
          [appRateA11y]="id(score.key)"
          [attr.data-testid]="testIdPrefix() + score.key"
        />
      </div>
    }
    <app-form-row [label]="commentLabel()" [for]="id('comment')" [error]="commentError()">
      <textarea
        nz-input
        rows="3"
        [id]="id('comment')"
        [formControl]="control('comment')"
        [attr.data-testid]="testIdPrefix() + 'comment'"
      ></textarea>
    </app-form-row>
  `,
  styles: `
    :host {
      display: block;
    }
    .score {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin-bottom: 4px;
    }
    .score-label {
      min-width: 6em;
    }
  `,
})
export class ScoreFields {
  readonly form = input.required<FormGroup>();
  readonly scores = input.required<ScoreField[]>();
  readonly idPrefix = input.required<string>();
  readonly testIdPrefix = input.required<string>();
  readonly commentLabel = input.required<string>();
  /** Shown under the comment when it is too long. */
  readonly commentError = input.required<string>();

  protected control(name: string): FormControl {
    return this.form().get(name) as FormControl;
  }

  protected id(name: string): string {
    return `${this.idPrefix()}-${name}`;
  }
}
