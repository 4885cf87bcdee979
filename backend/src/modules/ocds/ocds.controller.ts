import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Public } from '../../common/auth/auth.decorator.js';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import type { ReadFrom } from '../../database/replica.js';
import { OcdsService } from './ocds.service.js';

export class OcdsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() tenderId?: string;
}

@ApiTags('transparency')
@Controller('ocds')
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  /** OCDS 1.1 release package (public). Sealed bids appear only after the bid deadline. */
  @Get('releases')
  @Public()
  @ApiOkResponse({ description: 'An OCDS 1.1 release package', schema: { type: 'object' } })
  releases(@Query() query: OcdsQueryDto, @ReadsFrom() from: ReadFrom): Promise<object> {
    return this.ocds.releasePackage(query.tenderId, from);
  }
}
