import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { trim } from '../../common/http/transforms.js';
import { IntField, RetiredAtProperty } from '../../common/http/fields.js';

/** Lower-case segments of [a-z0-9_] joined by '.': 'elderly.home_care'. */
export const CATEGORY_CODE = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const CODE_MESSAGE =
  "code must be lower-case segments of a–z, 0–9 and '_' joined by '.' (at most 60 characters)";

export class CategoryDto {
  @ApiProperty() code!: string;
  @ApiProperty({
    description: "Sent as the ETag; +1 on every change of the entry (not the catalog's version)",
    example: 2,
  })
  version!: number;
  @ApiProperty({ type: String, nullable: true }) parentCode!: string | null;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiPropertyOptional({ description: 'Order among the entries (always sent)' }) sortOrder?: number;
  @ApiPropertyOptional({ description: 'The catalog version that added it (always sent)' })
  sinceVersion?: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The catalog version that retired it (always sent)',
  })
  retiredInVersion?: number | null;
  @RetiredAtProperty()
  retiredAt?: string | null;
}

export class CategoryParamsDto {
  @ApiProperty({ example: 'elderly.home_care' })
  @Length(1, 60, { message: CODE_MESSAGE })
  @Matches(CATEGORY_CODE, { message: CODE_MESSAGE })
  code!: string;
}

export class CreateCategoryDto extends CategoryParamsDto {
  @ApiPropertyOptional({
    example: 'elderly',
    description: "The live parent; the code must be the parent's code, '.', and one more segment",
  })
  @IsOptional()
  @Length(1, 60, { message: CODE_MESSAGE })
  @Matches(CATEGORY_CODE, { message: CODE_MESSAGE })
  parentCode?: string;

  @ApiProperty({ minLength: 1, maxLength: 60, example: '助餐服务' })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  nameZh!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Meal services' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameEn!: string;

  @IntField(0, 10000, {
    optional: true,
    example: 3,
    minimum: 0,
    maximum: 10000,
    description: 'Default: after every other entry',
  })
  sortOrder?: number;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ example: '助餐服务', minLength: 1, maxLength: 60 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  nameZh?: string;

  @ApiPropertyOptional({ example: 'Meal services', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameEn?: string;

  @IntField(0, 10000, { optional: true, example: 3, minimum: 0, maximum: 10000 })
  sortOrder?: number;
}
