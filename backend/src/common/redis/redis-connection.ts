import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Env } from '../../config/env.js';

type RedisEnv = Pick<Env, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;

/**
 * A client of our Redis: a Cluster over the seed nodes of REDIS_CLUSTER_NODES when set, else the
 * single Redis of REDIS_URL. On a cluster, the keys one script or command touches together must
 * share a hash tag (`{…}`), or the cluster refuses it (CROSSSLOT).
 */
export function createRedis(env: RedisEnv, options: RedisOptions = {}): Redis | Cluster {
  if (!env.REDIS_CLUSTER_NODES) return new Redis(env.REDIS_URL, options);
  const nodes = env.REDIS_CLUSTER_NODES.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });
  // Every node is reached with REDIS_URL's credentials and TLS.
  const url = new URL(env.REDIS_URL);
  const { keyPrefix, lazyConnect, ...nodeOptions } = options;
  return new Cluster(nodes, {
    keyPrefix,
    lazyConnect,
    redisOptions: {
      ...(url.username && { username: decodeURIComponent(url.username) }),
      ...(url.password && { password: decodeURIComponent(url.password) }),
      ...(url.protocol === 'rediss:' && { tls: {} }),
      ...nodeOptions,
    },
  });
}

/**
 * The prefix of the queues' keys. On a cluster it is a hash tag (`{sanshe}`): BullMQ's scripts
 * touch many keys of a queue at once, so all of them must hash to one slot. A single Redis keeps
 * the plain prefix, so the keys of a running deployment stay where they are.
 */
export function queuePrefix(env: RedisEnv & Pick<Env, 'QUEUE_PREFIX'>): string {
  return env.REDIS_CLUSTER_NODES ? `{${env.QUEUE_PREFIX}}` : env.QUEUE_PREFIX;
}
