import { FormBuilder } from '@angular/forms';
import { localDateTime, parseLocal } from '../shared/dates';
import { serviceRecord } from '../testing/delivery';
import { fromRecord, periodProblem, recordForm, sameDay, toLogBody } from './record-form';

const NOW = new Date(2026, 10, 25, 12, 0, 0); // 25 Nov 2026, 12:00 local time
const local = (h: number, m = 0, day = 25) => localDateTime(new Date(2026, 10, day, h, m, 0));

describe('record form', () => {
  const form = () => recordForm(new FormBuilder().nonNullable, () => NOW);

  it('finds what the server would refuse in a period', () => {
    const d = (h: number) => new Date(2026, 10, 25, h);
    expect(periodProblem(d(9), d(10), NOW)).toBeNull();
    expect(periodProblem(d(11), d(13), NOW)).toBe('future');
    expect(periodProblem(d(13), d(14), NOW)).toBe('future');
    expect(periodProblem(d(10), d(9), NOW)).toBe('endBeforeStart');
    expect(periodProblem(d(10), d(10), NOW)).toBe('endBeforeStart');
    expect(periodProblem(new Date(2026, 10, 24, 8), d(9), NOW)).toBe('tooLong');
    expect(periodProblem(new Date(2026, 10, 24, 9), d(9), NOW)).toBeNull();
    expect(periodProblem(null, d(9), NOW)).toBeNull();
  });

  it('requires activity, community and both times', () => {
    const f = form();
    expect(f.valid).toBe(false);
    f.patchValue({ communityId: 'c1', startedAt: local(9), endedAt: local(10) });
    expect(f.valid).toBe(true);
    f.patchValue({ activityType: null });
    expect(f.controls.activityType.hasError('required')).toBe(true);
  });

  it('refuses an end in the future', () => {
    const f = form();
    f.patchValue({ communityId: 'c1', startedAt: local(11), endedAt: local(12, 30) });
    expect(f.controls.endedAt.errors).toEqual({ period: 'future' });
  });

  it('refuses an end before the start, and checks again when the start changes', () => {
    const f = form();
    f.patchValue({ communityId: 'c1', startedAt: local(9), endedAt: local(10) });
    expect(f.valid).toBe(true);
    f.controls.startedAt.setValue(local(10, 30));
    expect(f.controls.endedAt.errors).toEqual({ period: 'endBeforeStart' });
    f.controls.startedAt.setValue(local(9, 30));
    expect(f.controls.endedAt.errors).toBeNull();
  });

  it('refuses more than 24 hours', () => {
    const f = form();
    f.patchValue({ communityId: 'c1', startedAt: local(8, 0, 24), endedAt: local(9) });
    expect(f.controls.endedAt.errors).toEqual({ period: 'tooLong' });
  });

  it('refuses a negative anonymous count', () => {
    const f = form();
    f.patchValue({ anonymousCount: -1 });
    expect(f.controls.anonymousCount.hasError('min')).toBe(true);
  });

  it('refuses an anonymous count that is not a whole number', () => {
    const f = form();
    f.patchValue({ anonymousCount: 1.5 });
    expect(f.controls.anonymousCount.hasError('pattern')).toBe(true);
    f.patchValue({ anonymousCount: 2 });
    expect(f.controls.anonymousCount.valid).toBe(true);
  });

  it('turns the form into the API body, leaving out empty texts', () => {
    const f = form();
    f.patchValue({
      communityId: 'c1',
      beneficiaryUserIds: ['u9'],
      anonymousCount: 2,
      startedAt: local(9),
      endedAt: local(10, 15),
      location: '  春晖社区3栋 ',
      notes: '   ',
    });
    expect(toLogBody(f.getRawValue())).toEqual({
      activityType: 'home_visit',
      communityId: 'c1',
      beneficiaryUserIds: ['u9'],
      anonymousCount: 2,
      startedAt: new Date(2026, 10, 25, 9).toISOString(),
      endedAt: new Date(2026, 10, 25, 10, 15).toISOString(),
      location: '春晖社区3栋',
    });
  });

  it('fills the form from a record, to correct it', () => {
    const record = serviceRecord({ anonymousCount: 3 });
    const value = fromRecord(record);
    expect(value).toMatchObject({ communityId: 'c1', beneficiaryUserIds: ['u9'], anonymousCount: 3 });
    expect(parseLocal(value.startedAt)?.toISOString()).toBe(record.startedAt);
    expect(parseLocal(value.endedAt)?.toISOString()).toBe(record.endedAt);
  });

  it('tells whether an instant is on the same local day', () => {
    expect(sameDay(new Date(2026, 10, 25, 0, 0, 1).toISOString(), NOW)).toBe(true);
    expect(sameDay(new Date(2026, 10, 24, 23, 59).toISOString(), NOW)).toBe(false);
  });
});
