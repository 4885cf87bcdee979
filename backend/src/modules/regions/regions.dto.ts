import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { trim } from '../../common/http/transforms.js';
import { REGION_LEVELS, type RegionLevel } from './region.entity.js';
import { QueryBoolField, RetiredAtProperty } from '../../common/http/fields.js';

export class RegionDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REGION_LEVELS, enumName: 'RegionLevel' }) level!: RegionLevel;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @RetiredAtProperty()
  retiredAt?: string | null;
  @ApiProperty({ description: 'Sent as the ETag; +1 on every rename, move or retirement', example: 2 })
  version!: number;
}

export class ReferenceQueryDto {
  @QueryBoolField({
    optional: true,
    description: 'true: retired entries too (they still resolve where referenced)',
  })
  includeRetired?: boolean;
}

/** Names name a region among its siblings and in import paths ('示范区/阳光街道'), so no '/'. */
const NAME_RULE = /^[^/]+$/;
const NAME_MESSAGE = 'name must be 1–60 characters without "/"';

export class CreateRegionDto {
  @ApiProperty({ minLength: 1, maxLength: 60, example: '春晖社区' })
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: NAME_MESSAGE })
  @Matches(NAME_RULE, { message: NAME_MESSAGE })
  name!: string;

  @ApiProperty({ example: 'community', enum: REGION_LEVELS, enumName: 'RegionLevel' })
  @IsIn(REGION_LEVELS)
  level!: RegionLevel;

  @ApiPropertyOptional({
    example: '00000000-0000-4000-8000-000000000011',
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The live region one level up; none for a district',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateRegionDto {
  @ApiPropertyOptional({ example: '春晖社区', minLength: 1, maxLength: 60, description: 'Rename' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: NAME_MESSAGE })
  @Matches(NAME_RULE, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({
    example: '00000000-0000-4000-8000-000000000011',
    format: 'uuid',
    description: 'Move under this live region of the level above (the level never changes)',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  parentId?: string;
}

export class ImportResultDto {
  @ApiProperty({ description: 'Regions created' }) created!: number;
}
