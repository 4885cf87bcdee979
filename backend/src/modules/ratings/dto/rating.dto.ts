import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RateDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) attitude!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) professionalism!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) effect!: number;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ReplyDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(1000) reply!: string;
}

export class ModerationDto {
  @ApiProperty({ description: 'true keeps the comment hidden, false shows it again' })
  @IsBoolean()
  hide!: boolean;
}

export class RatingDto {
  @ApiProperty() id!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty() attitude!: number;
  @ApiProperty() professionalism!: number;
  @ApiProperty() effect!: number;
  @ApiProperty({ type: String, nullable: true, description: 'null while the comment is reported or hidden' })
  comment!: string | null;
  @ApiProperty({ enum: ['visible', 'reported', 'hidden'] }) moderation!: 'visible' | 'reported' | 'hidden';
  @ApiProperty({ type: String, nullable: true }) orgReply!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
