import { Component, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Tier } from '../api/models';
import { TIER } from '../api/models/tier-array';
import { I18n } from '../i18n/i18n.service';
import type { Choice } from './choice-select';

export const TIER_COLORS: Record<Tier, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** The tiers as a filter's choices, each with its score range ("A (85–100)"). */
export const tierChoices = (t: I18n['t']): Choice<Tier>[] =>
  TIER.map((tier) => ({
    value: tier,
    label: t('scores.tierOption', { tier, range: t(`scores.tierRange.${tier}`) }),
  }));

/** A performance tier as a coloured tag ("Tier A" / "A 级"). */
@Component({
  selector: 'app-tier-tag',
  imports: [NzTagModule],
  template: `<nz-tag [nzColor]="colors[tier()]" data-testid="tier-tag" [attr.data-tier]="tier()">{{
    t(long() ? 'scores.tierBadge' : 'scores.tier', { tier: tier() })
  }}</nz-tag>`,
})
export class TierTag {
  protected readonly t = inject(I18n).t;
  protected readonly colors = TIER_COLORS;
  readonly tier = input.required<Tier>();
  /** "Performance tier A" rather than "Tier A", where the tag stands beside other grades. */
  readonly long = input(false);
}
