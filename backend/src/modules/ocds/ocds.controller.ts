import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ReadsFrom } from '../../common/auth/reads-from.js';
import { Operation } from '../../common/http/operation.js';
import type { ReadFrom } from '../../database/replica.js';
import { OcdsService } from './ocds.service.js';

export class OcdsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsOptional()
  @IsUUID()
  tenderId?: string;
}

class OcdsPublisherDto {
  @ApiProperty({ example: 'Sanshe Linkage 三社联动' }) name!: string;
}

/** An OCDS 1.1 release package; each release follows the OCDS release schema. */
export class OcdsReleasePackageDto {
  @ApiProperty({ description: 'This package’s own URL' }) uri!: string;
  @ApiProperty({ example: '1.1' }) version!: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedDate!: string;
  @ApiProperty({ type: OcdsPublisherDto }) publisher!: OcdsPublisherDto;
  @ApiProperty({ example: 'https://creativecommons.org/licenses/by/4.0/' }) license!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Tender, award and contract releases (https://standard.open-contracting.org/1.1/en/schema/release/)',
  })
  releases!: object[];
}

@ApiTags('transparency')
@Controller('ocds')
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  @Get('releases')
  @Operation({
    summary: 'Read the OCDS release package',
    description:
      'Every public tender (or the one asked for) as its tender, award and contract releases, in Open Contracting Data Standard 1.1. Sealed bids appear only after the bid deadline. Anonymous callers read a replica.',
    auth: 'public',
    ok: OcdsReleasePackageDto,
  })
  releases(@Query() query: OcdsQueryDto, @ReadsFrom() from: ReadFrom): Promise<OcdsReleasePackageDto> {
    return this.ocds.releasePackage(query.tenderId, from);
  }
}
