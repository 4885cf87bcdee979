import { ApiProperty } from '@nestjs/swagger';
import { WORK_KINDS, type WorkKind } from './waiting-work.js';

export class WaitingItemDto {
  @ApiProperty({
    enum: WORK_KINDS,
    enumName: 'WorkKind',
    description:
      'approvals: disbursements at the caller’s step; records_to_approve: service records of projects the caller leads; resident_requests and needs_to_triage, ratings_to_moderate: a community’s queues; services_to_rate: services the caller received and has not rated; tenders_to_score: tenders whose panel the caller sits on, scores owed; organizations_to_verify: registrations and identity changes of the caller’s street; invitations: to join an organization',
    example: 'approvals',
  })
  kind!: WorkKind;

  @ApiProperty({ minimum: 0, example: 3 })
  count!: number;
}
