import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, signedInAs, stable } from '../../testing/page-testing';
import { AttachmentList } from './attachment-list';
import type { ListedDocument } from './attachments';

const photo: ListedDocument = {
  id: 'p1',
  fileName: '探访.jpg',
  contentType: 'image/jpeg',
  size: 340 * 1024,
  hasThumbnail: true,
};
const sheet: ListedDocument = {
  id: 's1',
  fileName: '签到表.pdf',
  contentType: 'application/pdf',
  size: 2048,
};

describe('AttachmentList', () => {
  let fixture: ComponentFixture<AttachmentList>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;
  let opened: jest.SpyInstance;
  const created: Blob[] = [];

  async function show(documents: ListedDocument[]) {
    signedInAs(configurePage(), [{ role: 'social_worker', organizationId: 'o1' }]);
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AttachmentList);
    fixture.componentRef.setInput('documents', documents);
    page = dom(fixture.nativeElement);
    await stable(fixture);
  }

  beforeEach(() => {
    created.length = 0;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return `blob:http://localhost/${created.length}`;
    });
    URL.revokeObjectURL = jest.fn();
    opened = jest.spyOn(window, 'open').mockReturnValue(null);
  });

  afterEach(() => {
    fixture.destroy();
    backend.verify();
    opened.mockRestore();
  });

  it('lists name, type and size, with a thumbnail fetched with the token for photos', async () => {
    await show([photo, sheet]);
    const req = backend.expectOne('/api/documents/p1/thumbnail');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['webp'], { type: 'image/webp' }));
    await stable(fixture);
    const items = page.all('attachment-doc').map((li) => li.textContent?.replace(/\s+/g, ' '));
    expect(items[0]).toContain('探访.jpg');
    expect(items[0]).toContain('JPEG · 340 KB');
    expect(items[1]).toContain('PDF · 2 KB');
    expect(page.el<HTMLImageElement>('attachment-thumb')?.src).toBe('blob:http://localhost/1');
    backend.expectNone('/api/documents/s1/thumbnail');
  });

  it('opens a PDF in the browser from a blob URL of the bytes fetched with the token', async () => {
    await show([sheet]);
    page.click('attachment-open');
    const req = backend.expectOne('/api/documents/s1/content');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF-1.4']));
    await stable(fixture);
    expect(created.at(-1)?.type).toBe('application/pdf');
    expect(opened).toHaveBeenLastCalledWith('blob:http://localhost/1', '_blank');
  });

  it('shows the scan status it is given: only a clean file opens', async () => {
    await show([
      { ...sheet, id: 'c1', status: 'clean' },
      { ...sheet, id: 'q1', fileName: '签收表.pdf', status: 'pending_scan' },
      { ...sheet, id: 'v1', fileName: '带毒.pdf', status: 'infected' },
    ]);
    const [clean, quarantined, infected] = page.all('attachment-doc');
    expect(clean.getAttribute('data-status')).toBe('clean');
    expect(clean.querySelector('[data-testid="attachment-clean"]')).not.toBeNull();
    expect(clean.querySelector('[data-testid="attachment-open"]')).not.toBeNull();
    expect(quarantined.querySelector('[data-testid="attachment-scanning"]')?.textContent).toContain('扫描');
    expect(quarantined.querySelector('[data-testid="attachment-open"]')).toBeNull();
    expect(infected.querySelector('[data-testid="attachment-infected"]')).not.toBeNull();
    expect(infected.querySelector('[data-testid="attachment-open"]')).toBeNull();
  });

  it('shows a sealed bid file as sealed, with nothing to open', async () => {
    await show([{ ...sheet, sealed: true }]);
    expect(page.el('attachment-sealed')).not.toBeNull();
    expect(page.el('attachment-open')).toBeNull();
  });

  it('says so when a file cannot be opened', async () => {
    await show([sheet]);
    page.click('attachment-open');
    backend
      .expectOne('/api/documents/s1/content')
      .flush(new Blob(['{}']), { status: 409, statusText: 'Conflict' });
    await stable(fixture);
    expect(page.text('attachment-list-error')).not.toBe('');
    expect(opened).toHaveBeenCalledTimes(1); // the tab opened at the click, closed again
  });
});
