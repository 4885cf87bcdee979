import { HttpTestingController } from '@angular/common/http/testing';
import type { OutputEmitterRef, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ComplaintDto } from '../../../api/models';
import { awaitConfirmation, configurePage, dom, stable } from '../../../testing/page-testing';

/**
 * Mounts one office step alone with its inputs, over the HTTP testing backend, and counts its
 * `changed` reports (each tells the notice to reload).
 */
export async function mountStep<T extends { changed: OutputEmitterRef<void> }>(
  type: Type<T>,
  inputs: Record<string, unknown>,
) {
  configurePage();
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(type);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  let changes = 0;
  fixture.componentInstance.changed.subscribe(() => changes++);
  await stable(fixture);
  return { fixture, backend, page: dom(fixture.nativeElement), changes: () => changes };
}

/** The API's refusal, as the HTTP testing backend answers it. */
export const refusal = (status: number, code: string, details?: unknown) =>
  [
    { code, message: `refused: ${code}`, details },
    { status, statusText: 'Refused' },
  ] as const;

/** Takes a dismissed confirmation out of the page, so that the next one is found. */
export const clearOverlays = () =>
  document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));

/** A bidder's complaint against the award, pending unless told otherwise. */
export const complaint = (overrides: Partial<ComplaintDto> = {}): ComplaintDto => ({
  id: 'q1',
  tenderId: 't1',
  organizationId: 'o2',
  reason: '评分不公',
  status: 'pending',
  decisionReason: null,
  createdAt: '2026-11-25T00:00:00Z',
  ...overrides,
});

type Mounted = Awaited<ReturnType<typeof mountStep>>;

/** Clicks `testId` and confirms the confirmation it opens; returns what it said. */
export async function confirmStep({ fixture, page }: Mounted, testId: string): Promise<string> {
  page.click(testId);
  const confirm = await awaitConfirmation(fixture);
  confirm.confirm();
  await stable(fixture);
  clearOverlays();
  return confirm.text;
}

/**
 * Clicks `testId` and dismisses the confirmation (nothing may then go to `url`), then clicks again
 * and confirms; returns what the confirmation said.
 */
export async function dismissThenConfirm(step: Mounted, testId: string, url: string): Promise<string> {
  step.page.click(testId);
  const first = await awaitConfirmation(step.fixture);
  first.dismiss();
  await stable(step.fixture);
  step.backend.expectNone(url);
  clearOverlays();
  await confirmStep(step, testId);
  return first.text;
}
