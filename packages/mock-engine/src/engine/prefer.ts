/** What a `Prefer` header asks of the mock, as Prism reads it. */
export interface Preference {
  code?: number;
  example?: string;
  dynamic?: boolean;
}

/**
 * Parses `Prefer: code=404, example=notFound, dynamic=true` (commas or semicolons
 * between the preferences, values optionally quoted). Unknown preferences are ignored.
 */
export function parsePrefer(header: string | undefined): Preference | undefined {
  if (!header) return undefined;
  const preference: Preference = {};
  let found = false;
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'code' && /^[1-5][0-9]{2}$/.test(value)) {
      preference.code = Number(value);
      found = true;
    } else if (name === 'example' && value !== '') {
      preference.example = value;
      found = true;
    } else if (name === 'dynamic') {
      preference.dynamic = value === 'true';
      found = true;
    }
  }
  return found ? preference : undefined;
}
