import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { readOperations, type Operation, type Schema } from './openapi-operations.ts';

/**
 * Every operation in the OpenAPI document, called as an organisation's administrator (the
 * portal's as a signed-in customer of it) with
 * malformed input made up by fast-check: junk path parameters and query strings, bodies of the
 * wrong type, with fields missing or extra, nested deep, numbers huge, text that is not JSON.
 * Whatever arrives, the answer is never a 5xx, an error is always {"error": {code, message,
 * details?}}, and no answer carries a stack trace or SQL.
 *
 * Operations come from the document, so a new route is fuzzed without anyone adding it here.
 * FUZZ_SEED=<n> replays a run (the seed is printed), FUZZ_RUNS=<n> changes the runs per
 * operation, FUZZ_SHRINK=1 lets fast-check shrink a failure to its smallest input (slower).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 413_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SHRINK = process.env.FUZZ_SHRINK === '1';

/** Operations not fuzzed, each with why; an entry that matches no operation fails the test. */
const SKIPPED: Record<string, string> = {
  // Nothing is skipped: the administrator's own user and token never appear among the ids the
  // fuzz uses, so it cannot revoke its own token or deactivate itself, and logout with a bearer
  // token only clears a cookie. Add "METHOD /path" entries here with a one-line reason.
};

let t: TestApp;
let admin: string;
let portalCookie: string;
let operations: Operation[];
/** Real ids of the fuzzed organisation (never the administrator's own user or token). */
let realIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  const centre = await contactCentre(t);
  admin = centre.admin;
  const opened = await centre.openCase(centre.alice);
  const contact = await postContact(t, admin, {
    channel: 'email',
    customer: { email: 'fuzz@example.com', name: 'Fuzz Target' },
    subject: 'Fuzz',
    text: 'A contact the fuzz may point at',
  });
  const problem = await centre.call('POST', '/api/v1/problems', { title: 'Mast outage' });
  // The portal is for customers: its operations are fuzzed as a signed-in customer.
  const login = { email: 'fuzz@example.com', password: 'fuzz-portal-pass-1' };
  await centre.call('POST', '/api/v1/users', {
    ...login,
    name: 'Fuzz Target',
    role: 'customer',
    customerId: contact.customerId,
  });
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: centre.tenant.tenant.slug, ...login },
  });
  if (signIn.statusCode !== 200) throw new Error(`portal login: ${signIn.body}`);
  portalCookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  realIds = [
    opened.id,
    opened.customerId,
    contact.id,
    contact.customerId,
    problem.id,
    centre.teams.front,
    centre.alice.id,
  ];
  operations = await readOperations(t);
}, 120_000);
afterAll(() => t?.close());

// ---------------------------------------------------------------- what malformed input looks like

/** Percent-encodes text as its UTF-8 bytes; unlike encodeURIComponent it takes lone surrogates too. */
const enc = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const LONG = 'x'.repeat(5_000);
const OVERSIZED = JSON.stringify({ text: 'y'.repeat(1_100_000) });
const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const DEEP_OBJECT = deep(2_000, 'bottom');
const DEEP_TEXT = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

const trickyText = fc.constantFrom(
  '',
  ' ',
  '0x1F',
  '1e308',
  '-1',
  'NaN',
  'null',
  'true',
  '../',
  '../../../../etc/passwd',
  '..\\..\\windows',
  '%00',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '😀🏳️‍🌈',
  'Ｅｘａｍｐｌｅ',
  'e\u0301',
  '\u202eevil',
  "' OR '1'='1",
  '"; DROP TABLE cases; --',
  '$1',
  '{{7*7}}',
  '${7*7}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  LONG,
);
const junkText = fc.oneof(
  { weight: 3, arbitrary: trickyText },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);
const hugeNumber = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 63),
  2 ** 31,
  2 ** 64,
  0.1,
  -0,
  1.5,
  Number.MIN_VALUE,
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkText,
  hugeNumber,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(null, true, false, [], {}, '0x1F', DEEP_OBJECT, [[[[[]]]]], { $gt: '' }),
  fc.uuid(),
  fc.array(junkText, { maxLength: 5 }),
  fc.dictionary(junkText, junkText, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Something an id-shaped path parameter could hold: ids that exist or not, and junk. */
const pathValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.uuid().map((u) => enc(u)) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...realIds) },
    { weight: 1, arbitrary: fc.constantFrom(...realIds).map((id) => `${id}x`) },
    { weight: 3, arbitrary: junkText.map((s) => enc(s)) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map((n) => enc(String(n))) },
    // As they stand in the URL: dot segments, broken and encoded escapes, separators.
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '..%2F..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        '%',
        '%zz',
        '%E0%A4%A',
        '%C0%AE',
        '%ED%A0%80',
        '%00',
        '%2F',
        ';x=1',
        '*',
        'a'.repeat(300),
        `${'b'.repeat(100_000)}`,
      ),
    },
  );

