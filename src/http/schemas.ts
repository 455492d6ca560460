import { Type, type Static } from 'typebox';
import { CASE_PRIORITIES, CASE_STATUSES, CHANNELS, DIRECTIONS, ROLES } from '../domain/vocabulary.ts';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

/** How the OpenAPI document describes the error answer (and how it finds its copies). */
export const ERROR_SHAPE = 'Every error has this shape';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed, not_found' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: ERROR_SHAPE },
);

export const Channel = Type.Enum(CHANNELS);
export const Direction = Type.Enum(DIRECTIONS);
export const Role = Type.Enum(ROLES);
export const CaseStatus = Type.Enum(CASE_STATUSES);
export const CasePriority = Type.Enum(CASE_PRIORITIES);

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
/**
 * A value or null. Written as OpenAPI's `nullable` where the schema names its type: as a union
 * with null, the response serialiser compiled a validator for each such field on the first answer
 * of every route (100 of the 244 ms of the first case opened after a start) and tested every value
 * against it after that. Only schemas with neither a type nor a list of words (unions) stay a
 * union with null.
 */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => {
  const { type, enum: values } = schema as { type?: unknown; enum?: unknown[] };
  if (typeof type === 'string') return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
  // A list of words: a nullable string whose list holds null too, as OpenAPI 3.0 asks.
  if (Array.isArray(values) && values.every((v) => typeof v === 'string'))
    return Type.Unsafe<Static<T> | null>({ ...schema, type: 'string', enum: [...values, null], nullable: true });
  return Type.Union([schema, Type.Null()]);
};

/** Standard error responses a route may give, for the OpenAPI document. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
}

export type IdParamsT = Static<typeof IdParams>;
