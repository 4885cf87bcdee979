import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  EXPORT_DATASETS,
  EXPORT_FORMATS,
  EXPORT_LANGS,
  EXPORT_STATUSES,
  type ExportDataset,
  type ExportFormat,
  type ExportLang,
  type ExportStatus,
} from '../export-job.entity.js';
import { SearchField } from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RequestExportDto {
  @ApiProperty({ enum: EXPORT_DATASETS, enumName: 'ExportDataset', example: 'disbursements' })
  @IsIn(EXPORT_DATASETS)
  dataset!: ExportDataset;

  @ApiProperty({ enum: EXPORT_FORMATS, enumName: 'ExportFormat', example: 'xlsx' })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;

  @ApiPropertyOptional({
    enum: EXPORT_LANGS,
    enumName: 'ExportLang',
    description: 'Headers and labels: zh-CN (Chinese with English in parentheses, default) or en-US',
    example: 'zh-CN',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGS)
  lang?: ExportLang;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A street's export (street roles); give this or organizationId",
    example: '00000000-0000-4000-8000-000000000011',
  })
  @IsOptional()
  @IsUUID()
  streetId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "An organization's export (its org_admin)",
    example: '00000000-0000-4000-8000-000000000501',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day included (China Standard Time)',
    example: '2026-01-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day included (China Standard Time)',
    example: '2026-12-31',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}

export const EXPORT_SORTS = ['newest', 'oldest'] as const;

export class ExportsQueryDto extends PageQueryDto {
  @SearchField('Words from the file name or the street or organization exported', '支付')
  q?: string;

  @ApiPropertyOptional({ enum: EXPORT_SORTS, default: 'newest', description: 'By when requested' })
  @IsOptional()
  @IsIn(EXPORT_SORTS)
  sort?: (typeof EXPORT_SORTS)[number];
}

export class ExportDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EXPORT_DATASETS, enumName: 'ExportDataset', example: 'disbursements' })
  dataset!: ExportDataset;
  @ApiProperty({ enum: EXPORT_FORMATS, enumName: 'ExportFormat', example: 'xlsx' }) format!: ExportFormat;
  @ApiProperty({ enum: EXPORT_LANGS, enumName: 'ExportLang' }) lang!: ExportLang;
  @ApiProperty({ type: String, nullable: true }) streetId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationId!: string | null;
  @ApiProperty({ description: 'Name of the street or organization' }) scopeName!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to!: string | null;
  @ApiProperty({ enum: EXPORT_STATUSES, enumName: 'ExportStatus' }) status!: ExportStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: Number, nullable: true }) rowCount!: number | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes' }) fileSize!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ description: 'Done and not yet expired' }) downloadable!: boolean;
}

export class ExportPageDto extends PageDto(ExportDto) {}
