import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { projectsMine } from '../../api/functions';
import type { ProjectSummaryDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';

/** The projects the caller works on (team) or whose organization the caller administers. */
@Component({
  selector: 'app-project-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzAlertModule, NzCardModule, NzTagModule],
  template: `
    <nz-card [nzTitle]="t('delivery.menu.projects')" [nzLoading]="loading()">
      @if (error(); as message) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="message" data-testid="projects-error" />
      }
      <ul class="list" data-testid="project-list">
        @for (p of projects(); track p.id) {
          <li [attr.data-project]="p.title">
            <a class="title" [routerLink]="['/projects', p.id]" data-testid="project-link">{{ p.title }}</a>
            <div class="meta">
              <span class="muted">{{ p.organizationName }}</span>
              @if (p.isLead) {
                <nz-tag nzColor="blue">{{ t('delivery.project.lead') }}</nz-tag>
              }
            </div>
            @if (worker()) {
              <div class="meta">
                <a [routerLink]="['/service-log', p.id]">{{ t('delivery.project.log') }}</a>
                @if (p.isLead) {
                  <a [routerLink]="['/record-approvals', p.id]">{{ t('delivery.menu.approvals') }}</a>
                }
              </div>
            }
          </li>
        } @empty {
          @if (!loading()) {
            <li class="muted">{{ t('delivery.project.none') }}</li>
          }
        }
      </ul>
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      max-width: 800px;
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .list > li {
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .list > li:last-child {
      border-bottom: none;
    }
    .title {
      font-size: 16px;
      font-weight: 600;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin-top: 4px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class ProjectList {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  protected readonly projects = signal<ProjectSummaryDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly worker = computed(() => this.auth.roles().has('social_worker'));

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.projects.set(await this.api.invoke(projectsMine));
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }
}
