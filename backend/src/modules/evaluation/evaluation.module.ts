import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module.js';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { panelWork } from './panel-work.js';
import { ComplaintsService } from './complaints.service.js';
import { EvaluationController } from './evaluation.controller.js';
import { EvaluationService } from './evaluation.service.js';
import { PanelService } from './panel.service.js';

@Module({
  imports: [ContractsModule, DocumentsCoreModule, WorklistCoreModule],
  controllers: [EvaluationController],
  providers: [EvaluationService, PanelService, ComplaintsService, workSource(panelWork)],
  exports: [EvaluationService, PanelService, ComplaintsService],
})
export class EvaluationModule {}
