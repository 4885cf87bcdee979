import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  Directive,
  inject,
  InjectionToken,
  input,
  type ComponentRef,
  type OnChanges,
  type OnInit,
  type Type,
  ViewContainerRef,
} from '@angular/core';
import { type AbstractControl, ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

export interface FieldOption {
  value: unknown;
  label: string;
}

export interface FieldOptionGroup {
  label: string;
  options: readonly FieldOption[];
}

interface FieldBase {
  /** The control's name in the form's group. */
  name: string;
  /** The control's id, which the label names. */
  id: string;
  label: I18nKey;
  /** Marks the label required. */
  required?: boolean;
  /**
   * What is wrong, by validator key: the first key the control's errors hold wins; else `error`. A
   * refusal from the server (`ServerErrors`) comes before both.
   */
  errors?: Readonly<Record<string, I18nKey>>;
  error?: I18nKey;
  /** The error in words when it takes more than a key (the page's own rules). */
  errorText?: () => string;
  /** Help under the control. */
  extra?: I18nKey;
  testId?: string;
  /** Whether the row shows; always without. */
  shown?: () => boolean;
}

/** A one-line input, with an icon before it if `icon`. */
export interface InputField extends FieldBase {
  kind?: 'input';
  type?: 'email' | 'password' | 'tel';
  autocomplete?: string;
  maxlength?: number;
  icon?: string;
  /** Typed in a fixed-width font (codes). */
  code?: boolean;
}

export interface TextareaField extends FieldBase {
  kind: 'textarea';
  rows: number;
}

/** One choice (or several, `multiple`) of options, or of options in groups. */
export interface SelectField extends FieldBase {
  kind: 'select';
  options?: () => readonly FieldOption[];
  groups?: () => readonly FieldOptionGroup[];
  multiple?: boolean;
  placeholder?: I18nKey;
}

/** Several nodes of a tree (the categories). */
export interface TreeField extends FieldBase {
  kind: 'tree';
  nodes: () => NzTreeNodeOptions[];
  search?: boolean;
  placeholder?: I18nKey;
}

export interface SwitchField extends FieldBase {
  kind: 'switch';
}

export type Field = InputField | TextareaField | SelectField | TreeField | SwitchField;

/**
 * What draws each choice kind (select, tree, switch): a page with such fields provides them
 * (`provideChoiceFields()`, form-choices.ts), so that a page loads only the NG-ZORRO controls it
 * shows.
 */
export const CHOICE_FIELDS = new InjectionToken<Partial<Record<ChoiceKind, Type<unknown>>>>('CHOICE_FIELDS');

export type ChoiceKind = 'select' | 'tree' | 'switch';

/**
 * Draws a choice field where it stands, with what the page provides for its kind (not NgComponentOutlet, which
 * would add to the first load's code).
 */
@Directive({ selector: '[appChoiceOutlet]' })
export class ChoiceOutlet implements OnChanges {
  readonly field = input.required<Field>({ alias: 'appChoiceOutlet' });
  private readonly place = inject(ViewContainerRef);
  private readonly choices = inject(CHOICE_FIELDS);
  private drawn?: ComponentRef<unknown>;

  ngOnChanges(): void {
    const kind = this.field().kind as ChoiceKind;
    const choice = this.choices[kind];
    if (!choice) throw new Error(`app-form-fields: no control provided for ${kind} fields`);
    this.drawn ??= this.place.createComponent(choice);
    this.drawn.setInput('field', this.field());
  }
}

/** The attributes of a one-line input, from its field. */
@Directive({
  selector: 'input[appFieldInput]',
  host: {
    '[id]': 'field().id',
    '[attr.type]': 'field().type ?? null',
    '[attr.autocomplete]': 'field().autocomplete ?? null',
    '[attr.maxlength]': 'field().maxlength ?? null',
    '[class.code]': '!!field().code',
    '[attr.data-testid]': 'field().testId ?? null',
  },
})
export class FieldInput {
  readonly field = input.required<InputField>({ alias: 'appFieldInput' });
}

/**
 * The rows of a form declared as a list of fields: each row's label, control and what is wrong with
 * it (NG-ZORRO's form item). It stands inside the page's `<form [formGroup]>` and binds its controls
 * by name in that group.
 */
@Component({
  selector: 'app-form-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ChoiceOutlet, FieldInput, NzFormModule, NzIconModule, NzInputModule],
  // The controls bind to the page's form group.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
  templateUrl: './form-fields.html',
  styles: `
    /* The rows lay out as the form's own items (a page's grid places them). */
    :host {
      display: contents;
    }
    .code {
      font-family: monospace;
      letter-spacing: 1px;
    }
  `,
})
export class FormFields implements OnInit {
  protected readonly t = inject(I18n).t;
  readonly fields = input.required<readonly Field[]>();
  private readonly container = inject(ControlContainer);
  private readonly changes = inject(ChangeDetectorRef);
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    // The error texts follow the controls, which the page validates (on submit, on a refusal).
    const sub = this.container.control?.events.subscribe(() => this.changes.markForCheck());
    this.destroyRef.onDestroy(() => sub?.unsubscribe());
  }

  protected errorText(field: Field): string | undefined {
    const errors = this.control(field)?.errors ?? {};
    const server: unknown = errors['server'];
    if (typeof server === 'string') return server;
    if (field.errorText) return field.errorText();
    const key = Object.keys(field.errors ?? {}).find((k) => k in errors);
    const text = key ? field.errors?.[key] : field.error;
    return text ? this.t(text) : undefined;
  }

  /** The row's control, handed to nz-form-control: a choice's control is in its own view. */
  protected control(field: Field): AbstractControl | null | undefined {
    return this.container.control?.get(field.name);
  }
}
