import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Operation } from '../../common/http/operation.js';
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
  @Operation({
    summary: 'List the region tree',
    description:
      'District → street → community → grid in path order: live regions, or every one with includeRetired (what older records name).',
    auth: 'public',
    ok: [RegionDto],
  })
  regions(@Query() query: ReferenceQueryDto): Promise<RegionDto[]> {
    return this.regionsService.list(query.includeRetired);
  }

  @Get('catalog')
  @Operation({
    summary: 'List the service catalog',
    description:
      'The purchase-of-service catalog: live entries, or every one with includeRetired. The catalog version in force is the highest sinceVersion or retiredInVersion of all entries.',
    auth: 'public',
    ok: [CategoryDto],
  })
  catalog(@Query() query: ReferenceQueryDto): Promise<CategoryDto[]> {
    return this.catalogService.list(query.includeRetired);
  }
}
