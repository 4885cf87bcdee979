import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { requireContentType } from '../../common/storage/uploaded-file.js';
import type { DocumentDto } from './dto/organization.dto.js';
import { loadOrganization, requireViewer } from './organization-records.js';
import { insertDocument, selectDocuments, selectDocumentStorageKey } from './organizations.sql.js';

/** What an organization may upload: certificates and statutes, scanned or photographed. */
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

/** The organization's documents (certificates, statutes) for its street office: uploaded by its admins, kept with their hash. */
@Injectable()
export class OrganizationDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
  ) {}

  async uploadDocument(
    user: AuthUser,
    id: string,
    file: { filename: string; data: Buffer },
  ): Promise<DocumentDto> {
    this.access.requireOrganization(user, ['org_admin'], id);
    await loadOrganization(this.dataSource.manager, id);
    const type = await requireContentType(file.data, DOCUMENT_TYPES, 'a PDF, PNG or JPEG file');
    const docId = randomUUID();
    const storageKey = `organizations/${id}/${docId}`;
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    await this.storage.put(storageKey, file.data);
    const fileName = file.filename.replace(/[\\/\r\n\0]/g, '_').slice(0, 200) || 'document';
    return this.dataSource.transaction(async (m) => {
      await insertDocument(m, {
        id: docId,
        organizationId: id,
        fileName,
        contentType: type,
        size: file.data.length,
        sha256,
        storageKey,
        uploadedBy: user.id,
      });
      await this.audit.record(m, {
        actorId: user.id,
        action: 'organization.document_uploaded',
        entityType: 'organization',
        entityId: id,
        after: { documentId: docId, fileName, sha256 },
      });
      const [doc] = await selectDocuments(m, id, docId);
      return doc;
    });
  }

  async downloadDocument(
    user: AuthUser,
    id: string,
    docId: string,
  ): Promise<{ document: DocumentDto; data: Buffer }> {
    await requireViewer(this.access, user, await loadOrganization(this.dataSource.manager, id));
    const storageKey = await selectDocumentStorageKey(this.dataSource, id, docId);
    if (!storageKey) throw notFound('Document', docId);
    const [document] = await selectDocuments(this.dataSource, id, docId);
    return { document, data: await this.storage.get(storageKey) };
  }
}
