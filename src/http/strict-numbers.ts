import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/** A JSON schema as the routes declare them (TypeBox output), only what this check reads. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const PARTS = [
  ['body', 'body'],
  ['querystring', 'query'],
  ['params', 'params'],
] as const;

/**
 * AJV's type coercion (which query strings and path parameters need: everything there is text)
 * also turns "0x1F" into 31, "1e3" into 1000, " 7 " into 7 and true, false or null into 1 or 0.
 * Before validation this looks at what was sent for every number in a route's schema and lets
 * through only numbers and plain decimal strings; AJV then coerces those as before.
 */
export function registerStrictNumbers(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const schema = request.routeOptions.schema as Record<string, Schema | undefined> | undefined;
    if (schema) {
      for (const [part, field] of PARTS) {
        const partSchema = schema[part];
        if (partSchema === undefined || !holdsNumbers(partSchema)) continue;
        const problem = lenientNumber(partSchema, (request as unknown as Record<string, unknown>)[field], part);
        if (problem) return done(refusal(problem));
      }
    }
    done();
  });
}

// Most schemas hold no number at all (a contact, a reply): they are looked through once, not per request.
const numbersInSchema = new WeakMap<Schema, boolean>();

function holdsNumbers(schema: Schema): boolean {
  let known = numbersInSchema.get(schema);
  if (known === undefined) {
    known = findsNumber(schema);
    numbersInSchema.set(schema, known);
  }
  return known;
}

function findsNumber(schema: Schema): boolean {
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) return true;
  const inside = [
    ...Object.values(schema.properties ?? {}),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ...(Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ];
  return inside.some(findsNumber);
}

function refusal(field: string): AppError {
  const message = 'must be a number (digits, optionally with a decimal point)';
  return new AppError('validation_failed', `${field} ${message}`, [{ field, message }]);
}

const typesOf = (schema: Schema): string[] =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

/** A number, a plain decimal string, or a value another type of the same schema takes as it is. */
function numberAsSent(value: unknown, types: string[]): boolean {
  if (typeof value === 'number') return true;
  if (typeof value === 'string') return types.includes('string') || DECIMAL.test(value);
  if (typeof value === 'boolean') return types.includes('boolean');
  if (value === null) return types.includes('null');
  return true; // objects and lists: AJV refuses them itself
}

/** The path of the first value that only coercion would have made a number, if any. */
function lenientNumber(schema: Schema, value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return lenientInAlternatives(alternatives, value, path);
  for (const part of schema.allOf ?? []) {
    const problem = lenientNumber(part, value, path);
    if (problem) return problem;
  }
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    return numberAsSent(value, types) ? undefined : path;
  }
  if (types.includes('array') || schema.items !== undefined) {
    // Query strings send one value where a list is expected; AJV wraps it, so check it as an item.
    const items = Array.isArray(value) ? value : [value];
    if (Array.isArray(schema.items)) {
      for (const [i, item] of schema.items.entries()) {
        const problem = lenientNumber(item, items[i], `${path}.${i}`);
        if (problem) return problem;
      }
    } else if (schema.items) {
      for (const [i, item] of items.entries()) {
        const problem = lenientNumber(schema.items, item, `${path}.${i}`);
        if (problem) return problem;
      }
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const problem = lenientNumber(property, record[key], `${path}.${key}`);
      if (problem) return problem;
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && typeof extra === 'object') {
      for (const [key, item] of Object.entries(record)) {
        if (schema.properties?.[key]) continue;
        const problem = lenientNumber(extra, item, `${path}.${key}`);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/**
 * A union (Nullable(Integer), Integer | String, …): a value some alternative takes as it is needs
 * no coercion; otherwise it must pass as a strict number for the numeric alternatives.
 */
function lenientInAlternatives(alternatives: Schema[], value: unknown, path: string): string | undefined {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const takenAsIs = alternatives.some((a) => {
    const types = typesOf(a);
    if (types.length === 0) return a.anyOf === undefined && a.oneOf === undefined && a.allOf === undefined;
    return types.includes(kind) || (kind === 'number' && types.includes('integer'));
  });
  if (takenAsIs) {
    // Still look inside: an object or list alternative may hold numbers of its own.
    for (const a of alternatives) {
      const types = typesOf(a);
      if (types.includes(kind) && (kind === 'object' || kind === 'array')) return lenientNumber(a, value, path);
    }
    return undefined;
  }
  const numeric = alternatives.filter((a) => typesOf(a).some((t) => t === 'integer' || t === 'number'));
  if (numeric.length === 0) return undefined;
  return lenientNumber(numeric[0]!, value, path);
}
