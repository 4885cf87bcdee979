import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

const logger = new Logger('Replica');

/** Where a read goes. */
export type ReadFrom = 'primary' | 'replica';

/**
 * Runs `read` with a manager bound to one connection of a streaming replica (DATABASE_REPLICA_URLS,
 * one picked at random), for heavy public reads that a copy a moment behind cannot hurt. Everything
 * else reads the primary, which is the data source's default (data-source.ts). With `from` =
 * 'primary' (the caller may be reading its own change: see readFrom), without replicas, or when the
 * chosen replica does not answer, `read` runs on the primary.
 */
export async function onReplica<T>(
  dataSource: DataSource,
  read: (manager: EntityManager) => Promise<T>,
  from: ReadFrom = 'replica',
): Promise<T> {
  if (from === 'primary' || !dataSource.driver.isReplicated) return read(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    await runner.connect();
  } catch (err) {
    // A replica that does not answer costs the primary a read, not the visitor a page.
    await runner.release();
    logger.warn(`replica unavailable, reading the primary: ${err instanceof Error ? err.message : err}`);
    return read(dataSource.manager);
  }
  try {
    return await read(runner.manager);
  } finally {
    await runner.release();
  }
}
