import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { stable } from '../testing/page-testing';
import { FormRow } from './form-row';

@Component({
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, FormRow],
  template: `<form nz-form nzLayout="vertical" [formGroup]="form">
    <app-form-row label="Name" for="name" required error="Give a name" extra="As on your ID">
      <input nz-input id="name" formControlName="name" />
    </app-form-row>
    <app-form-row label="Phone" for="phone">
      <input nz-input id="phone" formControlName="phone" />
    </app-form-row>
  </form>`,
})
class Host {
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: Validators.required }),
    phone: new FormControl('', { nonNullable: true }),
  });
}

describe('FormRow', () => {
  it('labels its control, marks it required, and shows the error while the control is invalid', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const labels = root.querySelectorAll('label');
    expect(labels[0].getAttribute('for')).toBe('name');
    expect(labels[0].textContent).toContain('Name');
    expect(labels[0].classList).toContain('ant-form-item-required');
    expect(labels[1].classList).not.toContain('ant-form-item-required');
    expect(root.textContent).toContain('As on your ID');
    expect(root.textContent).not.toContain('Give a name');

    const name = fixture.componentInstance.form.controls.name;
    name.markAsDirty();
    name.updateValueAndValidity();
    await stable(fixture);
    expect(root.textContent).toContain('Give a name');
    expect(root.querySelector('.ant-form-item-has-error')).not.toBeNull();

    name.setValue('王芳');
    await stable(fixture);
    expect(root.textContent).not.toContain('Give a name');
  });
});
