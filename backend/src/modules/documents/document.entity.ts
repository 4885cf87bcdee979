import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { inList } from '../../database/in-list.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import { DOCUMENT_PURPOSES, DOCUMENT_STATUSES, DOCUMENT_SUBJECTS } from './document-rules.js';
import type { DocumentPurpose, DocumentStatus, DocumentSubjectType } from './document-rules.js';

/**
 * An uploaded file that backs a claim (evidence of a service record, a milestone's deliverable, a
 * tender's or a bid's document). It is owned by an organization or a street office, lands in
 * quarantine (`pending_scan`) and is offered only once the virus scanner called it `clean`; an
 * infected file's bytes are deleted and the row keeps the verdict.
 */
/**
 * A key pair documents are sealed for (one per published tender: its bids' files). The private key
 * is kept wrapped for the workers' key (BID_SEAL_SECRET), which the API never holds; the workers
 * unwrap it when the seal opens (the bid deadline) and store it here for the API to decrypt with.
 */
@Entity('document_seals')
@Check('document_seals_opened', '(private_key IS NULL) = (opened_at IS NULL)')
export class DocumentSeal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** X25519, raw 32 bytes, base64. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** The private key wrapped for the workers' key (sealing.ts), base64. */
  @Column({ name: 'wrapped_private_key', type: 'text' })
  wrappedPrivateKey!: string;

  /** The private key (raw, base64) once opened. */
  @Column({ name: 'private_key', type: 'text', nullable: true })
  privateKey!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('documents')
@Check('documents_purpose', inList('purpose', DOCUMENT_PURPOSES))
@Check('documents_status', inList('status', DOCUMENT_STATUSES))
@Check('documents_owner', 'num_nonnulls(owner_organization_id, owner_region_id) = 1')
@Check('documents_scanned', `status = 'pending_scan' OR scanned_at IS NOT NULL`)
@Check('documents_clean_stored', `status <> 'clean' OR storage_key IS NOT NULL`)
@Check('documents_size', 'size > 0')
@Check('documents_sealed', '(seal_id IS NULL) = (sealed_key IS NULL)')
@Index('documents_owner_organization_idx', ['ownerOrganizationId', 'createdAt'])
@Index('documents_owner_region_idx', ['ownerRegionId', 'createdAt'])
export class DocumentFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  purpose!: DocumentPurpose;

  @Column({ type: 'text', default: 'pending_scan' })
  status!: DocumentStatus;

  /** The organization whose members uploaded it (evidence, deliverables, bid documents)… */
  @Column({ name: 'owner_organization_id', type: 'uuid', nullable: true })
  ownerOrganizationId!: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'owner_organization_id' })
  ownerOrganization?: Relation<Organization> | null;

  /** …or the street office that did (tender documents). */
  @Column({ name: 'owner_region_id', type: 'uuid', nullable: true })
  ownerRegionId!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'owner_region_id' })
  ownerRegion?: Relation<Region> | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: Relation<User>;

  /** The name offered on download (cleaned); never a storage key. */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** Decided from the bytes, never from the client's word. */
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  /** Bytes stored (a photo's after re-encoding). */
  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Where the bytes are: quarantine until clean; null once deleted (infected). */
  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  /** A small WebP of a photo, for lists. */
  @Column({ name: 'thumbnail_key', type: 'text', nullable: true })
  thumbnailKey!: string | null;

  @Column({ type: 'int', nullable: true })
  width!: number | null;

  @Column({ type: 'int', nullable: true })
  height!: number | null;

  /**
   * A sealed document (a bid's file until the tender's deadline): its bytes are stored encrypted
   * with an AES-256-GCM key, itself wrapped for the seal's public key (`sealed_key`).
   */
  @Column({ name: 'seal_id', type: 'uuid', nullable: true })
  sealId!: string | null;

  @ManyToOne(() => DocumentSeal)
  @JoinColumn({ name: 'seal_id' })
  seal?: Relation<DocumentSeal> | null;

  @Column({ name: 'sealed_key', type: 'text', nullable: true })
  sealedKey!: string | null;

  /** The uploader asked to keep a photo's EXIF (GPS included); otherwise it was stripped. */
  @Column({ name: 'location_kept', type: 'boolean', default: false })
  locationKept!: boolean;

  /** What the scanner found (a signature name), null while pending or when clean. */
  @Column({ type: 'text', nullable: true })
  verdict!: string | null;

  /** The scanner and signatures that decided (clamd's VERSION). */
  @Column({ type: 'text', nullable: true })
  scanner!: string | null;

  @Column({ name: 'scanned_at', type: 'timestamptz', nullable: true })
  scannedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A document attached to what it supports: a service record, a milestone, a tender or a bid. Who may
 * read a linked document is decided through its subject (DocumentSubjects).
 */
@Entity('document_links')
@Check('document_links_subject_type', inList('subject_type', DOCUMENT_SUBJECTS))
@Index('document_links_subject_idx', ['subjectType', 'subjectId'])
export class DocumentLink {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DocumentFile)
  @JoinColumn({ name: 'document_id' })
  document?: Relation<DocumentFile>;

  @PrimaryColumn({ name: 'subject_type', type: 'text' })
  subjectType!: DocumentSubjectType;

  @PrimaryColumn({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'linked_by', type: 'uuid' })
  linkedBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'linked_by' })
  linker?: Relation<User>;

  @CreateDateColumn({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;
}
