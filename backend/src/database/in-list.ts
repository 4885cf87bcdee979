/** The SQL of a CHECK that a column holds one of the values: `status IN ('a', 'b')`. */
export const inList = (column: string, values: readonly string[]) =>
  `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
