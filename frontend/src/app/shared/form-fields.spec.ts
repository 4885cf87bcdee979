import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { configurePage, dom, pick, stable } from '../testing/page-testing';
import { type Field, FormFields } from './form-fields';

@Component({
  imports: [ReactiveFormsModule, NzFormModule, FormFields],
  template: `<form nz-form nzLayout="vertical" [formGroup]="form">
    <app-form-fields [form]="form" [fields]="fields" />
  </form>`,
})
class Host {
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: Validators.required }),
    amount: new FormControl('', { nonNullable: true }),
    size: new FormControl<number | null>(3),
    kind: new FormControl<string | null>(null),
    note: new FormControl('', { nonNullable: true }),
  });
  readonly showNote = signal(false);
  readonly fields: Field[] = [
    {
      name: 'name',
      id: 'f-name',
      label: () => 'Name',
      required: true,
      rule: () => 'Give a name',
      help: () => 'As on your ID',
      testId: 'name',
    },
    { name: 'amount', id: 'f-amount', label: () => 'Amount', kind: 'money', testId: 'amount' },
    {
      name: 'size',
      id: 'f-size',
      label: () => 'Size',
      labelSuffix: ' %',
      kind: 'number',
      min: 1,
      max: 15,
      testId: 'size',
    },
    {
      name: 'kind',
      id: 'f-kind',
      label: () => 'Kind',
      kind: 'select',
      options: () => [
        { value: 'a', label: 'Alpha' },
        { value: 'b', label: 'Beta' },
      ],
      testId: 'kind',
    },
    {
      name: 'note',
      id: 'f-note',
      label: () => 'Note',
      kind: 'textarea',
      testId: 'note',
      when: () => this.showNote(),
    },
  ];
}

describe('FormFields', () => {
  it('draws a labelled row per field, bound to its control, with its rule while invalid', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const page = dom(root);
    const host = fixture.componentInstance;

    const labels = [...root.querySelectorAll('label')];
    expect(labels.map((l) => [l.getAttribute('for'), l.textContent?.trim()])).toEqual([
      ['f-name', 'Name'],
      ['f-amount', 'Amount'],
      ['f-size', 'Size %'],
      ['f-kind', 'Kind'],
    ]);
    expect(labels[0].classList).toContain('ant-form-item-required');
    expect(labels[1].classList).not.toContain('ant-form-item-required');
    expect(root.textContent).toContain('As on your ID');
    expect(root.querySelector('#f-amount')?.closest('nz-input-wrapper')?.textContent).toContain('¥');
    expect(page.el<HTMLInputElement>('size')?.type).toBe('number');
    expect(page.el<HTMLInputElement>('size')?.max).toBe('15');
    expect(page.el('note')).toBeNull();

    page.type('name', '王芳');
    page.type('size', '7');
    pick(fixture, 'kind', 'b');
    await stable(fixture);
    expect(host.form.getRawValue()).toEqual({ name: '王芳', amount: '', size: 7, kind: 'b', note: '' });

    host.form.controls.name.setValue('');
    host.form.controls.name.markAsDirty();
    await stable(fixture);
    expect(root.textContent).toContain('Give a name');
    expect(root.querySelector('.ant-form-item-has-error')).not.toBeNull();

    host.showNote.set(true);
    await stable(fixture);
    page.type('note', '楼道灯');
    expect(host.form.controls.note.value).toBe('楼道灯');
  });
});

@Component({
  imports: [ReactiveFormsModule, NzFormModule, FormFields],
  template: `<form nz-form nzLayout="vertical" [formGroup]="form">
    <app-form-fields [form]="form" [fields]="fields" />
  </form>`,
})
class SignInHost {
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true }),
    code: new FormControl('', { nonNullable: true }),
    open: new FormControl(false, { nonNullable: true }),
  });
  readonly codeError = signal('Eighteen characters');
  readonly fields: Field[] = [
    {
      name: 'email',
      id: 'f-email',
      label: () => 'Email',
      kind: 'email',
      errors: { required: () => 'Required' },
      rule: () => 'Not an email',
      autocomplete: 'username',
      icon: 'mail',
      testId: 'email',
    },
    { name: 'password', id: 'f-password', label: () => 'Password', kind: 'password', testId: 'password' },
    {
      name: 'code',
      id: 'f-code',
      label: () => 'Code',
      errorText: () => this.codeError(),
      maxlength: 18,
      code: true,
      testId: 'code',
    },
    { name: 'open', id: 'f-open', label: () => 'Open', kind: 'switch', testId: 'open' },
  ];
}

