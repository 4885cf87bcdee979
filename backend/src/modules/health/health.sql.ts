import type { Queryable } from '../../common/database/queryable.js';

/** The cheapest round trip that proves the database answers. */
export const ping = (db: Queryable): Promise<unknown> => db.query('SELECT 1');
