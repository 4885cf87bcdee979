import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';

export interface SelectOption<T> {
  value: T;
  label: string;
}

/** A list of regions (or anything with an id and a name) as a select's options. */
export const byName = (items: readonly { id: string; name: string }[]): SelectOption<string>[] =>
  items.map((i) => ({ value: i.id, label: i.name }));

/**
 * A page's picker above its content (the community, the street, the year shown): a select named
 * for screen readers by a label they alone hear (the page around it says what it picks). `name` is
 * its id and test id; `picked` tells the page the new value (which the page keeps, e.g. in its URL).
 */
@Component({
  selector: 'app-labelled-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, NzSelectModule],
  template: `
    <label class="sr-only" [for]="name()">{{ label() }}</label>
    <nz-select
      [nzId]="name()"
      [attr.data-testid]="name()"
      [nzOptions]="options()"
      [ngModel]="value()"
      (ngModelChange)="picked.emit($event)"
    />
  `,
  styles: `
    :host {
      display: inline-block;
      max-width: 100%;
    }
    nz-select {
      width: 100%;
    }
  `,
})
export class LabelledSelect<T> {
  readonly label = input.required<string>();
  readonly name = input.required<string>();
  readonly options = input.required<SelectOption<T>[]>();
  readonly value = input.required<T | null>();
  readonly picked = output<T>();
}
