import { Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { RoundMethod, RoundPhase } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';

/** A round's voting method in words ("Approval voting"), for its tag and the opening form's choices. */
export const methodLabel = (t: I18n['t'], method: RoundMethod): string => t(`pb.method.${method}`);

/** A round's phase and voting method as tags, as the round list and the round's page show them. */
@Component({
  selector: 'app-round-tags',
  imports: [NzTagModule],
  template: `
    <nz-tag nzColor="blue" [attr.data-testid]="phaseTestId()">{{ phaseText() }}</nz-tag>
    <nz-tag>{{ methodText() }}</nz-tag>
  `,
  // The tags stand among the other facts of the page's line, as if written there.
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class RoundTags {
  private readonly t = inject(I18n).t;
  readonly phase = input.required<RoundPhase>();
  readonly method = input.required<RoundMethod>();
  readonly phaseTestId = input<string>();
  protected readonly phaseText = computed(() => this.t(`pb.phase.${this.phase()}`));
  protected readonly methodText = computed(() => methodLabel(this.t, this.method()));
}
