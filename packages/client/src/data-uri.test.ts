import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_URI_TYPES, toDataUri } from './data-uri.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n%%EOF\n');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ap-client-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('toDataUri', () => {
  it('encodes bytes with the given type', async () => {
    expect(await toDataUri(PDF, { mimeType: 'application/pdf' })).toBe(
      `data:application/pdf;base64,${b64(PDF)}`,
    );
  });

  it('encodes an ArrayBuffer and a view into a larger buffer', async () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 250, 251]).buffer;
    expect(await toDataUri(buffer, { mimeType: 'text/plain' })).toBe(
      'data:text/plain;base64,AAECA/r7',
    );
    const view = new Uint8Array(buffer, 2, 3);
    expect(await toDataUri(view, { mimeType: 'text/csv' })).toBe('data:text/csv;base64,AgP6');
  });

  it('encodes a file larger than one chunk correctly', async () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const uri = await toDataUri(big, { mimeType: 'image/png' });
    expect(uri).toBe(`data:image/png;base64,${b64(big)}`);
  });

  it('takes the type of a Blob, and of a File from its name', async () => {
    expect(await toDataUri(new Blob([PDF], { type: 'application/pdf' }))).toBe(
      `data:application/pdf;base64,${b64(PDF)}`,
    );
    const file = new File([PDF], 'Invoice 11.XLSX');
    expect(await toDataUri(file)).toBe(
      `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${b64(PDF)}`,
    );
    const typed = new Blob(['a,b\n1,2\n'], { type: 'text/csv;charset=utf-8' });
    expect(await toDataUri(typed)).toBe('data:text/csv;base64,YSxiCjEsMgo=');
  });

  it('reads a file path or file URL, with the type from the extension', async () => {
    const path = join(dir, 'act.pdf');
    await writeFile(path, PDF);
    const expected = `data:application/pdf;base64,${b64(PDF)}`;
    expect(await toDataUri(path)).toBe(expected);
    expect(await toDataUri(pathToFileURL(path))).toBe(expected);
  });

  it.each(Object.entries(DATA_URI_TYPES))('knows .%s as %s', async (extension, mime) => {
    expect(await toDataUri(new File(['x'], `file.${extension}`))).toBe(`data:${mime};base64,eA==`);
  });

  it('refuses types outside the list, naming the accepted ones', async () => {
    await expect(toDataUri(new Blob(['<svg/>'], { type: 'image/svg+xml' }))).rejects.toThrow(
      /image\/svg\+xml is not an accepted file type; accepted: pdf, doc, docx, xls, xlsx/,
    );
    await expect(toDataUri(new File(['MZ'], 'setup.exe'))).rejects.toThrow(TypeError);
    await expect(toDataUri(PDF, { mimeType: 'application/zip' })).rejects.toThrow(
      /not an accepted file type/,
    );
  });

  it('asks for mimeType when it cannot tell the type', async () => {
    await expect(toDataUri(PDF)).rejects.toThrow(
      /cannot tell the file type; pass options.mimeType/,
    );
    await expect(toDataUri(new File(['x'], 'README'))).rejects.toThrow(
      /cannot tell the file type of README/,
    );
    await expect(toDataUri(new File(['x'], 'x.constructor'))).rejects.toThrow(/cannot tell/);
  });

  it('refuses files over maxBytes, whatever the input', async () => {
    const path = join(dir, 'big.pdf');
    await writeFile(path, new Uint8Array(2048));
    const message = /the file has 2048 bytes, more than maxBytes \(1024\)/;
    await expect(toDataUri(path, { maxBytes: 1024 })).rejects.toThrow(message);
    await expect(
      toDataUri(new Blob([new Uint8Array(2048)], { type: 'application/pdf' }), { maxBytes: 1024 }),
    ).rejects.toThrow(message);
    await expect(
      toDataUri(new Uint8Array(2048), { mimeType: 'application/pdf', maxBytes: 1024 }),
    ).rejects.toThrow(RangeError);
    await expect(
      toDataUri(new Uint8Array(2048), { mimeType: 'text/plain', maxBytes: 2048 }),
    ).resolves.toMatch(/^data:text\/plain;base64,/);
  });

  it('refuses inputs it cannot read', async () => {
    await expect(toDataUri(42 as unknown as Uint8Array)).rejects.toThrow(
      /pass a Uint8Array, an ArrayBuffer, a Blob or a file path/,
    );
    await expect(toDataUri(join(dir, 'missing.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('round-trips any bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (bytes) => {
        const uri = await toDataUri(bytes, { mimeType: 'application/pdf' });
        const decoded = Buffer.from(uri.slice('data:application/pdf;base64,'.length), 'base64');
        expect(new Uint8Array(decoded)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });
});
