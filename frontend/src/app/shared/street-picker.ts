import { Component, computed, input, model } from '@angular/core';
import { ChoiceSelect } from './choice-select';

/**
 * The street a page works on: a picker (`app-choice-select`, labelled for screen readers) when the
 * user has several streets, else the one street's name (test id `<name>-name`).
 */
@Component({
  selector: 'app-street-picker',
  imports: [ChoiceSelect],
  template: `
    @if (streets().length > 1) {
      <app-choice-select
        class="street"
        [name]="name()"
        [label]="label()"
        [choices]="choices()"
        [(value)]="value"
      />
    } @else {
      <strong [attr.data-testid]="name() + '-name'">{{ streets()[0]?.name }}</strong>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .street {
      width: 240px;
      max-width: 100%;
    }
  `,
})
export class StreetPicker {
  readonly streets = input.required<readonly { id: string; name: string }[]>();
  /** The picker's id and test id. */
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly value = model<string | null>(null);
  protected readonly choices = computed(() => this.streets().map((s) => ({ value: s.id, label: s.name })));
}
