import { HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { chooseFiles, documentFile } from '../../testing/attachments';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { AttachmentUpload, type AttachmentState } from './attachment-upload';

const doc = documentFile;

describe('AttachmentUpload', () => {
  let fixture: ComponentFixture<AttachmentUpload>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let states: AttachmentState[];

  beforeEach(async () => {
    signedInAs(configurePage(), [{ role: 'social_worker', organizationId: 'o1' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AttachmentUpload);
    fixture.componentRef.setInput('purpose', 'service_record_evidence');
    fixture.componentRef.setInput('organizationId', 'o1');
    fixture.componentRef.setInput('pollMs', 0);
    states = [];
    fixture.componentInstance.changed.subscribe((s) => states.push(s));
    page = dom(fixture.nativeElement);
    await stable(fixture);
  });

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  /** Picks files in the (hidden) file input, as the dialog would. */
  async function choose(...names: string[]) {
    chooseFiles(fixture.nativeElement, ...names);
    await stable(fixture);
  }

  const upload = () => backend.expectOne((r) => r.method === 'POST' && r.url === '/api/documents');

  it('uploads to /api/documents for the purpose and owner, with its progress, then polls until clean', async () => {
    expect(page.el<HTMLInputElement>('attachment-input')?.accept).toBe(
      'image/jpeg,image/png,image/webp,application/pdf',
    );
    await choose('签到表.pdf');
    const req = upload();
    expect(req.request.params.get('purpose')).toBe('service_record_evidence');
    expect(req.request.params.get('organizationId')).toBe('o1');
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.event({ type: HttpEventType.UploadProgress, loaded: 50, total: 100 });
    await stable(fixture);
    expect(page.el('attachment-item')?.getAttribute('data-state')).toBe('uploading');
    expect(page.text('attachment-items')).toContain('50%');
    expect(states.at(-1)).toEqual({ documentIds: [], busy: true });

    req.flush(doc());
    await stable(fixture);
    expect(page.el('attachment-scanning')).not.toBeNull();
    expect(states.at(-1)).toEqual({ documentIds: [], busy: true });

    await new Promise((r) => setTimeout(r, 5));
    backend.expectOne('/api/documents/d1').flush(doc());
    await new Promise((r) => setTimeout(r, 5));
    backend.expectOne('/api/documents/d1').flush(doc({ status: 'clean', scannedAt: '2026-11-25T02:06:00Z' }));
    await stable(fixture);
    expect(page.el('attachment-clean')).not.toBeNull();
    expect(states.at(-1)).toEqual({ documentIds: ['d1'], busy: false });
  });

  it('flags an infected file and never offers it to the form', async () => {
    await choose('bad.pdf');
    upload().flush(doc({ id: 'd9', fileName: 'bad.pdf' }));
    await new Promise((r) => setTimeout(r, 5));
    backend
      .expectOne('/api/documents/d9')
      .flush(doc({ id: 'd9', status: 'infected', verdict: 'EICAR.Embedded.UNOFFICIAL' }));
    await stable(fixture);
    expect(page.el('attachment-infected')).not.toBeNull();
    expect(states.at(-1)).toEqual({ documentIds: [], busy: false });
  });

  it('shows the server’s refusal (a type the purpose does not take)', async () => {
    await choose('notes.pdf');
    upload().flush(
      {
        code: 'file.unsupported_type',
        message: 'Upload a JPEG, PNG, WebP or PDF file for service_record_evidence',
      },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await stable(fixture);
    expect(page.text('attachment-failed')).toContain('不支持此文件类型');
    expect(states.at(-1)).toEqual({ documentIds: [], busy: false });
  });

  it('removes a file before the form is submitted', async () => {
    await choose('a.pdf', 'b.pdf');
    const [a, b] = backend.match((r) => r.method === 'POST' && r.url === '/api/documents');
    a.flush(doc({ id: 'da', status: 'clean' }));
    b.flush(doc({ id: 'db', status: 'clean' }));
    await stable(fixture);
    expect(states.at(-1)).toEqual({ documentIds: ['da', 'db'], busy: false });
    page.all('attachment-remove')[0].click();
    await stable(fixture);
    expect(page.all('attachment-item')).toHaveLength(1);
    expect(states.at(-1)).toEqual({ documentIds: ['db'], busy: false });
  });
});
