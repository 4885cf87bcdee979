/** class-transformer `@Transform` functions for request fields, shared by the DTOs. */
type Input = { value: unknown };

/** Surrounding white space removed. */
export const trim = ({ value }: Input) => (typeof value === 'string' ? value.trim() : value);

/** Trimmed and lower-cased (e-mail addresses). */
export const trimLower = ({ value }: Input) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Trimmed, and an empty string counts as absent (optional fields and filters). */
export const trimOrAbsent = ({ value }: Input) =>
  typeof value === 'string' ? value.trim() || undefined : value;

/** `?flag=true|false` as a boolean (query strings carry text); anything else is left for the validator to name. */
export const queryBoolean = ({ value }: Input) =>
  value === 'true' ? true : value === 'false' ? false : value;
