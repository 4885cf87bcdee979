import type { DataSource, EntityManager } from 'typeorm';

/** Where a read goes. */
export type ReadFrom = 'primary' | 'replica';

/**
 * Runs `read` with a manager bound to one connection of a streaming replica (DATABASE_REPLICA_URLS,
 * one picked at random), for heavy public reads that a copy a moment behind cannot hurt. Everything
 * else reads the primary, which is the data source's default (data-source.ts). With `from` =
 * 'primary' (the caller may be reading its own change: see readFrom) or without replicas, `read`
 * runs on the primary.
 */
export async function onReplica<T>(
  dataSource: DataSource,
  read: (manager: EntityManager) => Promise<T>,
  from: ReadFrom = 'replica',
): Promise<T> {
  if (from === 'primary' || !dataSource.driver.isReplicated) return read(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await read(runner.manager);
  } finally {
    await runner.release();
  }
}
