import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_HOLIDAYS, MAX_INTERVALS_PER_DAY, WEEKDAYS, type BusinessCalendar } from '../../domain/sla/calendar.ts';
import { SLA_METRICS, MAX_TARGET_MINUTES } from '../../domain/sla/sla-policy.ts';
import { getCaseSla } from '../../services/sla/case-sla.ts';
import {
  createBusinessCalendar,
  deleteBusinessCalendar,
  getBusinessCalendar,
  listBusinessCalendars,
  replaceBusinessCalendar,
} from '../../services/sla/manage-calendars.ts';
import {
  getSlaPolicy,
  listSlaPolicyViews,
  resetSlaPolicy,
  setSlaPolicy,
} from '../../services/sla/manage-sla-policies.ts';
import { CasePriority, errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const LocalTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description: 'HH:MM local time; 24:00 closes at midnight',
});
// Two items, [opening, closing]: an array rather than a tuple, which OpenAPI 3.0 cannot describe.
const Interval = Type.Array(LocalTime, { minItems: 2, maxItems: 2, description: '[opening, closing]' });
const WeeklyHours = Type.Object(
  Object.fromEntries(
    WEEKDAYS.map((day) => [day, Type.Optional(Type.Array(Interval, { maxItems: MAX_INTERVALS_PER_DAY }))]),
  ),
  {
    additionalProperties: false,
    description: 'Opening intervals per weekday, e.g. {"mon": [["09:00", "17:30"]]}; a day left out is closed',
  },
);
const CalendarBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    timezone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone, e.g. Europe/London' }),
    weeklyHours: WeeklyHours,
    holidays: Type.Optional(
      Type.Array(Type.String({ format: 'date' }), {
        maxItems: MAX_HOLIDAYS,
        description: 'Whole local days closed (YYYY-MM-DD)',
      }),
    ),
  },
  { additionalProperties: false },
);
const Calendar = Type.Object({
  id: Uuid,
  name: Type.String(),
  timezone: Type.String(),
  weeklyHours: WeeklyHours,
  holidays: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Minutes = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_TARGET_MINUTES, description });
const Targets = {
  firstResponseMinutes: Minutes('Business minutes from opening to the first reply'),
  nextUpdateMinutes: Minutes('Business minutes from each reply to the next; paused while pending'),
  resolutionMinutes: Minutes('Business minutes from opening to solved; paused while pending'),
};
const Policy = Type.Object({
  priority: CasePriority,
  ...Targets,
  calendarId: Nullable(Uuid),
  warnBeforeMinutes: Nullable(Type.Integer()),
  warnAtPercent: Nullable(Type.Integer()),
  isDefault: Type.Boolean({ description: 'true when the tenant has not set this priority and the default applies' }),
});
const PolicyBody = Type.Object(
  {
    ...Targets,
    calendarId: Type.Optional(Nullable(Uuid)),
    warnBeforeMinutes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_TARGET_MINUTES,
        description: 'Warn this many business minutes before the deadline',
      }),
    ),
    warnAtPercent: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 99,
        description: 'Or warn when this share of the target is used (default 80)',
      }),
    ),
  },
  { additionalProperties: false },
);
type CalendarBodyT = {
  name: string;
  timezone: string;
  weeklyHours: Record<string, string[][] | undefined>;
  holidays?: string[] | undefined;
};
/** The body as the calendar rules take it (the schema has checked each interval has two times). */
const calendarInput = (body: CalendarBodyT) => ({
  ...body,
  weeklyHours: body.weeklyHours as BusinessCalendar['weeklyHours'],
  holidays: body.holidays ?? [],
});

const PriorityParams = Type.Object({ priority: CasePriority });

export const CaseSla = Type.Object({
  caseId: Uuid,
  priority: CasePriority,
  calendarId: Nullable(Uuid),
  timezone: Type.String(),
  policyIsDefault: Type.Boolean(),
  metrics: Type.Array(
    Type.Object({
      metric: Type.Enum(SLA_METRICS),
      targetMinutes: Type.Integer(),
      startedAt: Type.String({ format: 'date-time', description: 'When the current cycle of this promise started' }),
      dueAt: Nullable(Type.String({ format: 'date-time', description: 'null while paused' })),
      warnAt: Nullable(Type.String({ format: 'date-time' })),
      satisfiedAt: Nullable(Type.String({ format: 'date-time' })),
      status: Type.Enum(['ok', 'warning', 'breached', 'satisfied', 'paused']),
      businessMinutesLeft: Nullable(Type.Integer({ description: 'Negative once overdue; null when satisfied' })),
      breaches: Type.Integer({ description: 'How many times this promise has been breached on this case' }),
    }),
  ),
});

/** SLA calendars and policies (administrators), and each case's SLA clocks. */
export const slaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['sla'];

  app.get(
    '/sla/calendars',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'Business-hours calendars',
        response: { 200: Type.Object({ items: Type.Array(Calendar) }), ...errors(401, 403) },
      },
    },
    (request) => listBusinessCalendars(request.actor.scope),
  );

  app.post(
    '/sla/calendars',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        summary: 'Add a business-hours calendar',
        body: CalendarBody,
        response: { 201: Calendar, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBusinessCalendar(request.actor.scope, calendarInput(request.body))),
  );

  app.get(
    '/sla/calendars/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'One calendar',
        params: IdParams,
        response: { 200: Calendar, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => getBusinessCalendar(request.actor.scope, request.params.id),
  );

  app.put(
    '/sla/calendars/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        summary: 'Replace a calendar; unsolved cases on it get new deadlines',
        params: IdParams,
        body: CalendarBody,
        response: { 200: Calendar, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (request) => replaceBusinessCalendar(request.actor.scope, request.params.id, calendarInput(request.body)),
  );

  app.delete(
    '/sla/calendars/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        summary: 'Remove a calendar no policy runs on',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteBusinessCalendar(request.actor.scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sla/policies',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'The SLA in force for each priority',
        response: { 200: Type.Object({ items: Type.Array(Policy) }), ...errors(401, 403) },
      },
    },
    (request) => listSlaPolicyViews(request.actor.scope),
  );

  app.get(
    '/sla/policies/:priority',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'The SLA for one priority',
        params: PriorityParams,
        response: { 200: Policy, ...errors(400, 401, 403) },
      },
    },
    (request) => getSlaPolicy(request.actor.scope, request.params.priority),
  );

  app.put(
    '/sla/policies/:priority',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        summary: 'Set the SLA for one priority; unsolved cases follow it',
        params: PriorityParams,
        body: PolicyBody,
        response: { 200: Policy, ...errors(400, 401, 403) },
      },
    },
    (request) => setSlaPolicy(request.actor.scope, request.params.priority, request.body),
  );

  app.delete(
    '/sla/policies/:priority',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags,
        summary: 'Go back to the default SLA for one priority',
        params: PriorityParams,
        response: { 200: Policy, ...errors(400, 401, 403) },
      },
    },
    (request) => resetSlaPolicy(request.actor.scope, request.params.priority),
  );

  app.get(
    '/cases/:id/sla',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['cases', 'sla'],
        summary: "A case's SLA clocks: first response, next update, resolution",
        params: IdParams,
        response: { 200: CaseSla, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => getCaseSla(request.actor.scope, request.params.id),
  );
};
