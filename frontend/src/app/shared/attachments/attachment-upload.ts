import { HttpClient, HttpEventType, HttpParams } from '@angular/common/http';
import { Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { documentsGet } from '../../api/fn/documents/documents-get';
import { documentsUpload } from '../../api/fn/documents/documents-upload';
import type { DocumentFileDto, DocumentPurpose } from '../../api/models';
import { failureText } from '../api-error';
import { I18n } from '../../i18n/i18n.service';
import { ACCEPT, fileSize, type UploadState } from './attachments';

/** How often a file in quarantine is asked about. */
export const SCAN_POLL_MS = 1500;

interface Item {
  key: number;
  fileName: string;
  size: number;
  progress: number;
  state: UploadState;
  id: string | null;
  error: string | null;
}

/** What the form gets: the clean documents to attach, and whether some are still on their way. */
export interface AttachmentState {
  documentIds: string[];
  busy: boolean;
}

/**
 * Picks files and uploads each to /api/documents for a purpose (with its progress), then polls the
 * document until the virus scan calls it clean or infected. The form attaches the clean ones
 * (`changed`); a file can be removed before the form is submitted. Requests go through the app's
 * HttpClient, so the bearer token and the refresh on 401 apply.
 */
@Component({
  selector: 'app-attachment-upload',
  imports: [NzButtonModule, NzIconModule, NzProgressModule, NzTagModule],
  template: `
    <label class="pick" [class.disabled]="disabled()">
      <input
        type="file"
        multiple
        [accept]="accept()"
        [disabled]="disabled()"
        (change)="picked($event)"
        data-testid="attachment-input"
      />
      <nz-icon nzType="upload" />
      <span>{{ t('attachments.add') }}</span>
    </label>
    <ul class="items" data-testid="attachment-items">
      @for (item of items(); track item.key) {
        <li [attr.data-state]="item.state" data-testid="attachment-item">
          <span class="name">{{ item.fileName }}</span>
          <span class="muted">{{ size(item.size) }}</span>
          @switch (item.state) {
            @case ('uploading') {
              <nz-progress class="progress" nzSize="small" [nzPercent]="item.progress" />
            }
            @case ('scanning') {
              <nz-tag nzColor="processing" data-testid="attachment-scanning">{{
                t('attachments.scanning')
              }}</nz-tag>
            }
            @case ('clean') {
              <nz-tag nzColor="success" data-testid="attachment-clean">{{ t('attachments.clean') }}</nz-tag>
            }
            @case ('infected') {
              <nz-tag nzColor="error" data-testid="attachment-infected">{{
                t('attachments.infected')
              }}</nz-tag>
            }
            @case ('failed') {
              <nz-tag nzColor="error" data-testid="attachment-failed">{{ item.error }}</nz-tag>
            }
          }
          <button
            nz-button
            nzType="text"
            nzSize="small"
            type="button"
            [attr.aria-label]="t('attachments.remove', { name: item.fileName })"
            (click)="remove(item.key)"
            data-testid="attachment-remove"
          >
            <nz-icon nzType="delete" />
          </button>
        </li>
      }
    </ul>
  `,
  styles: `
    .pick {
      display: inline-flex;
      gap: 6px;
      align-items: center;
      padding: 4px 12px;
      border: 1px dashed #d9d9d9;
      border-radius: 6px;
      cursor: pointer;
    }
    .pick.disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .pick input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .items {
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .items li {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      padding: 4px 0;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .muted {
      color: rgba(0, 0, 0, 0.55);
    }
    .progress {
      width: 120px;
    }
  `,
})
export class AttachmentUpload {
  private readonly http = inject(HttpClient);
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly size = fileSize;

  readonly purpose = input.required<DocumentPurpose>();
  readonly organizationId = input<string | null>(null);
  readonly streetId = input<string | null>(null);
  readonly disabled = input(false);
  /** How long to wait before asking again about a file in quarantine. */
  readonly pollMs = input(SCAN_POLL_MS);
  readonly changed = output<AttachmentState>();

  protected readonly accept = computed(() => ACCEPT[this.purpose()]);
  protected readonly items = signal<Item[]>([]);
  private next = 0;
  private destroyed = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.timers.forEach(clearTimeout);
    });
  }

  /** Forgets every file (after the form was submitted). */
  clear(): void {
    this.items.set([]);
    this.emit();
  }

  protected picked(event: Event): void {
    const field = event.target as HTMLInputElement;
    for (const file of Array.from(field.files ?? [])) this.upload(file);
    field.value = '';
  }

  protected remove(key: number): void {
    this.items.update((items) => items.filter((i) => i.key !== key));
    this.emit();
  }

  private upload(file: File): void {
    const key = this.next++;
    this.items.update((items) => [
      ...items,
      { key, fileName: file.name, size: file.size, progress: 0, state: 'uploading', id: null, error: null },
    ]);
    this.emit();
    const body = new FormData();
    body.append('file', file, file.name);
    let params = new HttpParams().set('purpose', this.purpose());
    const org = this.organizationId();
    const street = this.streetId();
    if (org) params = params.set('organizationId', org);
    if (street) params = params.set('streetId', street);
    const url = this.api.rootUrl.replace(/\/$/, '') + documentsUpload.PATH;
    this.http
      .post<DocumentFileDto>(url, body, { params, reportProgress: true, observe: 'events' })
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress && event.total)
            this.patch(key, { progress: Math.round((100 * event.loaded) / event.total) });
          if (event.type === HttpEventType.Response && event.body) this.settled(key, event.body);
        },
        error: (err: unknown) =>
          this.patch(key, {
            state: 'failed',
            error: failureText(err, this.t, 'attachments.failed'),
          }),
      });
  }

  /** Takes the document's state; while in quarantine, asks again a moment later. */
  private settled(key: number, doc: DocumentFileDto): void {
    if (!this.items().some((i) => i.key === key)) return;
    const state: UploadState =
      doc.status === 'clean' ? 'clean' : doc.status === 'infected' ? 'infected' : 'scanning';
    this.patch(key, { id: doc.id, state, progress: 100 });
    if (state !== 'scanning' || this.destroyed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.api.invoke(documentsGet, { id: doc.id }).then(
        (fresh) => this.settled(key, fresh),
        (err: unknown) =>
          this.patch(key, {
            state: 'failed',
            error: failureText(err, this.t, 'attachments.failed'),
          }),
      );
    }, this.pollMs());
    this.timers.add(timer);
  }

  private patch(key: number, change: Partial<Item>): void {
    this.items.update((items) => items.map((i) => (i.key === key ? { ...i, ...change } : i)));
    this.emit();
  }

  private emit(): void {
    const items = this.items();
    this.changed.emit({
      documentIds: items.filter((i) => i.state === 'clean').map((i) => i.id!),
      busy: items.some((i) => i.state === 'uploading' || i.state === 'scanning'),
    });
  }
}
