import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { PageDto } from '../../../common/pagination/page.js';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BoolField, TextField } from '../../../common/http/fields.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RateDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 }) @IsInt() @Min(1) @Max(5) attitude!: number;
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) @IsInt() @Min(1) @Max(5) professionalism!: number;
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) @IsInt() @Min(1) @Max(5) effect!: number;
  @ApiPropertyOptional({ maxLength: 1000, example: '王社工很耐心' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ReplyDto {
  @TextField(1, 1000, { example: '感谢您的反馈，我们会继续改进。' })
  reply!: string;
}

export class ModerationDto {
  @BoolField({ description: 'true keeps the comment hidden, false shows it again', example: true })
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
  @ApiProperty({ description: 'Sent as the ETag; send it back in If-Match to edit', example: 1 })
  version!: number;
}

export class RatingPageDto extends PageDto(RatingDto) {}
