import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { KpisDto } from '../../tenders/dto/tender.dto.js';
import { BID_STATUSES, type BidStatus } from '../bid.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SubmitBidDto {
  @ApiProperty({ format: 'uuid', description: 'The bidding organization (you must administer it)' })
  @IsUUID()
  organizationId!: string;
  @ApiProperty({ description: 'Price in fen, at most the ceiling' })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  priceFen!: number;
  @ApiProperty({ description: 'Technical proposal' })
  @Transform(trim)
  @IsString()
  @MinLength(20)
  @MaxLength(50000)
  proposal!: string;

  @ApiProperty({ type: [String], description: 'Active members of the organization forming the team' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  team!: string[];

  @ApiProperty({ type: KpisDto }) @ValidateNested() @Type(() => KpisDto) offeredKpis!: KpisDto;
}

export class ReceiptDto {
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of what was submitted' }) hash!: string;
  @ApiProperty({ description: 'Exactly the document that was hashed' }) document!: string;
  @ApiProperty({ description: 'Server time of submission; it alone decides lateness' }) submittedAt!: Date;
}

export class VerifyReceiptDto {
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 hex characters' }) hash!: string;
}

export class ReceiptCheckDto {
  @ApiProperty({ description: 'The hash matches the bid as stored' }) valid!: boolean;
  @ApiProperty() storedHash!: string;
}

export class BidDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenderId!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: BID_STATUSES, enumName: 'BidStatus' }) status!: BidStatus;
  @ApiProperty() priceFen!: number;
  @ApiProperty() proposal!: string;
  @ApiProperty({ type: [String] }) team!: string[];
  @ApiProperty({ type: KpisDto }) offeredKpis!: KpisDto;
  @ApiProperty() receiptHash!: string;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) withdrawnAt!: Date | null;
}

export class SubmittedBidDto {
  @ApiProperty({ type: BidDto }) bid!: BidDto;
  @ApiProperty({ type: ReceiptDto }) receipt!: ReceiptDto;
}
