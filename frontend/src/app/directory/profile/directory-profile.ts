import { Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { directoryProfile } from '../../api/functions';
import type { DirectoryEntryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { CREDIT_COLORS, Labels } from '../../shared/labels';
import { ReferenceData } from '../../shared/reference-data';
import { OrgPageRead, OrgPageState } from '../org-page-state';
import { TierTag } from '../../scores/tier-tag';
import { reloadOn } from '../../shared/list-query';
import { Names } from '../../shared/names';

/** An organization's public profile: only what the directory publishes (no private fields). */
@Component({
  selector: 'app-directory-profile',
  imports: [
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
