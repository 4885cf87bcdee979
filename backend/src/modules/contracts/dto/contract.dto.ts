import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';

export class ContractTermsDto {
  @ApiProperty({ type: String, format: 'date', example: '2027-01-01' })
  @Type(() => Date)
  @IsDate()
  startsOn!: Date;
  @ApiProperty({ type: String, format: 'date', example: '2027-12-31' })
  @Type(() => Date)
  @IsDate()
  endsOn!: Date;
}

export class MilestoneViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() name!: string;
  @ApiProperty() shareBp!: number;
  @ApiProperty() amountFen!: number;
  @ApiProperty() dueOn!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'Acceptance rule: clean deliverable files needed (0: none)' })
  minDeliverables!: number;
}

export class ContractDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) tenderId!: string | null;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ type: [MilestoneViewDto] }) milestones!: MilestoneViewDto[];
}
