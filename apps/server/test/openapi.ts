import { randomUUID } from 'node:crypto';
import { uniqueSuffix } from './harness.js';

/** The parts of an OpenAPI 3.1 document the generated tests read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  /** A record's values (`false` on strict objects). */
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
export interface OpenApiOperation {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  name: string;
  method: string;
  template: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: JsonSchema | undefined;
  /** Image uploads: the raw image is the body (`image/png`, `image/jpeg`, `image/webp`). */
  upload: boolean;
  /** Platform operations are the super admin's; everything else is tried as the org admin first. */
  platform: boolean;
  /** Guest-side operations: a staff session is no guest session, so staff get 401 there. */
  guestOnly: boolean;
  /** Operations anyone may call (sign-in, the public page, the guest code and visitor forms). */
  open: boolean;
}

/**
 * Helpers over one OpenAPI document: resolving schemas, minimal valid examples, every property,
 * and the list of operations. Shared by the bad-input cases and the fuzz test.
 */
export function openApi(doc: OpenApiDocument) {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return resolve(target);
  };

  /** The JSON types a schema accepts (`integer` counts as a kind of `number`). */
  function typesOf(raw: JsonSchema): Set<string> {
    const schema = resolve(raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return new Set(alternatives.flatMap((alt) => [...typesOf(alt)]));
    if (schema.type) return new Set([schema.type].flat());
    if (schema.enum) return new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)));
    return new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
  }

  const jsonType = (value: unknown) =>
    Array.isArray(value)
      ? 'array'
      : value === null
        ? 'null'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value;

  /** A value of a JSON type the schema does not accept. */
  function wrongValue(schema: JsonSchema): unknown {
    const accepted = typesOf(schema);
    const candidates: unknown[] = [12345, 'wrong-type', true, { wrong: 'type' }, ['wrong-type']];
    const value = candidates.find((v) => {
      const type = jsonType(v);
      return !accepted.has(type) && !(type === 'integer' && accepted.has('number'));
    });
    if (value === undefined) throw new Error(`no wrong value for ${JSON.stringify(schema)}`);
    return value;
  }

  const fits = (schema: JsonSchema, value: string) =>
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
    (!schema.pattern || new RegExp(schema.pattern).test(value));

  /** A minimal valid value: required properties only, so a case can break exactly one thing. */
  function example(raw: JsonSchema, where: string): unknown {
    const schema = resolve(raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      const first = alternatives.find((alt) => !typesOf(alt).has('null')) ?? alternatives[0];
      if (!first) throw new Error(`empty anyOf at ${where}`);
      return example(first, where);
    }
    if (schema.enum) return schema.enum[0];
    const type = [...typesOf(schema)][0];
    switch (type) {
      case 'object':
        return Object.fromEntries(
          (schema.required ?? []).map((key) => [key, example(schema.properties?.[key] ?? {}, `${where}.${key}`)]),
        );
      case 'array':
        return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => example(schema.items ?? {}, where));
      case 'integer':
      case 'number':
        return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
      case 'boolean':
        return true;
      case 'null':
        return null;
      default: {
        if (schema.format === 'uuid') return randomUUID();
        if (schema.format === 'email') return `bad-input-${uniqueSuffix()}@example.test`;
        if (schema.format === 'uri') return 'https://example.test/logo.png';
        const candidates = [
          `v${uniqueSuffix()}x`,
          // long opaque tokens (a QR label's link)
          `v${uniqueSuffix()}${uniqueSuffix()}x`,
          new Date(Date.now() + 86_400_000).toISOString(),
          // a calendar day (a report's range: from and to the same day)
          new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
          '101',
          '+48 600 100 200',
          'UTC',
          '#336699',
          // a push subscription's keys: a P-256 public key (65 bytes) and an auth secret (16), base64url
          `B${'A'.repeat(86)}`,
          'A'.repeat(22),
        ];
        const value = candidates.find((c) => fits(schema, c));
        if (value === undefined) throw new Error(`no example string for ${where}: ${JSON.stringify(schema)}`);
        return value;
      }
    }
  }

  /** Every declared body property, nested ones too, with its dotted path. */
  function propertiesOf(raw: JsonSchema, prefix: string[] = []): { path: string[]; schema: JsonSchema }[] {
    const schema = resolve(raw);
    return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
      const path = [...prefix, key];
      const resolved = resolve(child);
      return [{ path, schema: child }, ...(resolved.properties ? propertiesOf(resolved, path) : [])];
    });
  }

  /** A copy of `base` with `value` at `path`, creating (minimal valid) parent objects on the way. */
  function withValue(base: unknown, root: JsonSchema, path: string[], value: unknown): unknown {
    const copy = structuredClone(base) as Record<string, unknown>;
    let node = copy;
    let schema = resolve(root);
    for (const key of path.slice(0, -1)) {
      schema = resolve(schema.properties?.[key] ?? {});
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = example(schema, key);
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1) as string] = value;
    return copy;
  }

  const isUuid = (p: Parameter) => resolve(p.schema).format === 'uuid';

  const operations: Operation[] = Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        upload: Boolean(op.requestBody?.content['image/png']),
        platform: op.tags?.includes('platform') ?? false,
        guestOnly: (op.security ?? []).some((scheme) => 'guestCookie' in scheme),
        open: !op.security?.length,
      })),
  );

  /** The operation's path with the given values, and valid (unknown) ones for the other parameters. */
  function pathOf(op: Operation, values: Record<string, string> = {}): string {
    let path = op.template;
    for (const param of op.pathParams) {
      const value = values[param.name] ?? String(example(param.schema, param.name));
      path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    }
    return path;
  }

  return { resolve, typesOf, jsonType, wrongValue, fits, example, propertiesOf, withValue, isUuid, operations, pathOf };
}
