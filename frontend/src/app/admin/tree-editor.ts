import { NgTemplateOutlet } from '@angular/common';
import {
  Component,
  Directive,
  ElementRef,
  Renderer2,
  type Signal,
  TemplateRef,
  computed,
  contentChild,
  effect,
  inject,
  input,
  model,
  signal,
} from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { FormsModule } from '@angular/forms';
import { Api } from '../api/api';
import { I18n } from '../i18n/i18n.service';
import { EditCard } from '../shared/edit-card';
import { ErrorAlert } from '../shared/error-alert';
import { ReferenceData } from '../shared/reference-data';
import { adminAction } from './admin-errors';
import type { Action } from '../shared/run-action';
import { RetireAction, Retirement } from './retire-action';

/** A link on a live row of a tree: add under it, rename, move… */
export interface TreeAction {
  testId: string;
  icon: string;
  label: string;
  run: () => void;
}

/** What a tree asks its page about a row. */
export interface TreeRows<N> {
  /** The row's identity: its track key and what "retire" asks about. */
  key: (node: N) => string;
  retired: (node: N) => boolean;
  /** The row's `data-*` attributes, by which tests and journeys find it. */
  data: (node: N) => Record<string, string>;
  /** The links of a live row, before "retire". */
  actions: (node: N) => TreeAction[];
  retireQuestion: (node: N) => string;
  retire: (node: N) => void;
}

/** Sets an element's attributes from a map (attributes whose names vary by page). */
@Directive({ selector: '[appAttributes]' })
export class Attributes {
  readonly appAttributes = input.required<Record<string, string>>();
  constructor() {
    const element = inject(ElementRef).nativeElement as HTMLElement;
    const renderer = inject(Renderer2);
    effect(() => {
      for (const [name, value] of Object.entries(this.appAttributes()))
        renderer.setAttribute(element, name, value);
    });
  }
}

/** The "show retired" switch of an administration tree's toolbar; `name` is its id and test id. */
@Component({
  selector: 'app-show-retired',
  imports: [FormsModule, NzSwitchModule],
  template: `
    <nz-switch nzSize="small" [nzId]="name()" [(ngModel)]="on" [attr.data-testid]="name()" />
    <label [for]="name()">{{ t('admin.showRetired') }}</label>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
  `,
})
export class ShowRetired {
  protected readonly t = inject(I18n).t;
  readonly name = input.required<string>();
  readonly on = model(false);
}

/** What a tree editor shows of its page's state and asks it to do (`TreeEditorPage` has it all). */
export interface TreeEditing<N> {
  readonly loading: Signal<boolean>;
  readonly error: Signal<string | null>;
  /** The open form's title and mode, null when none is open. */
  readonly formHead: Signal<{ title: string; mode: string } | null>;
  /** Saving the open form: busy meanwhile, what it was refused with in its error. */
  readonly saving: Action;
  readonly retirement: Retirement;
  readonly rows: TreeRows<N>;
  submit(): void;
  cancel(): void;
}

/**
 * The body of an administration tree page (regions, catalog): the refusal of the last call, the
 * form open above the tree (in a card `<testId>-form` drawing the page's `#formBody` template), and
 * the tree: nested lists of rows, each `<li [data-testid]="nodeTestId">` with a `.row` holding what
 * the page's `#row` template draws (name, tags) and, on a live row, its links and "retire"
 * (`<testId>-retire…`); retired rows are greyed. What else the page projects opens the tree's card.
 */
