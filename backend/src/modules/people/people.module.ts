import { Module } from '@nestjs/common';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { peopleWork } from './people-work.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

@Module({
  imports: [WorklistCoreModule],
  controllers: [PeopleController],
  providers: [PeopleService, workSource(peopleWork)],
})
export class PeopleModule {}
