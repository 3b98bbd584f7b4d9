/**
 * Reading the credentials an operation's security asks for: an API key in a header, the
 * query or a cookie; HTTP Basic; a bearer token (HTTP bearer, OAuth2, OpenID Connect).
 * Whose they are is the dialect's to say.
 */
import type { OperationModel, SecuritySchemeModel } from '@proseapi/openapi-model';

export type Credential =
  | { scheme: string; type: 'apiKey'; value: string }
  | { scheme: string; type: 'basic'; username: string; password: string }
  | { scheme: string; type: 'bearer'; token: string }
  /** Another HTTP authentication scheme: the `Authorization` value after the scheme name. */
  | { scheme: string; type: 'http'; authScheme: string; value: string };

export interface CredentialSource {
  header(name: string): string | undefined;
  query(name: string): string | undefined;
}

type Reader = (source: CredentialSource) => Credential | undefined | null;

function cookie(source: CredentialSource, name: string): string | undefined {
  for (const part of (source.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function authorization(source: CredentialSource): { scheme: string; value: string } | undefined {
  const header = source.header('authorization')?.trim();
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space === -1) return undefined;
  const value = header.slice(space + 1).trim();
  return value ? { scheme: header.slice(0, space).toLowerCase(), value } : undefined;
}

function decodeBasic(value: string): { username: string; password: string } | undefined {
  let text: string;
  try {
    text = atob(value);
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  if (colon === -1) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** A reader per scheme; `null` means the scheme asks for nothing a request can carry. */
function readerOf(scheme: SecuritySchemeModel): Reader {
  const name = scheme.name;
  if (scheme.type === 'apiKey') {
    const key = scheme.parameterName ?? '';
    const read =
      scheme.in === 'query'
        ? (s: CredentialSource) => s.query(key)
        : scheme.in === 'cookie'
          ? (s: CredentialSource) => cookie(s, key)
          : (s: CredentialSource) => s.header(key.toLowerCase());
    return (source) => {
      const value = read(source)?.trim();
      return value ? { scheme: name, type: 'apiKey', value } : undefined;
    };
  }
  if (scheme.type === 'mutualTLS') return () => null;
  const expected = scheme.type === 'http' ? (scheme.scheme ?? 'bearer') : 'bearer';
  return (source) => {
    const found = authorization(source);
    if (!found || found.scheme !== expected) return undefined;
    if (expected === 'basic') {
      const basic = decodeBasic(found.value);
      return basic ? { scheme: name, type: 'basic', ...basic } : undefined;
    }
    if (expected === 'bearer') return { scheme: name, type: 'bearer', token: found.value };
    return { scheme: name, type: 'http', authScheme: expected, value: found.value };
  };
}

export interface CredentialCheck {
  /** Whether the operation asks for credentials at all. */
  required: boolean;
  /** The credentials of the first alternative the request satisfies completely. */
  credentials: Credential[] | undefined;
}

const NONE: CredentialCheck = { required: false, credentials: [] };

/** The credential readers of an operation, built once. */
export function credentialReader(
  op: OperationModel,
): (source: CredentialSource) => CredentialCheck {
  if (op.security.length === 0) return () => NONE;
  const alternatives = op.security.map((alternative) => alternative.map(readerOf));
  return (source) => {
    for (const readers of alternatives) {
      const credentials: Credential[] = [];
      let complete = true;
      for (const read of readers) {
        const credential = read(source);
        if (credential === undefined) {
          complete = false;
          break;
        }
        if (credential) credentials.push(credential);
      }
      if (complete) return { required: true, credentials };
    }
    return { required: true, credentials: undefined };
  };
}
