/**
 * Every failure of the codec: malformed XML, a document that does not fit the schema, a value
 * that cannot be written, or a schema the codec cannot map. `path` names the place: an element
 * path such as `/Order/line[2]/@code` for documents and values, a JSON pointer such as
 * `#/components/schemas/Order/properties/line` for schemas.
 */
export class XmlCodecError extends Error {
  override readonly name = 'XmlCodecError';
  readonly path: string;
  /** Line and column in the XML text, when the XML itself is malformed. */
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(path: string, reason: string, position?: { line?: number; column?: number }) {
    const at =
      position?.line === undefined
        ? ''
        : ` (line ${position.line}, column ${position.column ?? '?'})`;
    super(`${path || '/'}: ${reason}${at}`);
    this.path = path;
    this.line = position?.line;
    this.column = position?.column;
  }
}
