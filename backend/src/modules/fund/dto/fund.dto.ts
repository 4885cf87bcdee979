import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { trimOrAbsent } from '../../../common/http/transforms.js';
import { PageDto } from '../../../common/pagination/page.js';
import { IntField } from '../../../common/http/fields.js';

export class DonationRequestDto {
  @IntField(100, 100_000_000, {
    description: 'Amount in fen (1 to 1,000,000 yuan)',
    minimum: 100,
    maximum: 100_000_000,
    example: 20_000,
  })
  amountFen!: number;
  @ApiPropertyOptional({
    description: 'Printed on the receipt; leave out to give anonymously',
    maxLength: 60,
    example: '王女士',
  })
  @IsOptional()
  @Transform(trimOrAbsent)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  donorName?: string;
  @ApiPropertyOptional({
    description: 'Where Stripe sends the payment receipt',
    maxLength: 254,
    example: 'donor@example.cn',
  })
  @IsOptional()
  @Transform(trimOrAbsent)
  @IsEmail()
  @MaxLength(254)
  donorEmail?: string;
  @ApiPropertyOptional({
    description: 'A message to the community',
    maxLength: 500,
    example: '祝社区越来越好',
  })
  @IsOptional()
  @Transform(trimOrAbsent)
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class DonationCheckoutDto {
  @ApiProperty({ description: 'The Stripe Checkout session (cs_…)' }) sessionId!: string;
  @ApiProperty({ description: 'Where the donor pays' }) url!: string;
  @ApiProperty() amountFen!: number;
}

/** 捐赠收据: what the donor sees on return from Checkout, once the paid webhook credited the fund. */
export class DonationReceiptDto {
  @ApiProperty({ example: 'JZ2026000042' }) receiptNo!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true }) donorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) donorEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty() paidAt!: Date;
}

/** A donation as the community's staff see it: the receipt and the Checkout session. */
export class FundDonationDto extends DonationReceiptDto {
  @ApiProperty({ description: 'The Stripe Checkout session (cs_…)' }) checkoutSessionId!: string;
}

export class FundDonationPageDto extends PageDto(FundDonationDto) {}

/** A community's development fund in public totals (PRODUCT §8 transparency): no donor data. */
export class FundSummaryDto {
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'What the fund holds (ledger balance)' }) balanceFen!: number;
  @ApiProperty({ description: 'Balance less what proposed grants reserve: what a new grant may take' })
  availableFen!: number;
  @ApiProperty() donationsFen!: number;
  @ApiProperty() donationCount!: number;
  @ApiProperty({ description: 'Grants paid out' }) grantsPaidFen!: number;
  @ApiProperty({ description: 'Grants proposed or approved, not paid yet' }) grantsPendingFen!: number;
  @ApiProperty() grantCount!: number;
}

/** A project a community's fund may support: one whose contract serves the community. */
export class FundProjectDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
}
