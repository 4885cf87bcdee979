import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { stable } from '../testing/page-testing';
import { Decision, DecisionRow } from './decision';

@Component({
  imports: [DecisionRow],
  template: `
    <app-decision
      [decision]="decision"
      item="r1"
      [refusable]="refusable()"
      (approved)="approved.push('r1')"
      (refused)="refused.push(decision.reason())"
    >
      <button type="button" class="own">own</button>
    </app-decision>
    <app-decision [decision]="objection" item="h1" />
    <app-decision [decision]="dispute" item="s1" />
  `,
})
class Host {
  readonly busy = signal<string | null>(null);
  readonly others = signal(true);
  readonly refusable = signal(true);
  readonly approved: string[] = [];
  readonly refused: (string | null)[] = [];
  readonly decision = new Decision({
    kind: 'serviceRecord',
    testId: 'reject',
    refuse: 'delivery.approvals.reject',
    reason: 'delivery.approvals.rejectReason',
    approve: { label: 'delivery.approvals.approve', testId: 'approve' },
    busy: (id) => this.busy() === id,
    opened: () => this.others.set(false),
  });
  readonly objection = new Decision({
    kind: 'objection',
    testId: 'objection',
    refuse: 'volunteer.objections.send',
    reason: 'volunteer.objections.reason',
    open: { label: 'volunteer.objections.object', testId: 'objection-open' },
  });
  readonly dispute = new Decision({
    kind: 'serviceRecord',
    testId: 'dispute',
    refuseTestId: 'service-dispute',
    refuse: 'delivery.services.dispute',
    reason: 'delivery.services.disputeReason',
  });
}

describe('DecisionRow', () => {
  const byTestId = (root: HTMLElement, id: string) =>
    root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('approves, and refuses only once a reason is typed, in the row of the item', async () => {
    const fixture = TestBed.createComponent(Host);
    const host = fixture.componentInstance;
    const root = fixture.nativeElement as HTMLElement;
    await stable(fixture);
    // Approve, the page's own buttons, then refuse.
    const buttons = Array.from(root.querySelectorAll('app-decision')[0].querySelectorAll('button'));
    expect(buttons.map((b) => b.getAttribute('data-testid') ?? b.className)).toEqual([
      'approve',
      'own',
      'reject',
    ]);
    byTestId(root, 'approve')!.click();
    expect(host.approved).toEqual(['r1']);

    byTestId(root, 'reject')!.click();
    await stable(fixture);
    expect(host.others()).toBe(false);
    expect(host.decision.refusing()).toBe('r1');
    expect(byTestId(root, 'approve')).toBeNull();
    byTestId(root, 'reject-confirm')!.click();
    await stable(fixture);
    expect(host.refused).toEqual([null]);

    const reason = byTestId(root, 'reject-reason') as HTMLTextAreaElement;
    reason.value = '  时间不符  ';
    reason.dispatchEvent(new Event('input'));
    byTestId(root, 'reject-confirm')!.click();
    expect(host.refused).toEqual([null, '时间不符']);

    host.busy.set('r1');
    host.decision.close();
    await stable(fixture);
    expect(byTestId(root, 'approve')!.classList).toContain('ant-btn-loading');
  });

  it("makes the page's call, busy for the item meanwhile, and closes the reason form once done", async () => {
    const fixture = TestBed.createComponent(Host);
    const objection = fixture.componentInstance.objection;
    objection.startRefusal('h1');
    let answer!: () => void;
    const done = objection.decide(
      'h1',
      () => new Promise<void>((resolve) => (answer = resolve)),
      'volunteer.objections.sent',
    );
    expect(objection.busy('h1')).toBe(true);
    expect(objection.busy('h2')).toBe(false);
    answer();
    await expect(done).resolves.toBe(true);
    expect(objection.busy('h1')).toBe(false);
    expect(objection.refusing()).toBeNull();
  });

  it('draws no refuse button when the item may not be refused, and a plain opener of its own', async () => {
    const fixture = TestBed.createComponent(Host);
    const root = fixture.nativeElement as HTMLElement;
    fixture.componentInstance.refusable.set(false);
    await stable(fixture);
    expect(byTestId(root, 'reject')).toBeNull();
    const opener = byTestId(root, 'objection-open')!;
    expect(opener.classList).not.toContain('ant-btn-dangerous');
    opener.click();
    await stable(fixture);
    expect(byTestId(root, 'objection-reason')).not.toBeNull();
    expect(byTestId(root, 'objection-confirm')).not.toBeNull();
  });

  it("names the refuse button apart from its reason form's fields when asked", async () => {
    const fixture = TestBed.createComponent(Host);
    const root = fixture.nativeElement as HTMLElement;
    await stable(fixture);
    expect(byTestId(root, 'dispute')).toBeNull();
    const refuse = byTestId(root, 'service-dispute')!;
    expect(refuse.classList).toContain('ant-btn-dangerous');
    refuse.click();
    await stable(fixture);
    expect(byTestId(root, 'dispute-reason')).not.toBeNull();
    expect(byTestId(root, 'dispute-confirm')).not.toBeNull();
  });
});
