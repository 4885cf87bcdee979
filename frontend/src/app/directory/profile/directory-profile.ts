import { Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { directoryProfile } from '../../api/fn/directory/directory-profile';
import type { DirectoryEntryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { CREDIT_COLORS, Labels } from '../../shared/labels';
import { BackLink } from '../../shared/back-link';
import { ReferenceData } from '../../shared/reference-data';
import { OrgPageRead, OrgPageState } from '../org-page-state';
import { TierTag } from '../../shared/tier-tag';
import { reloadOn } from '../../shared/list-query';
import { Names } from '../../shared/names';

/** An organization's public profile: only what the directory publishes (no private fields). */
/** A link of the profile's foot: a button with its icon. */
interface ProfileLink {
  to: readonly string[];
  query?: Record<string, string>;
  icon: string;
  words: I18nKey;
  testId: string;
  primary?: boolean;
}

@Component({
  selector: 'app-directory-profile',
  imports: [
    BackLink,
    RouterLink,
    NzCardModule,
    NzDescriptionsModule,
    NzTagModule,
    NzButtonModule,
    NzIconModule,
    OrgPageState,
    TierTag,
  ],
  templateUrl: './directory-profile.html',
  styleUrl: './directory-profile.css',
})
export class DirectoryProfile {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly names = inject(Names);
  protected readonly t = inject(I18n).t;
  protected readonly creditColors = CREDIT_COLORS;

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly org = signal<DirectoryEntryDto | null>(null);
  protected readonly page = new OrgPageRead();
  /** Where the profile leads on: the organization's score, and its projects among the public ones. */
  protected readonly links = computed((): readonly ProfileLink[] => {
    const o = this.org();
    if (!o) return [];
    return [
      {
        to: ['/directory', o.id, 'score'],
        icon: 'trophy',
        words: 'directory.scoreLink',
        testId: 'directory-profile-score-link',
        primary: true,
      },
      {
        to: ['/public-projects'],
        query: { q: o.name },
        icon: 'global',
        words: 'publicProjects.orgLink',
        testId: 'directory-profile-projects-link',
      },
    ];
  });

  constructor() {
    reloadOn(this.id, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.org.set(null);
    // Shown once the names of its categories and communities are known too: ids standing in for
    // them first would lay the page out differently, and it would jump when they arrive.
    const found = await this.page.read(() =>
      Promise.all([this.api.invoke(directoryProfile, { id }), this.ref.load().catch(() => undefined)]),
    );
    this.org.set(found?.[0] ?? null);
  }
}
