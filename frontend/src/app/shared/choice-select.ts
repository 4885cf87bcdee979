import { booleanAttribute, Component, computed, input, linkedSignal, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule, type NzSelectOptionInterface } from 'ng-zorro-antd/select';

/** One choice of a list's filter; `group` heads the choices that share it (a street's communities). */
export interface Choice<T = string> {
  value: T;
  label: string;
  group?: string;
}

/**
 * A list's filter or a page's picker as a labelled select (a community, a status, the year shown):
 * `name` is its id, `testId` its test id (the name by default); the label is for screen readers only
 * (the page around it says what it picks) unless `shownLabel`. While nothing is picked it shows its
 * `placeholder` (a clearable one its label).
 */
@Component({
  selector: 'app-choice-select',
  imports: [FormsModule, NzSelectModule],
  template: `
    <label [class.sr-only]="!shownLabel()" [for]="name()">{{ label() }}</label>
    <nz-select
      [nzId]="name()"
      [attr.data-testid]="testId() ?? name()"
      [nzOptions]="nzOptions()"
      [nzShowSearch]="searchable()"
      [nzAllowClear]="clearable()"
      [nzPlaceHolder]="placeholder() ?? (clearable() ? label() : '')"
      [(ngModel)]="value"
    />
  `,
  styles: `
    :host {
      display: block;
    }
    label {
      display: block;
      margin-bottom: 4px;
    }
    nz-select {
      width: 100%;
    }
  `,
})
export class ChoiceSelect<T = string> {
  readonly value = model.required<T | null>();
  readonly choices = input.required<readonly Choice<T>[]>();
  readonly label = input.required<string>();
  readonly name = input.required<string>();
  readonly testId = input<string>();
  readonly shownLabel = input(false, { transform: booleanAttribute });
  /** Shown while nothing is picked ("choose a street"); a clearable select shows its label by default. */
  readonly placeholder = input<string>();
  /** A filter that may be unset ("any"): it can be cleared, and shows its label while unset. */
  readonly clearable = input(false, { transform: booleanAttribute });
  /** Typing narrows the choices (a long list, such as every community). */
  readonly searchable = input(false, { transform: booleanAttribute });
  protected readonly nzOptions = computed<NzSelectOptionInterface[]>(() =>
    this.choices().map(({ value, label, group }) => ({ value, label, groupLabel: group })),
  );
}

/** The scope (a community…) a list shows: the picked one when it is offered, else the first offered. */
export const offeredOrFirst = (picked: string | null, offered: readonly { id: string }[]): string | null =>
  offered.find((o) => o.id === picked)?.id ?? offered[0]?.id ?? null;

/**
 * The scope a page works on, which the user may pick: it follows the offered scopes, keeping the
 * pick while it is still offered, else the first.
 */
export const offeredOrFirstPick = (offered: () => readonly { id: string }[]) =>
  linkedSignal<readonly { id: string }[], string | null>({
    source: offered,
    computation: (all, previous) => offeredOrFirst(previous?.value ?? null, all),
  });

/** Scopes (communities…) as choices. */
export const scopeChoices = (scopes: readonly { id: string; name: string }[]): Choice[] =>
  scopes.map((s) => ({ value: s.id, label: s.name }));
