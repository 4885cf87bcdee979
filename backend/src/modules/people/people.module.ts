import { Module } from '@nestjs/common';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { PeopleWork } from './people-work.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

@Module({
  imports: [WorklistCoreModule],
  controllers: [PeopleController],
  providers: [PeopleService, PeopleWork],
})
export class PeopleModule {}
