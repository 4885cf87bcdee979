import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, stable } from '../testing/page-testing';
import { DecisionButtons } from './decision-buttons';

@Component({
  imports: [DecisionButtons],
  template: `<app-decision-buttons
    yes="Approve"
    no="Reject"
    dangerousNo
    yesTestId="approve"
    noTestId="reject"
    [busy]="busy()"
    (decided)="decisions.push($event)"
  />`,
})
class Host {
  readonly busy = signal(false);
  readonly decisions: boolean[] = [];
}

@Component({
  imports: [DecisionButtons],
  template: `<app-decision-buttons
    yes="Keep hidden"
    no="Show"
    dangerousYes
    yesTestId="hide"
    noTestId="show"
  />`,
})
class DangerousYesHost {}

describe('DecisionButtons', () => {
  it('says which was chosen, and keeps the no from being chosen while the decision runs', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement);
    expect(page.text('approve')).toBe('Approve');
    expect(page.el('reject')!.classList).toContain('ant-btn-dangerous');

    page.click('approve');
    page.click('reject');
    expect(fixture.componentInstance.decisions).toEqual([true, false]);

    fixture.componentInstance.busy.set(true);
    await stable(fixture);
    expect(page.el('approve')!.classList).toContain('ant-btn-loading');
    expect(page.el<HTMLButtonElement>('reject')!.disabled).toBe(true);
  });

  it('draws a dangerous yes red in place of primary', async () => {
    const fixture = TestBed.createComponent(DangerousYesHost);
    await stable(fixture);
    const page = dom(fixture.nativeElement);
    expect(page.el('hide')!.classList).toContain('ant-btn-dangerous');
    expect(page.el('hide')!.classList).not.toContain('ant-btn-primary');
    expect(page.el('show')!.classList).not.toContain('ant-btn-dangerous');
  });
});
