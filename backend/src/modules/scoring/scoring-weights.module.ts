import { Module } from '@nestjs/common';
import { ScoringWeightsController } from './scoring-weights.controller.js';
import { ScoringWeightsService } from './scoring-weights.service.js';

/** The street director's page of score weights (HTTP only; the scoring statement reads the table). */
@Module({ controllers: [ScoringWeightsController], providers: [ScoringWeightsService] })
export class ScoringWeightsModule {}
