import { AppError, invalid, notFound } from '../../errors.ts';
import { checkCalendar, type BusinessCalendar } from '../../domain/sla/calendar.ts';
import {
  deleteCalendar,
  findCalendar,
  findCalendarByName,
  insertCalendar,
  listCalendars,
  listSlaPolicies,
  updateCalendar,
  type CalendarRow,
} from '../../store/repositories/sla.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { scheduleSlaRetrack } from './retrack-sla.ts';

export interface CalendarInput extends BusinessCalendar {
  name: string;
}

export function calendarView(row: CalendarRow) {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    weeklyHours: row.weeklyHours,
    holidays: row.holidays,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checked(input: CalendarInput): CalendarInput {
  const name = input.name.trim();
  if (name === '') throw invalid('A calendar needs a name', { field: 'name' });
  const check = checkCalendar(input);
  if (!check.ok) throw invalid(check.problems.join('; '), { problems: check.problems });
  return { name, ...check.calendar };
}

const nameTaken = (name: string) =>
  new AppError('conflict', `There is already a calendar called "${name}"`, {
    reason: 'calendar_name_taken',
    field: 'name',
  });

export async function listBusinessCalendars(scope: TenantScope) {
  return { items: (await listCalendars(scope)).map(calendarView) };
}

export async function getBusinessCalendar(scope: TenantScope, id: string) {
  const row = await findCalendar(scope, id);
  if (!row) throw notFound('Calendar');
  return calendarView(row);
}

export function createBusinessCalendar(scope: TenantScope, input: CalendarInput, now = new Date()) {
  const calendar = checked(input);
  return inTransaction(scope, async (tx) => {
    const id = await insertCalendar(tx, calendar, now);
    if (!id) throw nameTaken(calendar.name);
    return calendarView((await findCalendar(tx, id))!);
  });
}

/** Replaces a calendar; cases whose SLA runs on it get new deadlines. */
export function replaceBusinessCalendar(scope: TenantScope, id: string, input: CalendarInput, now = new Date()) {
  const calendar = checked(input);
  return inTransaction(scope, async (tx) => {
    const sameName = await findCalendarByName(tx, calendar.name);
    if (sameName && sameName.id !== id) throw nameTaken(calendar.name);
    if (!(await updateCalendar(tx, id, calendar, now))) throw notFound('Calendar');
    if ((await listSlaPolicies(tx, { calendarId: id })).length > 0) await scheduleSlaRetrack(tx, now);
    return calendarView((await findCalendar(tx, id))!);
  });
}

/** A calendar an SLA policy runs on cannot go: point the policy elsewhere first. */
export function deleteBusinessCalendar(scope: TenantScope, id: string) {
  return inTransaction(scope, async (tx) => {
    const users = await listSlaPolicies(tx, { calendarId: id });
    if (users.length > 0) {
      const priorities = users.map((p) => p.priority).join(', ');
      throw new AppError(
        'conflict',
        `The SLA policies for ${priorities} run on this calendar; give them another calendar first`,
        { reason: 'calendar_in_use', priorities: users.map((p) => p.priority) },
      );
    }
    if (!(await deleteCalendar(tx, id))) throw notFound('Calendar');
  });
}
