import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { organizationsRegister } from '../../api/fn/organizations/organizations-register';
import type {
  DocumentDto,
  OrganizationDto,
  OrganizationType,
  RegisterOrganizationDto,
} from '../../api/models';
import { action } from '../../shared/run-action';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { injectIsMobile } from '../../layout/viewport';
import { Labels } from '../../shared/labels';
import { ReferenceData } from '../../shared/reference-data';
import { AdminScopes } from '../admin-scope';
import { creditCodeValidator } from '../credit-code';
import { DocumentList } from '../documents/document-list';
import { DocumentUpload } from '../documents/document-upload';
import { ORG_VALIDATORS, injectOrganizationFields } from '../org-fields';
import { type Field, FormFields } from '../../shared/form-fields';
import { ServerErrors, touchAll } from '../../shared/server-errors';
import { Names } from '../../shared/names';
import { FormSubmit } from '../../shared/form-submit';

/** The wizard's steps; the organization is created when leaving `contact`, then documents follow. */
export const STEPS = ['basic', 'scope', 'contact', 'documents', 'done'] as const;
export type Step = (typeof STEPS)[number];

/** Which step holds each field the server may name in `details.field`. */
const FIELD_STEP: Record<string, Step> = {
  name: 'basic',
  type: 'basic',
  description: 'basic',
  filedOnly: 'basic',
  creditCode: 'basic',
  homeStreetId: 'scope',
  categoryCodes: 'scope',
  communityIds: 'scope',
  legalRepresentative: 'contact',
  contactPhone: 'contact',
};

@Component({
  selector: 'app-register-organization',
  imports: [
    FormFields,
    ReactiveFormsModule,
    RouterLink,
    NzStepsModule,
    NzCardModule,
    NzFormModule,
    NzButtonModule,
    NzAlertModule,
    NzResultModule,
    NzDescriptionsModule,
    NzTagModule,
    DocumentUpload,
    DocumentList,
    FormSubmit,
  ],
  templateUrl: './register-organization.html',
  styleUrl: './register-organization.css',
})
export class RegisterOrganization {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly scopes = inject(AdminScopes);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly names = inject(Names);
  protected readonly t = inject(I18n).t;
  protected readonly isMobile = injectIsMobile();

  protected readonly steps = STEPS;
  protected readonly step = signal<Step>('basic');
  protected readonly stepIndex = computed(() => STEPS.indexOf(this.step()));

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly basic = this.fb.group({
    name: ['', ORG_VALIDATORS.name],
    type: this.fb.control<OrganizationType | null>(null, Validators.required),
    description: ['', ORG_VALIDATORS.description],
    filedOnly: [false],
    creditCode: ['', [Validators.required, creditCodeValidator]],
  });
  protected readonly scope = this.fb.group({
    homeStreetId: this.fb.control<string | null>(null, Validators.required),
    categoryCodes: this.fb.control<string[]>([], Validators.required),
    communityIds: this.fb.control<string[]>([]),
  });
  protected readonly contact = this.fb.group({
    legalRepresentative: ['', ORG_VALIDATORS.legalRepresentative],
    contactPhone: ['', ORG_VALIDATORS.contactPhone],
  });

  protected readonly filedOnly = toSignal(this.basic.controls.filedOnly.valueChanges, {
    initialValue: false,
  });
  private readonly org = injectOrganizationFields('org');
  protected readonly basicFields: readonly Field[] = [
    this.org.name,
    this.org.type,
    this.org.description,
    {
      kind: 'switch',
      name: 'filedOnly',
      id: 'org-filed-only',
      label: 'org.filedOnly',
      help: 'org.filedOnlyHelp',
      testId: 'org-filed-only',
    },
    {
      name: 'creditCode',
      id: 'org-credit-code',
      label: 'org.creditCode',
      required: true,
      errorText: () => this.creditCodeError(),
      help: 'org.creditCodeHelp',
      maxlength: 18,
      autocomplete: 'off',
      code: true,
      testId: 'org-credit-code',
      when: () => !this.filedOnly(),
    },
  ];
  protected readonly scopeFields: readonly Field[] = [
    {
      kind: 'select',
      name: 'homeStreetId',
      id: 'org-street',
      label: 'org.homeStreet',
      required: true,
      rule: 'form.required',
      options: () => this.ref.streets().map((street) => ({ value: street.id, label: street.name })),
      placeholder: 'form.choose',
      testId: 'org-street',
    },
    this.org.categoryCodes,
    this.org.communityIds,
  ];
  protected readonly contactFields: readonly Field[] = [this.org.legalRepresentative, this.org.contactPhone];
  /** The form of each step that fills the organization in. */
  protected readonly forms: Partial<Record<Step, { group: FormGroup; fields: readonly Field[] }>> = {
    basic: { group: this.basic, fields: this.basicFields },
    scope: { group: this.scope, fields: this.scopeFields },
    contact: { group: this.contact, fields: this.contactFields },
  };
  /** Registering; its error is the refusal (or the reference data that did not load). */
  protected readonly submitting = action();
  protected readonly organization = signal<OrganizationDto | null>(null);
  protected readonly documents = signal<DocumentDto[]>([]);

