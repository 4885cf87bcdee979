import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  DOCUMENT_PURPOSES,
  DOCUMENT_STATUSES,
  type DocumentPurpose,
  type DocumentStatus,
} from '../document-rules.js';
import { QueryBoolField } from '../../../common/http/fields.js';

/** Query of an upload; the file itself is the multipart field `file`. */
export class UploadDocumentQueryDto {
  @ApiProperty({
    enum: DOCUMENT_PURPOSES,
    enumName: 'DocumentPurpose',
    example: 'service_record_evidence',
    description:
      'What the file backs; decides the accepted types and size: evidence (photos, PDF; 10 MB), deliverable (PDF, photos, .docx, .xlsx; 20 MB), tender document (PDF, .docx, .xlsx; 20 MB), bid document (PDF, .docx, .xlsx, JPEG, PNG; 20 MB)',
  })
  @IsIn(DOCUMENT_PURPOSES)
  purpose!: DocumentPurpose;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '5a0c6a4e-8f0e-4c54-9a55-3b1f4f6f2a10',
    description: 'The organization that owns it (evidence, deliverables, bid documents)',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0f3f6c1e-2b7a-4a57-8d0e-6f1d8c2e4b91',
    description: 'The street office that owns it (tender documents)',
  })
  @IsOptional()
  @IsUUID()
  streetId?: string;

  @QueryBoolField({
    optional: true,
    example: false,
    description: "Keep a photo's EXIF, GPS position included. Default false: it is stripped on upload.",
  })
  keepLocation?: boolean;
}

export class DocumentFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DOCUMENT_PURPOSES, enumName: 'DocumentPurpose' }) purpose!: DocumentPurpose;

  @ApiProperty({
    enum: DOCUMENT_STATUSES,
    enumName: 'DocumentStatus',
    description: 'pending_scan: in quarantine; clean: offered for download; infected: deleted, verdict kept',
  })
  status!: DocumentStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerOrganizationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerRegionId!: string | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Decided from the bytes' }) contentType!: string;
  @ApiProperty({ description: 'Bytes stored (a photo after re-encoding)' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the stored bytes, hex' }) sha256!: string;
  @ApiProperty({ type: Number, nullable: true }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true }) height!: number | null;
  @ApiProperty({ description: "A photo's EXIF (GPS included) was kept at the uploader's request" })
  locationKept!: boolean;
  @ApiProperty({ description: 'A photo has a small WebP at thumbnailUrl' }) hasThumbnail!: boolean;
  @ApiProperty({
    description:
      'Stored encrypted until a deadline (a bid file): its content answers 409 document.sealed until then',
  })
  sealed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The signature found, when infected' })
  verdict!: string | null;
  @ApiProperty({ type: String, nullable: true }) scannedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

/**
 * A body's list of documents to attach (at most 20 distinct ids of clean documents uploaded for the
 * subject's purpose by its owner); optional unless `required`, which also wants one at least.
 */
export function DocumentIds(description: string, { required = false } = {}) {
  const docs: ApiPropertyOptions = {
    type: [String],
    description,
    example: ['7d4f0c1a-3b2e-4f6a-9c8d-1e2f3a4b5c6d'],
  };
  return applyDecorators(
    required ? ApiProperty(docs) : ApiPropertyOptional(docs),
    required ? ArrayMinSize(1) : IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}
