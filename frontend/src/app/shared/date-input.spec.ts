import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { NzDateAdapter } from 'ng-zorro-antd/core/time';
import { NzDatePickerComponent } from 'ng-zorro-antd/date-picker';
import { I18n } from '../i18n/i18n.service';
import { settle } from '../testing/fixtures';
import { DateInput } from './date-input';
import { localDateTime, parseLocal } from './dates';
import { provideDatePickers } from './date-pickers';

@Component({
  imports: [DateInput, ReactiveFormsModule],
  template: `
    <app-date-input inputId="day" [formControl]="day" />
    <app-date-input inputId="moment" time [formControl]="moment" />
  `,
})
class Host {
  readonly day = new FormControl('2026-11-25', { nonNullable: true });
  readonly moment = new FormControl('2026-11-25T09:05:07', { nonNullable: true });
}

describe('DateInput', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideDatePickers()] });
  });

  it('reads and writes the local texts the forms hold', () => {
    expect(parseLocal('2026-11-25')).toEqual(new Date(2026, 10, 25));
    expect(parseLocal('2026-11-25T09:05:07')).toEqual(new Date(2026, 10, 25, 9, 5, 7));
    expect(parseLocal('2026-11-25T09:05')).toEqual(new Date(2026, 10, 25, 9, 5, 0));
    expect(parseLocal('')).toBeNull();
    expect(parseLocal('11/25/2026')).toBeNull();
    expect(localDateTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02T03:04:05');
  });

  it('shows the value as yyyy-MM-dd (with the time when asked), labelled by its id, and hands back what is picked', async () => {
    const fixture = TestBed.createComponent(Host);
    await settle();
    await fixture.whenStable();
    const inputs = fixture.nativeElement.querySelectorAll('input') as NodeListOf<HTMLInputElement>;
    expect([...inputs].map((i) => [i.id, i.value])).toEqual([
      ['day', '2026-11-25'],
      ['moment', '2026-11-25 09:05:07'],
    ]);

    const [day, moment] = fixture.debugElement
      .queryAll(By.directive(NzDatePickerComponent))
      .map((d) => d.componentInstance as NzDatePickerComponent);
    // What the picker emits when a date is chosen in its panel (or typed and confirmed).
    day.onChangeFn(new Date(2027, 0, 31));
    moment.onChangeFn(new Date(2027, 0, 31, 18, 30, 0));
    expect(fixture.componentInstance.day.value).toBe('2027-01-31');
    expect(fixture.componentInstance.moment.value).toBe('2027-01-31T18:30:00');
    moment.onChangeFn(null);
    expect(fixture.componentInstance.moment.value).toBe('');
    expect(fixture.componentInstance.moment.touched).toBe(true);
  });

  it('keeps Enter, which confirms a typed date, from submitting the form around it', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const input = fixture.nativeElement.querySelector('input') as HTMLInputElement;
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
  });

  it("names months and weekdays in the user's language, following a switch", async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const adapter = TestBed.inject(NzDateAdapter);
    expect(adapter.getMonthNames('long')[0]).toBe('一月');
    TestBed.inject(I18n).setLang('en-US');
    await fixture.whenStable();
    expect(adapter.getMonthNames('long')[0]).toBe('January');
  });
});