  private readonly serverErrors = new ServerErrors(this.t);

  constructor() {
    for (const group of [this.basic, this.scope, this.contact]) this.serverErrors.watch(group.controls);
    this.ref.load().catch(() => this.submitting.error.set(this.t('errors.reference')));
    // A filed-only (备案) group has no credit code: the field goes away with its checks.
    this.basic.controls.filedOnly.valueChanges.subscribe((filedOnly) => {
      const code = this.basic.controls.creditCode;
      if (filedOnly) {
        code.reset('');
        code.disable();
      } else {
        code.enable();
      }
    });
  }

  /** The credit code's error in words: required, one of the three problems, or the server's message. */
  protected stepTitle(step: Step): string {
    return this.t(`orgRegister.step.${step}`);
  }

  protected creditCodeError(): string {
    const errors = this.basic.controls.creditCode.errors ?? {};
    if (errors['server']) return String(errors['server']);
    if (errors['required']) return this.t('form.required');
    switch (errors['creditCode']) {
      case 'length':
        return this.t('creditCode.length');
      case 'character':
        return this.t('creditCode.character');
      default:
        return this.t('creditCode.check');
    }
  }

  protected next(): void {
    const step = this.step();
    if (step === 'basic' && touchAll(this.basic)) this.step.set('scope');
    else if (step === 'scope' && touchAll(this.scope)) this.step.set('contact');
    else if (step === 'contact' && touchAll(this.contact)) void this.submit();
  }

  protected back(): void {
    const step = this.step();
    if (step === 'scope') this.step.set('basic');
    else if (step === 'contact') this.step.set('scope');
  }

  protected finish(): void {
    this.step.set('done');
  }

  protected body(): RegisterOrganizationDto {
    const basic = this.basic.getRawValue();
    const scope = this.scope.getRawValue();
    const contact = this.contact.getRawValue();
    return {
      name: basic.name.trim(),
      type: basic.type as OrganizationType,
      ...(basic.description.trim() ? { description: basic.description.trim() } : {}),
      filedOnly: basic.filedOnly,
      ...(basic.filedOnly ? {} : { creditCode: basic.creditCode.trim() }),
      homeStreetId: scope.homeStreetId as string,
      categoryCodes: scope.categoryCodes,
      communityIds: scope.communityIds,
      legalRepresentative: contact.legalRepresentative.trim(),
      contactPhone: contact.contactPhone.trim(),
    };
  }

  private async submit(): Promise<void> {
    await this.submitting.run(
      async () => {
        const org = await this.api.invoke(organizationsRegister, { body: this.body() });
        this.organization.set(org);
        this.step.set('documents');
        // The new org_admin membership: refresh the cached user so the menu and guards know it.
        await this.auth.reloadMe().catch(() => undefined);
        this.scopes.selectedId.set(org.id);
      },
      {
        // Back to the step of the field the server refused.
        onError: (err) => {
          const field = this.serverErrors.apply(err, {
            ...this.basic.controls,
            ...this.scope.controls,
            ...this.contact.controls,
          });
          const step = field ? FIELD_STEP[field] : undefined;
          if (step) this.step.set(step);
        },
      },
    );
  }

  protected addDocument(doc: DocumentDto): void {
    this.documents.update((docs) => [...docs, doc]);
  }
}
