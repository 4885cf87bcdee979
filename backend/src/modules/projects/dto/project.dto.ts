import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { SearchField } from '../../../common/http/fields.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';

export class CreateProjectDto {
  @ApiProperty({
    format: 'uuid',
    description: 'User id of the lead, an active member of the organization',
    example: '00000000-0000-4000-8000-000000000601',
  })
  @IsUUID()
  leadUserId!: string;

  @ApiProperty({
    type: [String],
    description: 'User ids of the team (active members)',
    example: ['00000000-0000-4000-8000-000000000602'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberUserIds!: string[];
}

/** 验收评价: the community staff's rating given when they accepted the milestone. */
export class MilestoneAcceptanceRatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) quality!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) timeliness!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) cooperation!: number;
  @ApiProperty({ description: 'Empty when none was given' }) comment!: string;
  @ApiProperty({ description: 'The community staff member who accepted and rated' }) ratedByName!: string;
  @ApiProperty() createdAt!: string;
}

export class MilestoneProgressDto {
  @ApiProperty() milestoneId!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() name!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'Approved service hours up to the due date' }) approvedHours!: number;
  @ApiProperty() minApprovedHours!: number;
  @ApiProperty({ description: 'Distinct residents who confirmed a service up to the due date' })
  confirmedBeneficiaries!: number;
  @ApiProperty() minConfirmedBeneficiaries!: number;
  @ApiProperty({
    description:
      'Deliverable files the request must attach and community staff must find clean to accept it (0: none)',
  })
  minDeliverables!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of all rating scores (1–5) up to the due date',
  })
  satisfaction!: number | null;
  @ApiProperty({ description: 'Whether the acceptance rule is met' }) ruleMet!: boolean;
  @ApiProperty({
    type: MilestoneAcceptanceRatingDto,
    nullable: true,
    description: 'The rating given at acceptance (the latest acceptance, one per milestone); null before',
  })
  acceptanceRating!: MilestoneAcceptanceRatingDto | null;
}

export class ProjectDto {
  @ApiProperty() id!: string;
  @ApiProperty() contractId!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() leadUserId!: string;
  @ApiProperty({ type: [String] }) memberUserIds!: string[];
  @ApiProperty({ type: [String] }) communityIds!: string[];
  @ApiProperty() status!: string;
  @ApiProperty({ type: [MilestoneProgressDto] }) milestones!: MilestoneProgressDto[];
}

export class ProjectSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'The caller leads it (approves its records)' }) isLead!: boolean;
  @ApiProperty() status!: string;
}

export class ProjectSummaryPageDto extends PageDto(ProjectSummaryDto) {}

export const PROJECT_STATUSES = ['active', 'completed'] as const;
export const PROJECT_LIST_SORTS = ['newest', 'oldest'] as const;
export type ProjectListSort = (typeof PROJECT_LIST_SORTS)[number];

/** `?q=&status=&sort=` of the caller's projects. */
export class ProjectListQueryDto extends PageQueryDto {
  @SearchField("Part of the project's title or its organization's name (探访, 阳光…)", '探访')
  q?: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, enumName: 'ProjectStatus' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: (typeof PROJECT_STATUSES)[number];

  @ApiPropertyOptional({
    enum: PROJECT_LIST_SORTS,
    enumName: 'ProjectListSort',
    default: 'newest',
    description: 'By when the project started: newest or oldest first',
  })
  @IsOptional()
  @IsIn(PROJECT_LIST_SORTS)
  sort?: ProjectListSort = 'newest';
}

export class ProjectResidentDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() communityId!: string;
}

export class ProjectResidentPageDto extends PageDto(ProjectResidentDto) {}

/** `?communityId=&q=` of a project's residents: one community's, whose names contain q. */
export class ProjectResidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the residents of this community' })
  @IsOptional()
  @IsUUID()
  communityId?: string;

  @ApiPropertyOptional({ description: 'Part of the name, any case', example: '王' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
