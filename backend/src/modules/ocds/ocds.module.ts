import { Module } from '@nestjs/common';
import { OcdsController } from './ocds.controller.js';
import { OcdsService } from './ocds.service.js';

@Module({ controllers: [OcdsController], providers: [OcdsService] })
export class OcdsModule {}
