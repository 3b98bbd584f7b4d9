/** Whether a media type carries JSON: `application/json` or a `+json` suffix. */
export function isJsonMediaType(mediaType: string): boolean {
  const type = essence(mediaType);
  return type === 'application/json' || type.endsWith('+json');
}

/** Whether a declared media type (maybe with wildcards) accepts a concrete one. */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === actual || declared === '*/*') return true;
  if (declared.endsWith('/*')) return actual.startsWith(declared.slice(0, -1));
  return false;
}

/** The media type of a `Content-Type` header, lower-case, without parameters. */
export function essence(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
