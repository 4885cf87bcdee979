import { HttpTestingController } from '@angular/common/http/testing';
import type { OutputEmitterRef, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ComplaintDto } from '../../../api/models';
import { configurePage, dom, stable } from '../../../testing/page-testing';

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
