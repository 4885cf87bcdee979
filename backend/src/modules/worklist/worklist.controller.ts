import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { WaitingItemDto } from './waiting-work.dto.js';
import { WaitingWork } from './waiting-work.js';

@ApiTags('worklist')
@Controller('me')
export class WorklistController {
  constructor(private readonly work: WaitingWork) {}

  @Get('waiting-work')
  @Operation({
    summary: 'What waits for me',
    description:
      'For the home page: each kind of work the caller’s roles can act on, with how many items wait (zero included), in a fixed order. Each count is that of the list the work is done from, in the caller’s scope.',
    auth: 'any',
    ok: [WaitingItemDto],
  })
  waiting(@CurrentUser() user: AuthUser): Promise<WaitingItemDto[]> {
    return this.work.of(user);
  }
}
