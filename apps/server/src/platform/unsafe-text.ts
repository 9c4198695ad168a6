import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { AppError } from './errors.js';

/** Where a string that cannot be stored was found, and why it cannot. */
export interface UnsafeText {
  /** Keys and indexes from the root of the input to the string (a key's own path when the key is the string). */
  path: (string | number)[];
  message: string;
}

// With the `u` flag a surrogate pair is one code point outside this range, so only lone halves match.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSAFE = /[\u0000\ud800-\udfff]/u;

function reason(text: string): string | undefined {
  const found = UNSAFE.exec(text)?.[0];
  if (found === undefined) return undefined;
  return found === '\u0000'
    ? 'must not contain the NUL character (\\u0000)'
    : 'must not contain an unpaired UTF-16 surrogate';
}

// Binary data is not text; other objects (Fastify's query and params objects have prototypes of
// their own) are walked by their own enumerable keys.
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);

/**
 * The first string (value or object key) in `input` that PostgreSQL cannot store: text columns
 * refuse NUL, and json/jsonb (the audit log) refuses a lone surrogate. Every input is checked
 * here before its schema, so no field of any request or event can carry one to the database.
 * Walks objects and arrays without recursion, so any nesting depth is safe; buffers are not text.
 */
export function findUnsafeText(input: unknown): UnsafeText | undefined {
  // Each entry links to its parent rather than copying its path, so deep nesting stays linear.
  type Entry = { value: unknown; key?: string | number; parent?: Entry };
  const pathOf = (entry: Entry | undefined, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let e = entry; e?.key !== undefined; e = e.parent) path.unshift(e.key);
    return path;
  };
  const stack: Entry[] = [{ value: input }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value } = entry;
    if (typeof value === 'string') {
      const why = reason(value);
      if (why) return { path: pathOf(entry), message: why };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: entry });
    } else if (isRecord(value)) {
      for (const key of Object.keys(value).reverse()) {
        const why = reason(key);
        if (why) return { path: pathOf(entry, key), message: `key ${why}` };
        stack.push({ value: value[key], key, parent: entry });
      }
    }
  }
  return undefined;
}

/** Throws `validation_failed` naming the field when `input` holds text that cannot be stored. */
export function refuseUnsafeText(input: unknown): void {
  const unsafe = findUnsafeText(input);
  if (!unsafe) return;
  const field = unsafe.path.join('.') || 'payload';
  throw new AppError('validation_failed', `${field}: ${unsafe.message}`, {
    issues: [{ path: unsafe.path.join('.'), message: unsafe.message }],
  });
}

/**
 * Wraps the zod validator compiler so every validated part of a request (body, querystring,
 * params, headers) is first checked for unstorable text. The refusal is a validation error like
 * zod's own, so it comes out as `validation_failed` naming the field.
 */
export function refusingUnsafeText<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route);
    return (data: unknown) => {
      const unsafe = findUnsafeText(data);
      if (!unsafe) return validate(data);
      const issue = {
        // fastify-type-provider-zod marks its issues so; our error handler reads them the same way
        [Symbol.for('ZodFastifySchemaValidationError')]: true,
        keyword: 'unsafe_text',
        instancePath: `/${unsafe.path.join('/')}`,
        schemaPath: '#',
        message: unsafe.message,
        params: {},
      } as FastifySchemaValidationError;
      return { error: [issue] };
    };
  };
}
