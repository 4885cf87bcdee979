import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, inject, input, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { publicProjectsGet, publicProjectsReplies } from '../api/functions';
import type { PublicProjectDto, PublicReplyDto } from '../api/models';
import { reloadOn } from '../shared/list-query';
import { failureText } from '../shared/api-error';
import { yuan } from '../delivery/labels';
import { I18n } from '../i18n/i18n.service';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';

/** A project's public record, from the need to the money: no sign-in, phone first. */
@Component({
  selector: 'app-public-project',
  imports: [
    DatePipe,
    RouterLink,
    LoadMore,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
  ],
  templateUrl: './public-project.html',
  styleUrls: ['../shared/column-page.css', './transparency.css'],
})
export class PublicProject {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly yuan = yuan;

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly project = signal<PublicProjectDto | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The organization's replies to the ratings, a page at a time. */
  protected readonly replies = computed(() => {
    const id = this.id();
    return new PagedList<PublicReplyDto>((cursor) => this.api.invoke(publicProjectsReplies, { id, cursor }));
  });
  /** The OCDS record of the project's contracting process, when it came from a tender. */
  protected readonly ocdsUrl = computed(() => {
    const ocid = this.project()?.ocid;
    return ocid ? `/api/ocds/records/${encodeURIComponent(ocid)}` : null;
  });
  /** The widest bar of the ratings' distribution is the full width. */
  protected readonly maxStars = computed(() => Math.max(1, ...(this.project()?.ratings.distribution ?? [])));

  constructor() {
    reloadOn(this.id, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.project.set(null);
    this.notFound.set(false);
    this.error.set(null);
    try {
      const [project] = await Promise.all([
        this.api.invoke(publicProjectsGet, { id }),
        this.replies().reload(),
      ]);
      this.project.set(project);
    } catch (err) {
      if (err instanceof HttpErrorResponse && (err.status === 404 || err.status === 400))
        this.notFound.set(true);
      else this.error.set(failureText(err, this.t));
    }
  }

  protected async moreReplies(): Promise<void> {
    try {
      await this.replies().more();
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  protected statusLabel(status: 'active' | 'completed'): string {
    return this.t(`publicProjects.status.${status}`);
  }

  protected kindLabel(kind: string): string {
    return kind === 'fund_grant' || kind === 'incentive_bonus'
      ? this.t(`publicProjects.kind.${kind}`)
      : this.t('publicProjects.kind.milestone');
  }

  protected percent(part: number, whole: number): number {
    return whole > 0 ? Math.round((part / whole) * 100) : 0;
  }
}
