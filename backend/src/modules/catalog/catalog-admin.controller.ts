import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation } from '../../common/http/operation.js';
import { CategoryDto, CategoryParamsDto, CreateCategoryDto, UpdateCategoryDto } from './catalog.dto.js';
import { CatalogService } from './catalog.service.js';

/** Platform admins keep the purchase-of-service catalog (PRODUCT §1, §3). */
@ApiTags('admin')
@Controller('admin/catalog')
export class CatalogAdminController {
  constructor(private readonly catalog: CatalogService) {}

  @Post()
  @Operation({
    summary: 'Add a catalog entry',
    description:
      "A platform admin adds an entry under a live parent (a child's code is its parent's code, '.', one more segment), publishing a new catalog version. Codes are never reused, retired ones included.",
    auth: ['platform_admin'],
    created: { type: CategoryDto, location: '/api/catalog' },
    errors: ['reference.retired', 'catalog.code_taken'],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return this.catalog.create(user, dto);
  }

  @Patch(':code')
  @Operation({
    summary: 'Rename or reorder a catalog entry',
    description:
      'A platform admin changes the names or the order of a live entry; its code, and so what tenders and organizations name, stays, and the catalog version does not change. Send `If-Match` with the ETag read: a change by someone else since answers 412.',
    auth: ['platform_admin'],
    ok: CategoryDto,
    etag: true,
    ifMatch: true,
    errors: ['resource.not_found', 'state.conflict'],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: CategoryParamsDto,
    @Body() dto: UpdateCategoryDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<CategoryDto> {
    return this.catalog.update(user, params.code, dto, expectedVersion);
  }

  @Post(':code/retire')
  @Operation({
    summary: 'Retire a catalog entry',
    description:
      'A platform admin retires a live entry without live children in a new catalog version; records naming it keep showing it.',
    auth: ['platform_admin'],
    ok: CategoryDto,
    errors: ['resource.not_found', 'state.conflict', 'retire.live_children'],
  })
  retire(@CurrentUser() user: AuthUser, @Param() params: CategoryParamsDto): Promise<CategoryDto> {
    return this.catalog.retire(user, params.code);
  }
}
