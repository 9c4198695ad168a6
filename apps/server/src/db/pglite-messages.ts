/**
 * The frontend messages the embedded database's query path sends (pglite-prepared.ts), written
 * straight into one buffer. PGlite's own serializer counts every string's UTF-8 length in a
 * JavaScript loop and grows its writer as it goes; the send batch's parameter is a JSON document of
 * kilobytes and an unnamed statement's text is sent at every call, so that was most of what PGlite's
 * JavaScript still cost the embedded node (bench/README.md, "Session 23"). Here Buffer's native
 * `byteLength` and `write` do the UTF-8. The bytes are the same as PGlite's
 * (`pglite-messages.test.ts` compares them).
 */

/** A bound value: text, binary (`ArrayBuffer` or a view), or SQL NULL. */
export type BindValue = string | ArrayBuffer | ArrayBufferView | null;

const DESCRIBE_PORTAL = [0x44, 0, 0, 0, 6, 0x50, 0]; // Describe 'P' ""
const EXECUTE = [0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]; // Execute "" 0
const SYNC = [0x53, 0, 0, 0, 4];

/**
 * Bind (the unnamed portal, `statement`'s name, `values`), Describe of the portal, Execute and
 * Sync: one extended-query cycle for a statement parsed already. Results come as text.
 */
export function bindAndExecute(statement: string, values: readonly BindValue[]): Uint8Array {
  const encoded = values.map(encodedValue);
  const lengths = encoded.map((value) =>
    value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length,
  );
  let bind = 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 * values.length + 2 + 2;
  for (const length of lengths) bind += 4 + length;
  const out = Buffer.allocUnsafe(1 + bind + DESCRIBE_PORTAL.length + EXECUTE.length + SYNC.length);
  let at = out.writeUInt8(0x42, 0); // 'B'
  at = out.writeInt32BE(bind, at);
  at = out.writeUInt8(0, at); // the unnamed portal
  at += out.write(statement, at, 'utf8');
  at = out.writeUInt8(0, at);
  at = out.writeUInt16BE(values.length, at);
  for (const value of encoded) at = out.writeInt16BE(value instanceof Uint8Array ? 1 : 0, at);
  at = out.writeUInt16BE(values.length, at);
  encoded.forEach((value, i) => {
    if (value === null) {
      at = out.writeInt32BE(-1, at);
      return;
    }
    at = out.writeInt32BE(lengths[i] as number, at);
    if (typeof value === 'string') {
      at += out.write(value, at, 'utf8');
    } else {
      out.set(value, at);
      at += value.length;
    }
  });
  at = out.writeInt16BE(0, at); // no result format codes: all text
  for (const bytes of [DESCRIBE_PORTAL, EXECUTE, SYNC]) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/**
 * Parse (`name`, or the unnamed statement when it is empty) of `text` with the parameter types
 * given (0 or missing: PostgreSQL infers them), then Describe of the statement, for the types it
 * chose.
 */
export function parseAndDescribe(name: string, text: string, types: readonly number[] = []): Uint8Array {
  const nameBytes = Buffer.byteLength(name);
  const parse = 4 + nameBytes + 1 + Buffer.byteLength(text) + 1 + 2 + 4 * types.length;
  const describe = 4 + 1 + nameBytes + 1;
  const out = Buffer.allocUnsafe(1 + parse + 1 + describe);
  let at = out.writeUInt8(0x50, 0); // 'P'
  at = out.writeInt32BE(parse, at);
  at += out.write(name, at, 'utf8');
  at = out.writeUInt8(0, at);
  at += out.write(text, at, 'utf8');
  at = out.writeUInt8(0, at);
  at = out.writeInt16BE(types.length, at);
  for (const type of types) at = out.writeInt32BE(type, at);
  at = out.writeUInt8(0x44, at); // 'D'
  at = out.writeInt32BE(describe, at);
  at = out.writeUInt8(0x53, at); // 'S'
  at += out.write(name, at, 'utf8');
  out.writeUInt8(0, at);
  return out;
}

/** A string stays a string (written as UTF-8 in place); binary becomes bytes. */
function encodedValue(value: BindValue): string | Uint8Array | null {
  if (value === null || typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
