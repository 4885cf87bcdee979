import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { configurePage, stable } from '../testing/page-testing';
import { type DateField, DateFields } from './date-fields';
import { provideDatePickers } from './date-pickers';

@Component({
  imports: [DateFields],
  template: `<app-date-fields [form]="form" [fields]="fields" />`,
})
class Host {
  readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    until: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  readonly fields: DateField[] = [
    { name: 'from', id: 'd-from', label: () => 'From', required: true, rule: () => 'Required' },
    {
      name: 'until',
      id: 'd-until',
      label: () => 'Until',
      required: true,
      errorText: () => (this.form.controls.until.errors?.['order'] ? 'Before the start' : 'Required'),
    },
  ];
}

describe('DateFields', () => {
  beforeEach(() => {
    configurePage();
    TestBed.configureTestingModule({ providers: [provideDatePickers()] });
  });

  it("says what is wrong as a form's fields do: the server first, then the field's own text, else its rule", async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const host = fixture.componentInstance;
    const errorOf = (id: string) =>
      root
        .querySelector(`#${id}`)
        ?.closest('nz-form-item')
        ?.querySelector('.ant-form-item-explain')
        ?.textContent?.trim();
    const { from, until } = host.form.controls;
    for (const c of [from, until]) {
      c.markAsDirty();
      c.updateValueAndValidity();
    }
    await stable(fixture);
    expect(errorOf('d-from')).toBe('Required');
    expect(errorOf('d-until')).toBe('Required');

    until.setErrors({ order: true });
    from.setErrors({ server: 'Not before the project began' });
    await stable(fixture);
    expect(errorOf('d-until')).toBe('Before the start');
    expect(errorOf('d-from')).toBe('Not before the project began');

    until.setErrors({ order: true, server: 'Too long a service' });
    await stable(fixture);
    expect(errorOf('d-until')).toBe('Too long a service');
  });
});
