/**
 * Composite field decorators for request DTOs: the OpenAPI property and the class-transformer and
 * class-validator decorators a field of that kind always carries, in one place.
 */
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsBoolean, IsISO8601 } from 'class-validator';
import { queryBoolean, trim, trimOrAbsent } from './transforms.js';

type Api = ApiPropertyOptions & { optional?: boolean };

/** Decorators applied as if stacked in this order above the property (the bottom one first). */
function stacked(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => [...decorators].reverse().forEach((decorate) => decorate(target, key));
}

/** The property in the document, and `@IsOptional()` when the field may be left out. */
function documented({ optional, ...api }: Api): PropertyDecorator[] {
  return optional ? [ApiPropertyOptional(api), IsOptional()] : [ApiProperty(api)];
}

/** A trimmed string of `min` to `max` characters. */
export function TextField(min: number, max: number, api: Api = {}): PropertyDecorator {
  return stacked([...documented(api), Transform(trim), IsString(), MinLength(min), MaxLength(max)]);
}

/**
 * A list's optional search text (`q`): trimmed, a blank one as if left out, at most 50 characters.
 * The list matches it as a substring (`likeEscape`), so Chinese words match without word breaks.
 */
export function SearchField(description: string, example: string): PropertyDecorator {
  return stacked([
    ...documented({ optional: true, description, example, maxLength: 50 }),
    Transform(trimOrAbsent),
    IsString(),
    MinLength(1),
    MaxLength(50),
  ]);
}

/** An integer from `min` to `max`. */
export function IntField(min: number, max: number, api: Api = {}): PropertyDecorator {
  return stacked([...documented(api), IsInt(), Min(min), Max(max)]);
}

/** An integer from `min` to `max` read from a query-string parameter (a string on the wire). */
export function QueryIntField(min: number, max: number, api: Api = {}): PropertyDecorator {
  return stacked([...documented(api), Type(() => Number), IsInt(), Min(min), Max(max)]);
}

/** A boolean (true or false, nothing else). */
export function BoolField(api: Api = {}): PropertyDecorator {
  return stacked([...documented(api), IsBoolean()]);
}

/** A boolean read from a query-string parameter: `true` or `false`. */
export function QueryBoolField(api: Api = {}): PropertyDecorator {
  return stacked([...documented(api), Transform(queryBoolean), IsBoolean()]);
}

/** A UUID (any version), documented as such. */
export function UuidField(api: Api = {}): PropertyDecorator {
  return stacked([...documented({ format: 'uuid', ...api }), IsUUID()]);
}

/** A date-time in ISO 8601 with its offset (e.g. `2027-03-01T08:00:00+08:00`); the message names the field. */
export function DateTimeField(api: Api = {}): PropertyDecorator {
  return (target, key) =>
    stacked([
      ...documented(api),
      IsISO8601({ strict: true }, { message: `${String(key)} must be an ISO 8601 date-time` }),
    ])(target, key);
}

/** When a retired record (a catalog category, a region) was retired: null while live, always sent. */
export const RetiredAtProperty = (): PropertyDecorator =>
  ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was retired; null while live (always sent)',
  });
