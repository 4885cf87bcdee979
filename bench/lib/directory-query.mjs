// The directory search's SQL, taken from the app itself: DirectoryRepository.searchQuery(dto) from the
// compiled backend, with the DTO filled from a query string the way the HTTP layer fills it.
import 'reflect-metadata';
import { backend } from './common.mjs';

const FIELDS = ['q', 'type', 'category', 'communityId', 'streetId', 'minGrade', 'sort', 'cursor'];

/** Opens a DataSource on `databaseUrl` (used to build SQL only) and returns the SQL maker. */
export async function directoryQueries(databaseUrl) {
  const { createDataSource, dataSourceOptions } = await backend('database/data-source.js');
  const { DirectoryRepository } = await backend('modules/directory/directory.repository.js');
  const { DirectoryQueryDto } = await backend('modules/directory/directory.dto.js');
  const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: 'public' };
  const dataSource = await createDataSource(env).initialize();
  const repository = new DirectoryRepository(dataSource);

  /** The DTO as the query string fills it (trimmed; validation left out: the load is well-formed). */
  function toDto(query) {
    const dto = new DirectoryQueryDto();
    for (const f of FIELDS) {
      const v = typeof query[f] === 'string' ? query[f].trim() : undefined;
      if (v) dto[f] = v;
    }
    // `tier` is a list (tier=A,B or repeated), as the API's TierFilter reads it.
    if (query.tier !== undefined) dto.tier = [query.tier].flat().flatMap((t) => String(t).split(','));
    if (query.limit !== undefined) dto.limit = Number(query.limit);
    return dto;
  }

  return {
    toDto,
    /** [sql, parameters] of a DTO, exactly as the API would run them. */
    sqlOf: (dto) => repository.searchQuery(dto).getQueryAndParameters(),
    /** [sql, parameters] of a request path such as /api/directory?q=养老. */
    sqlOfPath: (path) =>
      repository
        .searchQuery(toDto(Object.fromEntries(new URL(path, 'http://x').searchParams)))
        .getQueryAndParameters(),
    /** The app's pool settings (size, session options), for a pool of the same shape. */
    poolOptions: () => dataSourceOptions(env).extra,
    close: () => dataSource.destroy(),
  };
}
