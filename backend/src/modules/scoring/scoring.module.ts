import { Global, Module } from '@nestjs/common';
import { ScoreReadService } from './score-read.service.js';
import { ScoreTrigger } from './score-trigger.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

/** Global: recomputation and its triggers, shared by the API and the workers. */
@Global()
@Module({ providers: [ScoringService, ScoreTrigger], exports: [ScoringService, ScoreTrigger] })
export class ScoringModule {}

/** The public score pages and leaderboards (HTTP only). */
@Module({ imports: [ScoringModule], controllers: [ScoringController], providers: [ScoreReadService] })
export class ScoringApiModule {}
