import { Component, inject, input, output, signal } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzUploadModule, type NzUploadFile, type NzUploadXHRArgs } from 'ng-zorro-antd/upload';
import { from, type Subscription } from 'rxjs';
import { Api } from '../../api/api';
import { organizationsUpload } from '../../api/fn/organizations/organizations-upload';
import type { DocumentDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import { DOCUMENT_ACCEPT, documentProblem } from './documents';
import { ErrorAlert } from '../../shared/error-alert';

/**
 * Uploads supporting documents (charter, registration certificate…) to an organization through
 * nz-upload; the request is the generated `organizationsUpload`, so the bearer token and the
 * one-refresh-on-401 of the interceptor apply to it like to every other call.
 */
@Component({
  selector: 'app-document-upload',
  imports: [ErrorAlert, NzUploadModule, NzIconModule],
  styleUrl: '../../shared/page.css',
  template: `
    <nz-upload
      data-testid="document-upload"
      nzName="file"
      [nzAccept]="accept"
      [nzMultiple]="true"
      [nzShowUploadList]="false"
      [nzBeforeUpload]="beforeUpload"
      [nzCustomRequest]="send"
      [nzDisabled]="disabled()"
    >
      <!-- nz-upload's own box is the button (focusable, Enter opens the picker): a look, not a second control. -->
      <span class="ant-btn" [class.ant-btn-disabled]="disabled()">
        <nz-icon [nzType]="uploading() > 0 ? 'loading' : 'upload'" />
        <span>{{ t('documents.upload') }}</span>
      </span>
    </nz-upload>
    <p class="hint muted">{{ t('documents.hint') }}</p>
    <app-error-alert [message]="error()" testId="document-upload-error" />
  `,
  styles: `
    .hint {
      margin: 8px 0;
    }
  `,
})
export class DocumentUpload {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly accept = DOCUMENT_ACCEPT;

  readonly organizationId = input.required<string>();
  readonly disabled = input(false);
  readonly uploaded = output<DocumentDto>();

  protected readonly uploading = signal(0);
  protected readonly error = signal<string | null>(null);

  protected readonly beforeUpload = (file: NzUploadFile): boolean => {
    const problem = documentProblem(file);
    this.error.set(problem ? this.t(problem === 'type' ? 'documents.badType' : 'documents.tooLarge') : null);
    return problem === null;
  };

  protected readonly send = (item: NzUploadXHRArgs): Subscription => {
    this.uploading.update((n) => n + 1);
    const file = item.postFile as File;
    return from(
      this.api.invoke(organizationsUpload, { id: this.organizationId(), body: { file } }),
    ).subscribe({
      next: (doc) => {
        this.uploading.update((n) => n - 1);
        item.onSuccess?.(doc, item.file, null);
        this.uploaded.emit(doc);
      },
      error: (err: unknown) => {
        this.uploading.update((n) => n - 1);
        item.onError?.(err, item.file);
        this.error.set(failureText(err, this.t, 'documents.failed'));
      },
    });
  };
}