/** A value that fits a schema more or less: valid often enough to get past one check to the next. */
function fitting(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return junkValue;
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((s) => fitting(s, depth + 1)));
  if (schema.allOf?.length) return fitting(schema.allOf[0], depth + 1);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fittingString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1e6, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fitting(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object':
    case undefined: {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      if (!Object.keys(properties).length) return fc.dictionary(fc.string({ maxLength: 8 }), junkValue, { maxKeys: 3 });
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, fitting(s, depth + 1)])),
        { requiredKeys: required.filter((r) => r in properties) },
      );
    }
    default:
      return junkValue;
  }
}

const PATTERN_SAMPLES: Record<string, string[]> = {
  '^[0-9]{4,8}$': ['2468', '12345678'],
  '^[0-9]{1,7}([.][0-9]{1,2})?$': ['32.99', '5'],
  '\\S': ['probe', ' x '],
  '^[A-Za-z0-9_.-]+$': ['community', 'x'],
  '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$': ['09:00', '24:00'],
  '^[0-9]{2,4}$': ['12', '1234'],
  '^[0-9]{6}$': ['123456', '000000'],
};

function fittingString(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.uuid(), fc.constantFrom(...realIds));
    case 'date-time':
      return fc.oneof(
        fc
          .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom(
          '2026-02-30T10:00:00Z',
          '0000-01-01T00:00:00Z',
          '9999-12-31T23:59:59.999Z',
          '2026-06-01T25:61:00+14:00',
        ),
      );
    case 'date':
      return fc.constantFrom('1986-07-14', '2026-02-29', '0001-01-01', '9999-12-31');
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', 'UPPER@EXAMPLE.COM', 'ünïcode@exämple.com'));
    case 'uri':
      return fc.constantFrom('http://127.0.0.1:9/fuzz', 'https://127.0.0.1:9/x');
  }
  if (schema.pattern && PATTERN_SAMPLES[schema.pattern]) return fc.constantFrom(...PATTERN_SAMPLES[schema.pattern]!);
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
    fc.constant('x'.repeat(Math.max(min, 1))),
  );
}

/** Breaks a value that fits: a required field gone, an unknown one added, one field set to junk. */
function broken(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const required = schema?.required ?? [];
  const names = Object.keys(schema?.properties ?? {});
  return fc
    .tuple(
      fitting(schema),
      fc.constantFrom('drop', 'extra', 'junk', 'junk', 'nested', 'as-is'),
      fc.nat(),
      junkText,
      junkValue,
    )
    .map(([value, how, n, name, junk]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (how === 'drop' && required.length) delete copy[required[n % required.length]!];
      else if (how === 'extra') copy[name || 'extra'] = junk;
      else if (how === 'junk' && names.length) copy[names[n % names.length]!] = junk;
      else if (how === 'nested' && names.length) copy[names[n % names.length]!] = DEEP_OBJECT;
      return copy;
    });
}

type Body = { payload?: string; contentType?: string };

const json = (value: unknown): Body => ({ payload: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
const NOT_JSON = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '{"a":01}',
  'NaN',
  'undefined',
  '\u0000',
  '[1,2',
  ' ',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1e999999}',
  `{"n":${'9'.repeat(400)}}`,
  '\ufeff{}',
  DEEP_TEXT,
];

