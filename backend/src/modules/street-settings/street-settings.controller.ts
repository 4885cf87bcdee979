import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { StreetSettingsDto, StreetSettingsInputDto } from './street-settings.dto.js';
import { StreetSettingsService } from './street-settings.service.js';

/** A street's settings (director threshold, scoring weights, incentive rules), kept by platform admins. */
@ApiTags('admin')
@Controller('admin/streets/:id/settings')
export class StreetSettingsController {
  constructor(private readonly settings: StreetSettingsService) {}

  @Get()
  @Auth('platform_admin')
  @ApiOkResponse({ type: StreetSettingsDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StreetSettingsDto> {
    return this.settings.get(id);
  }

  @Put()
  @Auth('platform_admin')
  @ApiOkResponse({ type: StreetSettingsDto })
  replace(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: StreetSettingsInputDto,
  ): Promise<StreetSettingsDto> {
    return this.settings.replace(user, id, dto);
  }
}
