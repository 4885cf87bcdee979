import { inject } from '@angular/core';
import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import type { ActivityType, LogServiceDto, ServiceRecordDto } from '../api/models';
import { localDateTime, parseLocal } from '../shared/dates';
import { MAX_RECORD_MS } from './timer';

export const LOCATION_MAX = 200;
export const NOTES_MAX = 4000;
export const COMMENT_MAX = 1000;

export type PeriodError = 'future' | 'endBeforeStart' | 'tooLong';

/** What is wrong with a service period, as the server would refuse it; null when it is fine. */
export function periodProblem(startedAt: Date | null, endedAt: Date | null, now: Date): PeriodError | null {
  if (!startedAt || !endedAt) return null;
  if (endedAt.getTime() > now.getTime() || startedAt.getTime() > now.getTime()) return 'future';
  if (endedAt.getTime() <= startedAt.getTime()) return 'endBeforeStart';
  if (endedAt.getTime() - startedAt.getTime() > MAX_RECORD_MS) return 'tooLong';
  return null;
}

/**
 * On the end control: the period against its sibling `startedAt` — never in the future, ending after
 * it starts, at most 24 hours. `{ period: 'future' | 'endBeforeStart' | 'tooLong' }` when broken.
 */
export function periodValidator(now: () => Date = () => new Date()): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const start = control.parent?.get('startedAt')?.value as string | undefined;
    const problem = periodProblem(parseLocal(start), parseLocal(control.value as string), now());
    return problem ? { period: problem } : null;
  };
}

/**
 * The service record form (logging and correcting share it); times are local date-time texts (shared/dates.ts). Made
 * in an injection context unless given its builder.
 */
export function recordForm(
  fb: NonNullableFormBuilder = inject(NonNullableFormBuilder),
  now: () => Date = () => new Date(),
) {
  const form = fb.group({
    activityType: fb.control<ActivityType | null>('home_visit', Validators.required),
    communityId: fb.control<string | null>(null, Validators.required),
    beneficiaryUserIds: fb.control<string[]>([]),
    // A whole number: the count is typed in a plain number input.
    anonymousCount: fb.control<number>(0, [
      Validators.required,
      Validators.min(0),
      Validators.max(10000),
      Validators.pattern(/^\d+$/),
    ]),
    startedAt: ['', Validators.required],
    endedAt: ['', [Validators.required, periodValidator(now)]],
    location: ['', Validators.maxLength(LOCATION_MAX)],
    notes: ['', Validators.maxLength(NOTES_MAX)],
  });
  // The end's rule reads the start: check it again whenever the start changes.
  form.controls.startedAt.valueChanges.subscribe(() => form.controls.endedAt.updateValueAndValidity());
  return form;
}

export type RecordForm = ReturnType<typeof recordForm>;

/** The form's value as the API's body (times as ISO instants, empty optional texts left out). */
export function toLogBody(value: RecordForm['value']): LogServiceDto {
  const body: LogServiceDto = {
    activityType: value.activityType as ActivityType,
    communityId: value.communityId as string,
    beneficiaryUserIds: value.beneficiaryUserIds ?? [],
    anonymousCount: Number(value.anonymousCount ?? 0),
    startedAt: (parseLocal(value.startedAt) as Date).toISOString(),
    endedAt: (parseLocal(value.endedAt) as Date).toISOString(),
  };
  const location = value.location?.trim();
  const notes = value.notes?.trim();
  if (location) body.location = location;
  if (notes) body.notes = notes;
  return body;
}

/** A record's content as form values, to correct it. */
export function fromRecord(record: ServiceRecordDto): RecordForm['value'] {
  return {
    activityType: record.activityType,
    communityId: record.communityId,
    beneficiaryUserIds: record.beneficiaries.map((b) => b.userId),
    anonymousCount: record.anonymousCount,
    startedAt: localDateTime(new Date(record.startedAt)),
    endedAt: localDateTime(new Date(record.endedAt)),
    location: record.location,
    notes: record.notes,
  };
}

/** Whether an instant falls on the same local calendar day as `now`. */
export function sameDay(iso: string, now: Date): boolean {
  const d = new Date(iso);
  return (
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
  );
}
