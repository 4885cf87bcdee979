import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { StreetSettingsDto, StreetSettingsInputDto } from './street-settings.dto.js';
import { StreetSettingsService } from './street-settings.service.js';
import { UuidParam } from '../../common/http/params.js';

/** A street's settings (director threshold, scoring weights, incentive rules), kept by platform admins. */
@ApiTags('admin')
@Controller('admin/streets/:id/settings')
export class StreetSettingsController {
  constructor(private readonly settings: StreetSettingsService) {}

  @Get()
  @Operation({
    summary: "Read a street's settings",
    description:
      'The amount from which a disbursement also needs the street director, the scoring weights and prior, and the incentive rules of the street (the platform defaults where it has none of its own).',
    auth: ['platform_admin'],
    ok: StreetSettingsDto,
    etag: true,
    errors: ['resource.not_found'],
  })
  get(@UuidParam('id') id: string): Promise<StreetSettingsDto> {
    return this.settings.get(id);
  }

  @Put()
  @Operation({
    summary: "Replace a street's settings",
    description:
      "A platform admin replaces the street's director threshold, scoring weights (summing to 100) and prior, and, when sent, its incentive rules (an empty list returns to the platform defaults). New weights count from the next score recompute, requested at once. Send `If-Match` with the ETag read: a change of any part since answers 412.",
    auth: ['platform_admin'],
    ok: StreetSettingsDto,
    etag: true,
    ifMatch: true,
    errors: ['resource.not_found'],
  })
  replace(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: StreetSettingsInputDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<StreetSettingsDto> {
    return this.settings.replace(user, id, dto, expectedVersion);
  }
}
