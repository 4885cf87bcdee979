import { DatePipe } from '@angular/common';
import { Component, inject, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { Api } from '../../api/api';
import type { DocumentDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import { fileSize } from '../../shared/attachments/attachments';
import { downloadDocument } from './documents';

/** An organization's stored documents, each downloadable by whoever may see the private file. */
@Component({
  selector: 'app-document-list',
  imports: [DatePipe, NzButtonModule, NzIconModule],
  // The size and date, and "no documents", muted as on the pages.
  styleUrl: '../../shared/page.css',
  template: `
    <ul class="documents" data-testid="document-list">
      @for (doc of documents(); track doc.id) {
        <li [attr.data-document]="doc.fileName">
          <nz-icon [nzType]="doc.contentType === 'application/pdf' ? 'file-pdf' : 'file-image'" />
          <button
            nz-button
            nzType="link"
            type="button"
            class="name"
            [attr.data-testid]="'document-download-' + $index"
            (click)="download(doc)"
          >
            {{ doc.fileName }}
          </button>
          <span class="muted">{{ size(doc.size) }} · {{ doc.createdAt | date: 'yyyy-MM-dd HH:mm' }}</span>
        </li>
      } @empty {
        <li class="muted">{{ t('documents.none') }}</li>
      }
    </ul>
  `,
  styles: `
    .documents {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
      padding: 4px 0;
    }
    .name {
      padding: 0;
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
})
export class DocumentList {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly t = inject(I18n).t;

  readonly organizationId = input.required<string>();
  readonly documents = input.required<readonly DocumentDto[]>();

  protected readonly size = fileSize;

  protected async download(doc: DocumentDto): Promise<void> {
    try {
      await downloadDocument(this.api, this.organizationId(), doc);
    } catch (err) {
      this.message.error(failureText(err, this.t, 'documents.downloadFailed'));
    }
  }
}
