import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { REGION_LEVELS, type RegionLevel } from '../../regions/region.entity.js';
import { GRANTABLE_ROLES, type GrantableRole } from '../grant-rules.js';
import { DateTimeField, SearchField } from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export const GRANT_STATUSES = ['scheduled', 'active', 'ended', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export class GrantInputDto {
  @ApiProperty({
    example: 'wang.fang@example.cn',
    description: 'Who is granted the role; a new address gets an account and a link to set its password',
  })
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({
    example: '王芳',
    description: 'For a new account (default: the part of the address before @)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: 'displayName must be 1 to 60 characters' })
  displayName?: string;

  @ApiProperty({ example: 'street_officer', enum: GRANTABLE_ROLES, enumName: 'GrantableRole' })
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of ${GRANTABLE_ROLES.join(', ')}` })
  role!: GrantableRole;

  @DateTimeField({
    optional: true,
    example: '2027-01-01T00:00:00+08:00',
    description: 'When the role starts (default: now)',
  })
  startsAt?: string;

  @DateTimeField({
    optional: true,
    example: '2027-12-31T23:59:59+08:00',
    description: 'When it ends by itself (default: never)',
  })
  endsAt?: string;

  @ApiPropertyOptional({
    example: ['elderly.home_care'],
    type: [String],
    description: 'Evaluators: the catalog categories they evaluate (required)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  categoryCodes?: string[];
}

export class RevokeGrantDto {
  @ApiProperty({ example: '调离街道工作岗位', description: 'Why, kept with the grant' })
  @Transform(trim)
  @IsString()
  @Length(2, 500, { message: 'reason must be 2 to 500 characters' })
  reason!: string;
}

export class GrantDto {
  @ApiProperty() id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({
    description: 'Until the address is verified (by the mailed link) the grant does not take effect',
  })
  emailVerified!: boolean;
  @ApiProperty({ enum: GRANTABLE_ROLES, enumName: 'GrantableRole' }) role!: GrantableRole;
  @ApiProperty() regionId!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty({ enum: REGION_LEVELS, enumName: 'RegionLevel' }) regionLevel!: RegionLevel;
  @ApiProperty({ type: [String] }) categoryCodes!: string[];
  @ApiProperty({ enum: GRANT_STATUSES, enumName: 'GrantStatus' }) status!: GrantStatus;
  @ApiProperty() startsAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) endsAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) grantedByName!: string | null;
  @ApiProperty({ type: Date, nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) revokedByName!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class GrantPageDto extends PageDto(GrantDto) {}

export class GrantListQueryDto extends PageQueryDto {
  @SearchField("Part of the holder's name or e-mail address", '王')
  q?: string;
}

export class StaffImportResultDto {
  @ApiProperty({ description: 'Grants made (one per row)' }) granted!: number;
  @ApiProperty({ description: 'Accounts created for new addresses, each mailed a link to set its password' })
  invited!: number;
}
