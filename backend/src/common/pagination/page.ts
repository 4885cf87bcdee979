import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { QueryIntField } from '../http/fields.js';
import { encodeCursor } from './cursor.js';

/** How many rows a page holds, `?limit=`: 1 to 100, 20 by default. */
export const PageSizeField = () =>
  QueryIntField(1, 100, { optional: true, type: Number, default: 20, minimum: 1, maximum: 100 });

/**
 * `?cursor=&limit=` of every list that can grow. Extend it with the list's filters; the service
 * fetches `limit + 1` rows in a stable order and hands them to `pageOf`.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page; absent for the first page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @PageSizeField()
  limit = 20;
}

export class PageLinksDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The next page (same filters), or null on the last one',
    example: '/api/notifications?limit=20&cursor=WyIyMDI2…',
  })
  next!: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Filled in by PageLinksInterceptor from the request's own URL. */
  links?: PageLinksDto;
}

/**
 * The page out of `limit + 1` rows read in the list's order: the extra row only says there is
 * more. `cursorOf` gives the sort values of a row (what the next page starts after).
 */
export function pageOf<Row, Item = Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => unknown[],
  toItem: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}

/** The URL of the page after this one: the request's own path and query, with `cursor` replaced. */
export function nextLink(requestUrl: string, nextCursor: string | null): string | null {
  if (nextCursor === null) return null;
  const url = new URL(requestUrl, 'http://x');
  url.searchParams.set('cursor', nextCursor);
  return `${url.pathname}${url.search}`;
}

/**
 * The OpenAPI shape of a page of `Item` (`XxxPage`): declare
 * `export class NeedPageDto extends PageDto(NeedDto) {}` and name it in @Operation's `ok`.
 */
export function PageDto<Item>(item: new () => Item) {
  class PageOf {
    @ApiProperty({ type: [item] }) items!: Item[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
    nextCursor!: string | null;
    @ApiProperty({ type: PageLinksDto }) links!: PageLinksDto;
  }
  return PageOf;
}
