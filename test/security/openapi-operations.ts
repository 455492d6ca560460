import type { TestApp } from '../helpers/test-app.ts';

/** The part of a JSON Schema (as the OpenAPI document carries it) the security tests read. */
export type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  /** "METHOD /path", as skip lists and tables name an operation. */
  key: string;
  parameters: Parameter[];
  body?: Schema;
  /** Content types the operation answers with on success. */
  successTypes: string[];
}

/**
 * Every operation of the running app's OpenAPI document: the tests read it, not a list of their
 * own, so a new route is covered by construction.
 */
export async function readOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): Operation => {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      const successTypes = Object.entries(responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([, r]) => Object.keys(r.content ?? {}));
      const body = content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        parameters: (op.parameters ?? []) as Parameter[],
        ...(body ? { body } : {}),
        successTypes,
      };
    }),
  );
}
