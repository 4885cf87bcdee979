import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorator.js';
import { CategoryDto } from '../catalog/catalog.dto.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { ReferenceQueryDto, RegionDto } from './regions.dto.js';
import { RegionsService } from './regions.service.js';

/** Public reference data: the region tree and the purchase-of-service catalog (live entries unless asked). */
@ApiTags('reference')
@Controller()
export class RegionsController {
  constructor(
    private readonly regionsService: RegionsService,
    private readonly catalogService: CatalogService,
  ) {}

  @Get('regions')
  @Public()
  @ApiOkResponse({ type: [RegionDto] })
  regions(@Query() query: ReferenceQueryDto): Promise<RegionDto[]> {
    return this.regionsService.list(query.includeRetired);
  }

  @Get('catalog')
  @Public()
  @ApiOkResponse({
    type: [CategoryDto],
    description:
      'The catalog version in force is the highest sinceVersion or retiredInVersion of all entries',
  })
  catalog(@Query() query: ReferenceQueryDto): Promise<CategoryDto[]> {
    return this.catalogService.list(query.includeRetired);
  }
}
