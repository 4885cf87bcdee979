/** The If-Match value for a write of the version the page showed (the API's ETag is `"<version>"`). */
export const ifMatch = (version: number): string => `"${version}"`;
