import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  MEMBER_STATUSES,
  QUALIFICATION_LEVELS,
  type MemberStatus,
  type QualificationLevel,
} from '../org-member.entity.js';
import { PageDto, PageQueryDto } from '../../../common/pagination/page.js';
import { BoolField, SearchField, TextField } from '../../../common/http/fields.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class InviteMemberDto {
  @ApiProperty({
    example: 'li.na@example.cn',
    description: 'The invitation is accepted only by the account that verified this address',
  })
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({
    example: '13800138000',
    description:
      'A contact note for the organization; never used to match the invitee (phones are not verified)',
  })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,15}$/, { message: 'phone must be 6 to 15 digits' })
  phone?: string;
}

export class QualificationDto {
  @ApiProperty({ example: 'social_worker', enum: QUALIFICATION_LEVELS, enumName: 'QualificationLevel' })
  @IsIn(QUALIFICATION_LEVELS)
  level!: QualificationLevel;

  @TextField(4, 40, { example: 'S2024330100123' })
  certificateNo!: string;
}

export class MemberDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ type: String, nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true }) invitedEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) invitedPhone!: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' }) status!: MemberStatus;
  @ApiProperty({ type: String, enum: QUALIFICATION_LEVELS, enumName: 'QualificationLevel', nullable: true })
  qualificationLevel!: QualificationLevel | null;
  @ApiProperty({ type: String, nullable: true }) certificateNo!: string | null;
  @ApiProperty() qualificationVerified!: boolean;
  @ApiProperty({ description: 'Sent as the ETag; +1 on every write', example: 2 }) version!: number;
  @ApiProperty() createdAt!: Date;
}

export class MemberPageDto extends PageDto(MemberDto) {}

export class ResidentRequestDto {
  @ApiPropertyOptional({
    example: '3号楼2单元501',
    description: 'What helps the staff recognise you (building, unit)',
    maxLength: 200,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class DecisionDto {
  @BoolField({ example: false }) approve!: boolean;

  @ApiPropertyOptional({ example: '该地址不在本社区', description: 'Required when refusing' })
  @ValidateIf((o: DecisionDto) => !o.approve || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason?: string;
}

export class ResidentRequestViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ enum: ['pending', 'verified', 'refused'] }) status!: 'pending' | 'verified' | 'refused';
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class MemberListQueryDto extends PageQueryDto {
  @SearchField("Part of the member's name, invited e-mail or phone", '李')
  q?: string;
}

export class ResidentQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'verified', 'refused'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'verified', 'refused'])
  status: 'pending' | 'verified' | 'refused' = 'pending';

  @SearchField("Part of the resident's name or e-mail", '王')
  q?: string;
}

export class ResidentRequestViewPageDto extends PageDto(ResidentRequestViewDto) {}
