import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CREDIT_STATUSES,
  GRADES,
  ORGANIZATION_TYPES,
  type CreditStatus,
  type Grade,
  type OrganizationType,
} from '../organizations/organization.entity.js';
import { TIERS, TierFilter, type Tier } from '../scoring/scoring.dto.js';
import { PageDto, PageQueryDto } from '../../common/pagination/page.js';
import { SearchField, UuidField } from '../../common/http/fields.js';

/** `score`: best current score first, organizations not scored yet last. */
export const DIRECTORY_SORTS = ['name', 'grade', 'newest', 'score'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

export class DirectoryQueryDto extends PageQueryDto {
  @SearchField('Words from the name or description; Chinese substrings match (养老)', '养老')
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @ApiPropertyOptional({ description: 'Catalog code; a parent code also matches its children' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @UuidField({ optional: true })
  communityId?: string;

  @UuidField({ optional: true, description: 'Home street, or serving a community of the street' })
  streetId?: string;

  @ApiPropertyOptional({
    enum: GRADES,
    enumName: 'Grade',
    description: 'Holds at least this unexpired grade',
  })
  @IsOptional()
  @IsIn(GRADES)
  minGrade?: Grade;

  @TierFilter()
  tier?: Tier[];

  @ApiPropertyOptional({ enum: DIRECTORY_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(DIRECTORY_SORTS)
  sort: DirectorySort = 'name';
}

export class DirectoryEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES, enumName: 'OrganizationType' }) type!: OrganizationType;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Unexpired evaluation grade' })
  grade!: Grade | null;
  @ApiProperty({ enum: CREDIT_STATUSES, enumName: 'CreditStatus' }) creditStatus!: CreditStatus;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Current performance score (0–100); null until scored',
  })
  score!: number | null;
  @ApiProperty({ enum: TIERS, enumName: 'Tier', nullable: true, description: 'Tier of the current score' })
  tier!: Tier | null;
  @ApiProperty() homeStreetId!: string;
  @ApiProperty() homeStreetName!: string;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: [String] }) communityIds!: string[];
}

export class DirectoryPageDto extends PageDto(DirectoryEntryDto) {}
