import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorator.js';
import { REGION_LEVELS, type RegionLevel } from './region.entity.js';

export class RegionDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REGION_LEVELS, enumName: 'RegionLevel' }) level!: RegionLevel;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
}

export class CategoryDto {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) parentCode!: string | null;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
}

/** Public reference data: the region tree and the purchase-of-service catalog. */
@ApiTags('reference')
@Controller()
export class RegionsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('regions')
  @Public()
  @ApiOkResponse({ type: [RegionDto] })
  regions(): Promise<RegionDto[]> {
    return this.dataSource.query(
      `SELECT id, name, level, parent_id AS "parentId" FROM regions ORDER BY path`,
    );
  }

  @Get('catalog')
  @Public()
  @ApiOkResponse({ type: [CategoryDto] })
  catalog(): Promise<CategoryDto[]> {
    return this.dataSource.query(
      `SELECT code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn" FROM service_categories ORDER BY sort_order, code`,
    );
  }
}