@Component({
  selector: 'app-tree-editor',
  imports: [
    Attributes,
    EditCard,
    ErrorAlert,
    NgTemplateOutlet,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    RetireAction,
  ],
  template: `
    <app-error-alert [message]="editor().error()" [testId]="testId() + '-error'" />
    @if (editor().formHead(); as head) {
      <app-edit-card
        [testId]="testId() + '-form'"
        [title]="head.title"
        [mode]="head.mode"
        [submitLabel]="t('admin.save')"
        [action]="editor().saving"
        (submitted)="editor().submit()"
        (cancelled)="editor().cancel()"
      >
        <ng-container *ngTemplateOutlet="formBody()" />
      </app-edit-card>
    }
    <nz-card [nzLoading]="editor().loading()">
      <ng-content />
      <ng-container *ngTemplateOutlet="branch; context: { $implicit: nodes() }" />
    </nz-card>

    <ng-template #branch let-nodes>
      <ul class="tree">
        @for (node of nodes; track rows().key(node)) {
          <li
            [attr.data-testid]="nodeTestId()"
            [appAttributes]="rows().data(node)"
            [class.retired]="rows().retired(node)"
          >
            <div class="row">
              <ng-container *ngTemplateOutlet="row(); context: { $implicit: node }" />
              @if (!rows().retired(node)) {
                <span class="row-actions">
                  @for (action of rows().actions(node); track action.testId) {
                    <button
                      nz-button
                      nzType="link"
                      nzSize="small"
                      type="button"
                      (click)="action.run()"
                      [attr.data-testid]="action.testId"
                    >
                      <nz-icon [nzType]="action.icon" />{{ action.label }}
                    </button>
                  }
                  <app-retire-action
                    [testId]="testId()"
                    [question]="rows().retireQuestion(node)"
                    [retirement]="retirement()"
                    [key]="rows().key(node)"
                    (confirmed)="rows().retire(node)"
                  />
                </span>
              }
            </div>
            @if (node.children.length) {
              <ng-container *ngTemplateOutlet="branch; context: { $implicit: node.children }" />
            }
          </li>
        }
      </ul>
    </ng-template>
  `,
  styleUrl: './admin-tree.css',
})
export class TreeEditor<N extends { children: N[] }> {
  protected readonly t = inject(I18n).t;
  readonly editor = input.required<TreeEditing<N>>();
  readonly nodes = input.required<readonly N[]>();
  /** The prefix of the test ids: `<testId>-error`, `-form…`, `-retire…`. */
  readonly testId = input.required<string>();
  readonly nodeTestId = input.required<string>();
  /** How the page draws the form's fields: `<ng-template #formBody>`. */
  protected readonly formBody = contentChild.required('formBody', { read: TemplateRef });
  /** How the page draws a row: `<ng-template #row let-node>`. */
  protected readonly row = contentChild.required('row', { read: TemplateRef });
  protected readonly rows = computed(() => this.editor().rows);
  protected readonly retirement = computed(() => this.editor().retirement);
}

/**
 * What the administration tree pages share: their entries (read by `fetch`, again after each
 * change, which also refreshes the reference data), the form open above the tree, and retiring a
 * row after a confirmation. The API's refusals are said in `adminFailure`'s words. The page passes
 * itself to its `app-tree-editor` (`[editor]="this"`).
 */
export abstract class TreeEditorPage<Entry, Form extends { mode: string }, N> implements TreeEditing<N> {
  protected readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceData);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly entries = signal<Entry[]>([]);
  /** Reads the entries; a refused retirement shows in its error too, above the tree. */
  private readonly reading = adminAction();
  readonly loading = this.reading.busy;
  readonly error = this.reading.error;
  protected readonly form = signal<Form | null>(null);
  readonly formHead = computed(() => {
    const form = this.form();
    return form ? { title: this.formTitle(form), mode: form.mode } : null;
  });
  readonly saving = adminAction();
  readonly retirement = new Retirement();
  abstract readonly rows: TreeRows<N>;

  constructor(private readonly fetch: (api: Api) => Promise<Entry[]>) {
    void this.load();
  }

  protected abstract formTitle(form: Form): string;
  abstract submit(): Promise<void>;

  protected async load(): Promise<void> {
    await this.reading.run(async () => this.entries.set(await this.fetch(this.api)));
  }

  /** Opens the form above the tree (a pending "retire?" is dropped). */
  protected openForm(form: Form): void {
    this.form.set(form);
    this.saving.error.set(null);
    this.retirement.asking.set(null);
  }

  cancel(): void {
    this.form.set(null);
  }

  /** Saves the open form with `write`; then says `done`, closes the form and reads the tree again. */
  protected async save(write: () => Promise<unknown>, done: () => string): Promise<void> {
    if (!(await this.saving.run(write))) return;
    this.message.success(done());
    this.form.set(null);
    await this.changed();
  }

  /** Retires the row `key` with `retire`, which answers what to say; a refusal shows above the tree. */
  protected async retireRow(key: string, retire: () => Promise<string>): Promise<void> {
    this.retirement.busy.set(key);
    try {
      this.message.success(await retire());
      this.retirement.asking.set(null);
      await this.changed();
    } catch (err) {
      this.retirement.asking.set(null);
      this.reading.fail(err);
    } finally {
      this.retirement.busy.set(null);
    }
  }

  private async changed(): Promise<void> {
    this.reference.invalidate();
    await this.load();
  }
}
