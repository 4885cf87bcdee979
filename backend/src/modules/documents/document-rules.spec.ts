import {
  cleanFileName,
  dispositionOf,
  DOCUMENT_MAX_BYTES,
  DOCX,
  JPEG,
  PDF,
  PURPOSES,
  refusal,
  typeList,
  UPLOADER_ROLES,
  XLSX,
} from './document-rules.js';

describe('document purposes', () => {
  it('take the types of their purpose only', () => {
    expect(refusal('service_record_evidence', JPEG, 1000)).toBeNull();
    expect(refusal('service_record_evidence', PDF, 1000)).toBeNull();
    expect(refusal('service_record_evidence', DOCX, 1000)).toMatchObject({ code: 'file.unsupported_type' });
    expect(refusal('tender_document', JPEG, 1000)).toMatchObject({
      code: 'file.unsupported_type',
      message: 'Upload a PDF, Word (.docx) or Excel (.xlsx) file for tender_document',
    });
    expect(refusal('bid_document', XLSX, 1000)).toBeNull();
    expect(refusal('milestone_deliverable', undefined, 1000)).toMatchObject({
      code: 'file.unsupported_type',
    });
  });

  it('refuse a file one byte over the limit, whatever its type', () => {
    const max = PURPOSES.service_record_evidence.maxBytes;
    expect(refusal('service_record_evidence', PDF, max)).toBeNull();
    expect(refusal('service_record_evidence', PDF, max + 1)).toMatchObject({ code: 'file.too_large' });
    expect(refusal('milestone_deliverable', PDF, max + 1)).toBeNull();
    expect(DOCUMENT_MAX_BYTES).toBe(PURPOSES.milestone_deliverable.maxBytes);
  });

  it('name who uploads each, and every uploader role once', () => {
    expect(PURPOSES.tender_document).toMatchObject({ owner: 'street', roles: ['street_officer'] });
    expect(PURPOSES.service_record_evidence.roles).toContain('social_worker');
    expect(PURPOSES.bid_document.roles).not.toContain('social_worker');
    expect([...UPLOADER_ROLES].sort()).toEqual(['org_admin', 'social_worker', 'street_officer']);
  });

  it('preview PDFs and photos in the browser, save office files', () => {
    expect(dispositionOf(PDF)).toBe('inline');
    expect(dispositionOf(JPEG)).toBe('inline');
    expect(dispositionOf(XLSX)).toBe('attachment');
    expect(typeList([PDF])).toBe('PDF');
  });

  it('clean file names of paths and control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanFileName('a\r\nb.pdf')).toBe('a__b.pdf');
    expect(cleanFileName('   ')).toBe('document');
    expect(cleanFileName(undefined)).toBe('document');
    expect(cleanFileName('长'.repeat(300))).toHaveLength(200);
  });
});
