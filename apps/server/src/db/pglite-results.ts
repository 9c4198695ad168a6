import { parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

type Parsers = Parameters<typeof parse.parseResults>[1];
type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

const decoder = new TextDecoder();

/** Message types (the first byte of each backend message) that `readResults` reads itself. */
const ROW_DESCRIPTION = 0x54; // T
const DATA_ROW = 0x44; // D
const COMMAND_COMPLETE = 0x43; // C
const ERROR_RESPONSE = 0x45; // E
const NOTICE_RESPONSE = 0x4e; // N
const PARAMETER_DESCRIPTION = 0x74; // t
/** Commands whose count is the rows they changed (PGlite's `affectedRows`). */
const CHANGING = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * The result of one extended-query cycle (Bind … Execute, Sync), read from the backend's raw answer
 * as PGlite's `query` would give it: the same rows, fields, command and counts, each value through
 * the same type parsers. PGlite's own path parses every message into an object (copying each field
 * into a buffer of its own), then builds each row from pairs, looking up each field's parser anew:
 * for the send statement's wide rows that was a tenth of the embedded node's CPU (bench/README.md,
 * session 22). Here each field is decoded in place and each column's parser is looked up once.
 *
 * An answer with an error or a notice in it goes through PGlite's own parser, which makes the
 * `DatabaseError` it would throw (code, detail, constraint…); it is thrown.
 */
export function readResults<T>(raw: Uint8Array, parsers: Parsers, options?: QueryOptions): Results<T> {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const asArrays = options?.rowMode === 'array';
  let fields: { name: string; dataTypeID: number }[] = [];
  let columns: ((value: string) => unknown)[] = [];
  let rows: unknown[] = [];
  let affectedRows = 0;
  let result: Results<T> | undefined;
  for (let at = 0; at + 5 <= raw.length; ) {
    const type = raw[at] as number;
    const end = at + 1 + view.getInt32(at + 1);
    if (type === ERROR_RESPONSE || type === NOTICE_RESPONSE) return throughPglite(raw, parsers, options);
    if (type === ROW_DESCRIPTION) {
      const count = view.getInt16(at + 5);
      fields = [];
      columns = [];
      let p = at + 7;
      for (let i = 0; i < count; i++) {
        const nameEnd = raw.indexOf(0, p);
        const name = decoder.decode(raw.subarray(p, nameEnd));
        // after the name: table oid (4), column number (2), then the type oid
        const typeId = view.getInt32(nameEnd + 7);
        fields.push({ name, dataTypeID: typeId });
        // the caller's parser for the type, else the client's (PGlite merges the two maps on every call)
        const parse = options?.parsers?.[typeId] ?? parsers[typeId];
        columns.push(parse ? (value: string) => parse(value, typeId) : (value: string) => value);
        // type oid (4), type size (2), type modifier (4), format (2)
        p = nameEnd + 19;
      }
    } else if (type === DATA_ROW) {
      const count = view.getInt16(at + 5);
      let p = at + 7;
      const values: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const length = view.getInt32(p);
        p += 4;
        if (length < 0) values[i] = null;
        else {
          values[i] = (columns[i] as (value: string) => unknown)(textAt(raw, p, length));
          p += length;
        }
      }
      if (asArrays) rows.push(values);
      else {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) row[(fields[i] as { name: string }).name] = values[i];
        rows.push(row);
      }
    } else if (type === COMMAND_COMPLETE && !result) {
      const words = decoder.decode(raw.subarray(at + 5, end - 1)).split(' ');
      const command = words[0] ?? '';
      const counted = Number.parseInt(words[words.length - 1] ?? '', 10);
      if (CHANGING.has(command)) affectedRows += counted;
      result = { rows: rows as T[], fields, command, affectedRows } as Results<T>;
      if (!Number.isNaN(counted)) (result as { rowCount?: number }).rowCount = counted;
      rows = [];
      fields = [];
    }
    at = end;
  }
  return result ?? ({ rows: [], fields: [], affectedRows: 0 } as Results<T>);
}

/**
 * The parameters' type ids of a statement, from the answer to its Parse and Describe; the error, if
 * it has one (a syntax error, an unknown column), is thrown as PGlite would throw it.
 */
export function readParameterTypes(raw: Uint8Array, parsers: Parsers): number[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let at = 0; at + 5 <= raw.length; ) {
    const type = raw[at] as number;
    if (type === ERROR_RESPONSE) throughPglite(raw, parsers);
    if (type === PARAMETER_DESCRIPTION) {
      const count = view.getInt16(at + 5);
      return Array.from({ length: count }, (_, i) => view.getInt32(at + 7 + 4 * i));
    }
    at += 1 + view.getInt32(at + 1);
  }
  return [];
}

/**
 * The text of a field. TextDecoder is a call into C++ for every field, a microsecond each, most of a
 * row's cost; short ASCII text (ids, numbers, timestamps, names) is read here instead.
 */
function textAt(raw: Uint8Array, at: number, length: number): string {
  if (length > SHORT) return decoder.decode(raw.subarray(at, at + length));
  let text = '';
  for (let i = at; i < at + length; i++) {
    const byte = raw[i] as number;
    if (byte > 0x7f) return decoder.decode(raw.subarray(at, at + length));
    text += String.fromCharCode(byte);
  }
  return text;
}

/** Fields up to this many bytes are tried as ASCII (textAt). */
const SHORT = 64;

/** An answer `readResults` leaves to PGlite: its error thrown, or its results (a notice is dropped, as PGlite drops it). */
function throughPglite<T>(raw: Uint8Array, parsers: Parsers, options?: QueryOptions): Results<T> {
  const messages: BackendMessage[] = [];
  new protocol.Parser().parse(raw, (message) => messages.push(message));
  const failed = messages.find((m) => m instanceof protocol.messages.DatabaseError);
  if (failed) throw failed;
  return parse.parseResults(messages, parsers, options)[0] as Results<T>;
}
