import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env.js';

/** Provides the validated Env to every module; the process stops at boot when it is invalid. */
@Global()
@Module({ providers: [{ provide: Env, useFactory: () => loadEnv() }], exports: [Env] })
export class ConfigModule {}