describe('FormFields: inputs, errors by validator, switch', () => {
  beforeEach(() => configurePage());

  it('draws the inputs with their attributes and says what is wrong: the server first, then by validator key', async () => {
    const fixture = TestBed.createComponent(SignInHost);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const page = dom(root);
    const host = fixture.componentInstance;

    const email = page.el<HTMLInputElement>('email')!;
    expect([email.type, email.id, email.getAttribute('autocomplete')]).toEqual([
      'email',
      'f-email',
      'username',
    ]);
    expect(email.closest('nz-input-wrapper')?.querySelector('nz-icon')).not.toBeNull();
    expect(page.el<HTMLInputElement>('password')?.type).toBe('password');
    expect(page.el('code')?.getAttribute('maxlength')).toBe('18');
    expect(page.el('code')?.classList).toContain('code');

    const errorOf = (id: string) =>
      root
        .querySelector(`#${id}`)
        ?.closest('nz-form-item')
        ?.querySelector('.ant-form-item-explain')
        ?.textContent?.trim();
    host.form.controls.email.markAsDirty();
    host.form.controls.email.updateValueAndValidity();
    await stable(fixture);
    expect(errorOf('f-email')).toBe('Required');
    page.type('email', 'wang');
    await stable(fixture);
    expect(errorOf('f-email')).toBe('Not an email');
    host.form.controls.email.setErrors({ server: 'Taken' });
    await stable(fixture);
    expect(errorOf('f-email')).toBe('Taken');

    host.form.controls.code.markAsDirty();
    host.form.controls.code.setErrors({ pattern: true });
    await stable(fixture);
    expect(errorOf('f-code')).toBe('Eighteen characters');

    const toggle = root.querySelector<HTMLElement>('[data-testid="open"] button, button[data-testid="open"]');
    expect(toggle).not.toBeNull();
    toggle!.click();
    await stable(fixture);
    expect(host.form.controls.open.value).toBe(true);
  });
});

@Component({
  imports: [ReactiveFormsModule, NzFormModule, FormFields],
  template: `<form nz-form nzLayout="vertical" [formGroup]="form">
    <app-form-fields [form]="form" [fields]="fields" />
  </form>`,
})
class DateTimeHost {
  readonly form = new FormGroup({ closes: new FormControl('2099-12-10T20:00:00', { nonNullable: true }) });
  readonly fields: Field[] = [
    { name: 'closes', id: 'f-closes', label: () => 'Closes', kind: 'datetime', testId: 'closes' },
  ];
}

describe('FormFields: a date and time', () => {
  beforeEach(() => configurePage());

  it("is NG-ZORRO's picker, written the same in every browser, labelled, and gives the form local text", async () => {
    const fixture = TestBed.createComponent(DateTimeHost);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    // Not the browser's own datetime-local input, which shows the phone's format (mm/dd/yyyy, AM/PM).
    expect(root.querySelector('input[type="datetime-local"]')).toBeNull();
    const input = root.querySelector<HTMLInputElement>('[data-testid="closes"] input#f-closes');
    expect(input?.value).toBe('2099-12-10 20:00:00');
    expect(root.querySelector('label[for="f-closes"]')?.textContent?.trim()).toBe('Closes');

    pick(fixture, 'closes', '2099-12-11T08:30:00');
    await stable(fixture);
    expect(fixture.componentInstance.form.getRawValue()).toEqual({ closes: '2099-12-11T08:30:00' });
    fixture.componentInstance.form.controls.closes.setValue('2099-12-12T09:15:30');
    await stable(fixture);
    expect(input?.value).toBe('2099-12-12 09:15:30');
  });
});