function bodyFor(op: Operation): fc.Arbitrary<Body> {
  const takesBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
  if (!takesBody) return fc.constant({});
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 6, arbitrary: broken(op.body).map(json) },
    { weight: 2, arbitrary: junkValue.map(json) },
    { weight: 1, arbitrary: hugeNumber.map(json) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...NOT_JSON).map((payload) => ({ payload, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { payload: 'hello', contentType: 'text/plain' },
        { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
        { payload: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
        { payload: '{}', contentType: 'application/json; charset=utf-16' },
        { payload: '{}', contentType: 'application/jsonx' },
        { payload: '{}', contentType: ';;;' },
        { payload: '<a/>', contentType: 'application/xml' },
        { payload: OVERSIZED, contentType: 'application/json' },
      ),
    },
  );
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  const documented = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const pair = fc.tuple(
    documented.length ? fc.oneof(fc.constantFrom(...documented), junkText) : junkText,
    fc.oneof(junkText, fc.integer().map(String), hugeNumber.map(String)),
  );
  return fc.oneof(
    fc.constant(''),
    fc
      .array(pair, { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`),
    fc.constantFrom(
      '?limit=0x1F',
      '?limit=-1',
      '?limit=99999999999999999999',
      '?limit=1&limit=2',
      '?limit[]=1',
      '?cursor=%',
      '?cursor=not-a-cursor',
      '?__proto__[admin]=1',
      '?&&=&=',
      '?q=%00',
      `?q=${'z'.repeat(5_000)}`,
      '?status=open&status=closed',
    ),
  );
}

function requestFor(op: Operation): fc.Arbitrary<InjectOptions> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return fc.tuple(fc.tuple(...names.map(() => pathValue())), queryFor(op), bodyFor(op)).map(([values, query, body]) => {
    let url = op.path;
    names.forEach((name, i) => (url = url.replace(`{${name}}`, values[i]!)));
    return {
      method: op.method as InjectOptions['method'],
      url: url + query,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      headers: body.contentType ? { 'content-type': body.contentType } : {},
    };
  });
}

// ---------------------------------------------------------------- what every answer must be

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:[\w$.<>[\] ]+ \()?(?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s)]+:\d+/],
  ['a source position', /\.(?:ts|js|mjs|cjs):\d+/],
  ['node_modules', /node_modules/],
  ['SQL', /\bSELECT\s|\bINSERT INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE FROM\b/i],
  ['a PostgreSQL message', /syntax error at or near|violates|relation "|column "|invalid input syntax/i],
  ['an exception', /\b(?:[A-Z]\w*)?Error:/],
];

function problemsWith(op: Operation, request: InjectOptions, res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const sent = `${request.url as string}\n${typeof request.payload === 'string' ? request.payload : ''}`;
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}`);
  const type = String(res.headers['content-type'] ?? '');
  const isJson = type.startsWith('application/json');
  if (res.statusCode >= 400) {
    const nonJsonOnSuccess = op.successTypes.some((s) => !s.includes('json'));
    if (!isJson && !(nonJsonOnSuccess && res.body === '')) problems.push(`error answered as "${type}"`);
    if (isJson) {
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        problems.push('error body is not JSON');
      }
      if (body !== undefined && !isErrorShape(body)) problems.push(`error body is not the error shape: ${res.body}`);
    }
  } else if (isJson && res.body !== '') {
    try {
      JSON.parse(res.body);
    } catch {
      problems.push('answer says JSON but is not');
    }
  }
  for (const [what, pattern] of LEAKS) {
    const found = pattern.exec(res.body);
    // Text we sent ourselves may come back (a name we stored, a field we added): that is no leak.
    if (found && !sent.includes(found[0])) problems.push(`answer holds ${what}: ${JSON.stringify(found[0])}`);
  }
  return problems;
}

function isErrorShape(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, ...rest } = error as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    code.length > 0 &&
    typeof message === 'string' &&
    Object.keys(rest).every((k) => k === 'details')
  );
}

/** A stable number per operation, so adding a route does not change what the others are sent. */
function seedOf(key: string): number {
  let h = SEED | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

const shortly = (request: InjectOptions) => {
  const url = String(request.url);
  const payload = typeof request.payload === 'string' ? request.payload : '';
  return JSON.stringify({
    method: request.method,
    url: url.length > 300 ? `${url.slice(0, 300)}…(${url.length})` : url,
    headers: request.headers,
    payload: payload.length > 300 ? `${payload.slice(0, 300)}…(${payload.length})` : payload,
  });
};

describe('every operation in the OpenAPI document, fuzzed with malformed input', () => {
  it('never answers 5xx, always the error shape, never a stack trace or SQL', { timeout: 300_000 }, async () => {
    console.log(`openapi fuzz: seed ${SEED} (FUZZ_SEED), ${RUNS} runs per operation (FUZZ_RUNS)`);
    expect(operations.length).toBeGreaterThan(100);
    const keys = new Set(operations.map((op) => op.key));
    expect(
      Object.keys(SKIPPED).filter((k) => !keys.has(k)),
      'skip entries that match no operation',
    ).toEqual([]);

    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    for (const op of operations) {
      if (SKIPPED[op.key]) continue;
      const seed = seedOf(op.key);
      let last = '';
      try {
        await fc.assert(
          fc.asyncProperty(requestFor(op), async (request) => {
            last = shortly(request);
            const res = op.path.startsWith('/api/v1/portal/')
              ? await t.app.inject({ ...request, headers: { ...request.headers, cookie: portalCookie } })
              : await t.call(admin, request);
            byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
            const problems = problemsWith(op, request, res);
            if (problems.length)
              throw new Error(`${problems.join('; ')}\n  answer ${res.statusCode}: ${res.body.slice(0, 500)}`);
          }),
          { seed, numRuns: RUNS, endOnFailure: !SHRINK },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const cause = /Got (?:error|exception): ([\s\S]*?)(?:\n\nStack trace|$)/.exec(message)?.[1] ?? message;
        failures.push(`${op.key} (seed ${seed}): ${cause.trim().slice(0, 1500)}\n  request ${last}`);
      }
    }
    console.log(
      `openapi fuzz: ${operations.length - Object.keys(SKIPPED).length} operations, answers by status ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);

    // The fuzz ran as the administrator all along: its token still works.
    const me = await t.call(admin, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe('admin');
  });
});
