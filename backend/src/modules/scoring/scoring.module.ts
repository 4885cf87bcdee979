import { Global, Module } from '@nestjs/common';
import { ScoreTrigger } from './score-trigger.js';
import { ScoringService } from './scoring.service.js';

@Global()
@Module({ providers: [ScoringService, ScoreTrigger], exports: [ScoringService, ScoreTrigger] })
export class ScoringModule {}
