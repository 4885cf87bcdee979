import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID, Matches, ValidateNested } from 'class-validator';
import { DocumentIds } from '../../documents/dto/document.dto.js';
import { KpisDto, TenderSummaryDto } from '../../tenders/dto/tender.dto.js';
import { PageDto } from '../../../common/pagination/page.js';
import { BID_STATUSES, type BidStatus } from '../bid.entity.js';
import { TextField, IntField } from '../../../common/http/fields.js';

export class SubmitBidDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The bidding organization (you must administer it)',
    example: '00000000-0000-4000-8000-000000000501',
  })
  @IsUUID()
  organizationId!: string;
  @IntField(1, 100_000_000_000, { description: 'Price in fen, at most the ceiling', example: 42000000 })
  priceFen!: number;
  @TextField(20, 50000, {
    description: 'Technical proposal',
    example: '每周两次上门探访，建立一人一档，配备持证社工与护理员，月度满意度回访。',
  })
  proposal!: string;

  @ApiProperty({
    type: [String],
    description: 'Active members of the organization forming the team',
    example: ['3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b'],
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  team!: string[];

  @ApiProperty({ type: KpisDto, example: { serviceHours: 2600, beneficiaries: 130, minSatisfaction: 4.5 } })
  @ValidateNested()
  @Type(() => KpisDto)
  offeredKpis!: KpisDto;

  @DocumentIds(
    'Bid documents: clean documents uploaded for bid_document by the organization. They are sealed (encrypted) until the deadline, and the receipt covers their SHA-256.',
  )
  documentIds?: string[];
}

/** A file of a bid, as its receipt names it. */
export class BidFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the file as uploaded, hex; in the receipt' }) sha256!: string;
}

export class ReceiptDto {
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of what was submitted' }) hash!: string;
  @ApiProperty({ description: 'Exactly the document that was hashed' }) document!: string;
  @ApiProperty({ description: 'Server time of submission; it alone decides lateness' }) submittedAt!: Date;
}

export class VerifyReceiptDto {
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 hex characters' })
  hash!: string;
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
  @ApiProperty({
    type: [BidFileDto],
    description: 'Its files; their content is sealed (409 document.sealed) until the deadline',
  })
  documents!: BidFileDto[];
}

/** One of my organizations' bids as a list shows it: where it stands, on which tender. */
export class MyBidDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: BID_STATUSES, enumName: 'BidStatus' }) status!: BidStatus;
  @ApiProperty() priceFen!: number;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) withdrawnAt!: Date | null;
  @ApiProperty({ type: TenderSummaryDto }) tender!: TenderSummaryDto;
}

export class MyBidPageDto extends PageDto(MyBidDto) {}

export class SubmittedBidDto {
  @ApiProperty({ description: 'The bid’s id (as bid.id), named by Location' }) id!: string;
  @ApiProperty({ type: BidDto }) bid!: BidDto;
  @ApiProperty({ type: ReceiptDto }) receipt!: ReceiptDto;
}
