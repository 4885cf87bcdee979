import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser } from '../../common/auth/auth.decorator.js';
import { CategoryDto, CategoryParamsDto, CreateCategoryDto, UpdateCategoryDto } from './catalog.dto.js';
import { CatalogService } from './catalog.service.js';

/** Platform admins keep the purchase-of-service catalog (PRODUCT §1, §3). */
@ApiTags('admin')
@Controller('admin/catalog')
export class CatalogAdminController {
  constructor(private readonly catalog: CatalogService) {}

  @Post()
  @Auth('platform_admin')
  @ApiCreatedResponse({ type: CategoryDto, description: 'Added in a new catalog version' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return this.catalog.create(user, dto);
  }

  @Patch(':code')
  @Auth('platform_admin')
  @ApiOkResponse({ type: CategoryDto, description: 'Names or order changed; the code stays' })
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: CategoryParamsDto,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryDto> {
    return this.catalog.update(user, params.code, dto);
  }

  @Post(':code/retire')
  @Auth('platform_admin')
  @ApiCreatedResponse({
    type: CategoryDto,
    description: 'Retired in a new catalog version; refused (409) while it has live children',
  })
  retire(@CurrentUser() user: AuthUser, @Param() params: CategoryParamsDto): Promise<CategoryDto> {
    return this.catalog.retire(user, params.code);
  }
}
