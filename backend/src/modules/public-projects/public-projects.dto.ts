import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../common/pagination/page.js';

export class PublicProjectQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', example: '00000000-0000-4000-8000-000000000101' })
  @IsOptional()
  @IsUUID()
  communityId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '00000000-0000-4000-8000-000000000011' })
  @IsOptional()
  @IsUUID()
  streetId?: string;

  @ApiPropertyOptional({ description: 'Words of the title or the organization’s name', example: '探访' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class PublicProjectSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['active', 'completed'] }) status!: 'active' | 'completed';
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() streetName!: string;
  @ApiProperty({ description: 'Contract amount, fen' }) amountFen!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ description: 'Hours of approved service records' }) approvedHours!: number;
  @ApiProperty({ description: 'Paid to the organization for this project, fen' }) paidFen!: number;
}

export class PublicProjectPageDto extends PageDto(PublicProjectSummaryDto) {}

export class PublicRegionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class PublicNeedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() categoryCode!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() upvotes!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) postedAt!: Date;
}

export class PublicWinnerDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceFen!: number;
}

export class PublicTenderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() method!: string;
  @ApiProperty() status!: string;
  @ApiProperty() budgetFen!: number;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) bidDeadline!: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'Null while bids are sealed' })
  numberOfBids!: number | null;
  @ApiProperty({ type: PublicWinnerDto, nullable: true }) winner!: PublicWinnerDto | null;
}

export class PublicContractDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ type: String, format: 'date-time' }) signedAt!: Date;
}

export class PublicMilestoneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() status!: string;
  @ApiProperty() paidFen!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: Date | null;
}

export class PublicPaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['milestone', 'fund_grant', 'incentive_bonus'] }) kind!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, format: 'date-time' }) paidAt!: Date;
  @ApiProperty({ type: Number, nullable: true }) milestoneSeq!: number | null;
}

export class PublicMoneyDto {
  @ApiProperty({ description: 'Committed by the street’s ledger to the contract, fen' })
  committedFen!: number;
  @ApiProperty({ description: 'Paid out, fen' }) paidFen!: number;
  @ApiProperty({ type: [PublicPaymentDto] }) payments!: PublicPaymentDto[];
}

export class PublicHoursMonthDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() hours!: number;
  @ApiProperty() records!: number;
}

export class PublicBeneficiariesDto {
  @ApiProperty({ description: 'Distinct residents who confirmed a service' }) confirmed!: number;
  @ApiProperty({ description: 'People served without an account, counted on the records' })
  anonymous!: number;
}

export class PublicReplyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The comment answered, while visible' })
  comment!: string | null;
  @ApiProperty() reply!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: String, format: 'date-time' }) ratedAt!: Date;
}

export class PublicReplyPageDto extends PageDto(PublicReplyDto) {}

/** The ratings in numbers; the organization's replies are a list of their own (`…/replies`). */
export class PublicRatingsDto {
  @ApiProperty() count!: number;
  @ApiProperty({ type: Number, nullable: true }) average!: number | null;
  @ApiProperty({ type: [Number], description: 'How many ratings of 1, 2, 3, 4 and 5 stars' })
  distribution!: number[];
}

/** A project's public story, from the need to the money (PRODUCT §4–§6). */
export class PublicProjectDto extends PublicProjectSummaryDto {
  @ApiProperty({ type: [PublicRegionDto] }) communities!: PublicRegionDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'OCDS ocid, when the project came from a tender',
  })
  ocid!: string | null;
  @ApiProperty({ type: [PublicNeedDto] }) needs!: PublicNeedDto[];
  @ApiProperty({ type: PublicTenderDto, nullable: true }) tender!: PublicTenderDto | null;
  @ApiProperty({ type: PublicContractDto }) contract!: PublicContractDto;
  @ApiProperty({ type: [PublicMilestoneDto] }) milestones!: PublicMilestoneDto[];
  @ApiProperty({ type: PublicMoneyDto }) money!: PublicMoneyDto;
  @ApiProperty({ type: [PublicHoursMonthDto] }) hoursByMonth!: PublicHoursMonthDto[];
  @ApiProperty({ type: PublicBeneficiariesDto }) beneficiaries!: PublicBeneficiariesDto;
  @ApiProperty({ type: PublicRatingsDto }) ratings!: PublicRatingsDto;
}
