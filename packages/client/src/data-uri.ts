/**
 * File types `toDataUri` accepts, by file extension. This is a guard on the client side; an
 * installation may accept fewer (closing documents: DOC, PDF and XLSX).
 */
export const DATA_URI_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  xml: 'application/xml',
};

export interface DataUriOptions {
  /** MIME type of the content; needed for bytes, otherwise taken from the file name or the Blob. */
  mimeType?: string;
  /** Largest accepted size in bytes. Default 20 MiB; `Infinity` for no limit. */
  maxBytes?: number;
}

/** Bytes, a Blob (or File), or, where `node:fs` exists, a file path or `file:` URL. */
export type DataUriInput = Uint8Array | ArrayBuffer | Blob | string | URL;

// Kept in a variable so that browser bundlers leave the import alone.
const FS_MODULE = 'node:fs/promises';

function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Turns a file into the `data:<mime>;base64,<data>` string that closing documents, free access
 * documents and notes take. The type comes from `mimeType`, else the file name's extension, else
 * the Blob's type; types outside `DATA_URI_TYPES` and files over `maxBytes` are refused.
 */
export async function toDataUri(
  input: DataUriInput,
  options: DataUriOptions = {},
): Promise<string> {
  const { maxBytes = 20 * 1024 * 1024 } = options;
  const checkSize = (size: number) => {
    if (size > maxBytes) {
      throw new RangeError(
        `toDataUri: the file has ${size} bytes, more than maxBytes (${maxBytes})`,
      );
    }
  };
  let bytes: Uint8Array;
  let name = '';
  let blobType = '';
  if (typeof input === 'string' || input instanceof URL) {
    name = String(input);
    let fs: {
      stat(path: string | URL): Promise<{ size: number }>;
      readFile(path: string | URL): Promise<Uint8Array>;
    };
    try {
      fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE);
    } catch {
      throw new TypeError(
        'toDataUri: file paths can be read only where node:fs exists (Node.js, Deno, Bun); pass bytes or a Blob',
      );
    }
    checkSize((await fs.stat(input)).size);
    bytes = new Uint8Array(await fs.readFile(input));
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    name = (input as Blob & { name?: string }).name ?? '';
    blobType = input.type;
    checkSize(input.size);
    bytes = new Uint8Array(await input.arrayBuffer());
  } else if (input instanceof ArrayBuffer) {
    bytes = new Uint8Array(input);
  } else if (ArrayBuffer.isView(input)) {
    bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  } else {
    throw new TypeError('toDataUri: pass a Uint8Array, an ArrayBuffer, a Blob or a file path');
  }
  checkSize(bytes.byteLength);
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const mime = (
    options.mimeType ||
    (Object.hasOwn(DATA_URI_TYPES, extension) && DATA_URI_TYPES[extension]) ||
    blobType
  )
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (!mime) {
    throw new TypeError(
      `toDataUri: cannot tell the file type${name ? ` of ${name}` : ''}; pass options.mimeType`,
    );
  }
  if (!Object.values(DATA_URI_TYPES).includes(mime)) {
    throw new TypeError(
      `toDataUri: ${mime} is not an accepted file type; accepted: ${Object.keys(DATA_URI_TYPES).join(', ')}`,
    );
  }
  return `data:${mime};base64,${base64(bytes)}`;
}
