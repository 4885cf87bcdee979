import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { failureText } from '../api-error';
import { I18n } from '../../i18n/i18n.service';
import { saveBlob } from '../download';
import { fileSize, type ListedDocument, opensInBrowser, typeName } from './attachments';

/**
 * The documents attached to something: name, size and type, a thumbnail for photos. The access
 * token lives in memory, so files are fetched with it (HttpClient) and shown from blob: URLs; PDFs
 * and photos open in a new tab, office files are saved. A sealed bid file shows as such; given their
 * scan status, files still in quarantine or found infected show it instead of a link.
 */
@Component({
  selector: 'app-attachment-list',
  imports: [NzButtonModule, NzIconModule, NzTagModule],
  template: `
    @if (!documents().length) {
      <p class="muted" data-testid="attachment-list-empty">{{ t('attachments.none') }}</p>
    }
    <ul class="docs" data-testid="attachment-list">
      @for (doc of documents(); track doc.id) {
        <li data-testid="attachment-doc" [attr.data-status]="doc.status ?? null">
          @if (thumbnails()[doc.id]; as src) {
            <img class="thumb" [src]="src" [alt]="doc.fileName" data-testid="attachment-thumb" />
          } @else {
            <nz-icon class="thumb icon" [nzType]="icon(doc.contentType)" />
          }
          <span class="name">{{ doc.fileName }}</span>
          <span class="muted">{{ type(doc.contentType) }} · {{ size(doc.size) }}</span>
          @if (doc.sealed) {
            <nz-tag data-testid="attachment-sealed"
              ><nz-icon nzType="lock" /> {{ t('attachments.sealed') }}</nz-tag
            >
          } @else if (doc.status === 'pending_scan') {
            <nz-tag nzColor="processing" data-testid="attachment-scanning">{{
              t('attachments.scanning')
            }}</nz-tag>
          } @else if (doc.status === 'infected') {
            <nz-tag nzColor="error" data-testid="attachment-infected">{{ t('attachments.infected') }}</nz-tag>
          } @else {
            @if (doc.status === 'clean') {
              <nz-tag nzColor="success" data-testid="attachment-clean">{{ t('attachments.clean') }}</nz-tag>
            }
            <button
              nz-button
              nzType="link"
              nzSize="small"
              type="button"
              (click)="open(doc)"
              data-testid="attachment-open"
            >
              {{ t(opens(doc.contentType) ? 'attachments.open' : 'attachments.download') }}
            </button>
          }
        </li>
      }
    </ul>
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="attachment-list-error">{{ message }}</p>
    }
  `,
  styles: `
    .docs {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .docs li {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      padding: 4px 0;
    }
    .thumb {
      width: 48px;
      height: 48px;
      object-fit: cover;
      border-radius: 4px;
    }
    .icon {
      font-size: 32px;
      text-align: center;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .muted {
      color: rgba(0, 0, 0, 0.55);
    }
    .error {
      color: #cf1322;
    }
  `,
})
export class AttachmentList {
  private readonly http = inject(HttpClient);
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly size = fileSize;
  protected readonly type = typeName;
  protected readonly opens = opensInBrowser;
  protected readonly icon = (type: string) =>
    type.startsWith('image/') ? 'file-image' : type === 'application/pdf' ? 'file-pdf' : 'file-search';

  readonly documents = input.required<ListedDocument[]>();

  protected readonly thumbnails = signal<Record<string, string>>({});
  protected readonly error = signal<string | null>(null);
  private readonly urls = new Set<string>();

  constructor() {
    effect(() => {
      const docs = this.documents().filter((d) => d.hasThumbnail && !d.sealed && d.status !== 'infected');
      untracked(() => docs.forEach((d) => void this.thumbnail(d.id)));
    });
    inject(DestroyRef).onDestroy(() => this.urls.forEach((u) => URL.revokeObjectURL(u)));
  }

  private url(id: string, what: 'content' | 'thumbnail'): string {
    return `${this.api.rootUrl.replace(/\/$/, '')}/api/documents/${id}/${what}`;
  }

  private async thumbnail(id: string): Promise<void> {
    if (this.thumbnails()[id]) return;
    try {
      const blob = await this.fetchBlob(this.url(id, 'thumbnail'));
      const src = this.keep(URL.createObjectURL(blob));
      this.thumbnails.update((t) => ({ ...t, [id]: src }));
    } catch {
      // A missing thumbnail leaves the icon.
    }
  }

  protected async open(doc: ListedDocument): Promise<void> {
    this.error.set(null);
    // Opened at once (inside the click) so that pop-up blockers allow it; filled when the bytes arrive.
    const tab = opensInBrowser(doc.contentType) ? window.open('', '_blank') : null;
    try {
      const blob = await this.fetchBlob(this.url(doc.id, 'content'));
      if (!opensInBrowser(doc.contentType)) return saveBlob(blob, doc.fileName);
      const url = this.keep(URL.createObjectURL(new Blob([blob], { type: doc.contentType })));
      if (tab) tab.location.href = url;
      else window.open(url, '_blank');
    } catch (err) {
      tab?.close();
      this.error.set(failureText(await problemOf(err), this.t, 'attachments.openFailed'));
    }
  }

  private fetchBlob(url: string): Promise<Blob> {
    return new Promise((resolve, reject) =>
      this.http.get(url, { responseType: 'blob' }).subscribe({ next: resolve, error: reject }),
    );
  }

  private keep(url: string): string {
    this.urls.add(url);
    return url;
  }
}

/** A blob error body read as the problem JSON it is, so its message can be shown. */
async function problemOf(err: unknown): Promise<unknown> {
  if (!(err instanceof HttpErrorResponse) || !(err.error instanceof Blob)) return err;
  try {
    return new HttpErrorResponse({
      error: await err.error.text(),
      status: err.status,
      headers: err.headers,
      url: err.url ?? undefined,
    });
  } catch {
    return err;
  }
}
