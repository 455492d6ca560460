/**
 * Drizzle table definitions mirroring the SQL migrations in ./migrations (the migrations are
 * the source of truth; generated search columns are queried with raw SQL and left out here).
 */
import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CasePolicyOverrides } from '../domain/cases/case-policy.ts';
import type {
  AutomatedKind,
  CasePriority,
  CaseStatus,
  Channel,
  Direction,
  IdentityKind,
  Role,
} from '../domain/vocabulary.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  caseSeq: integer('case_seq').notNull().default(0),
  casePolicy: jsonb('case_policy').$type<CasePolicyOverrides>().notNull().default({}),
  timeZone: text('time_zone').notNull().default('UTC'),
  /** Failed verification attempts in a row after which a customer is locked (migration 0018). */
  verificationLockAfter: integer('verification_lock_after').notNull().default(5),
  /** Failed verification attempts one person or token may make in an hour. */
  verificationFailuresPerHour: integer('verification_failures_per_hour').notNull().default(20),
  createdAt: createdAt(),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  skills: text('skills').array().notNull().default([]),
  regions: text('regions').array().notNull().default([]),
  leadUserId: uuid('lead_user_id'),
  createdAt: createdAt(),
});

export interface PostalAddress {
  line1?: string;
  line2?: string;
  city?: string;
  postcode?: string;
  country?: string;
}

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name'),
  address: jsonb('address').$type<PostalAddress>(),
  region: text('region'),
  /** What a caller can be asked (verification, migration 0018); never answered by any route. */
  dateOfBirth: date('date_of_birth', { mode: 'string' }),
  /** scrypt hash of the account PIN; the PIN itself is never kept. */
  pinHash: text('pin_hash'),
  /** The last payment, in minor units (pence). */
  lastPaymentMinor: integer('last_payment_minor'),
  verificationFailures: integer('verification_failures').notNull().default(0),
  verificationLockedAt: timestamp('verification_locked_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  passwordHash: text('password_hash'),
  teamId: uuid('team_id'),
  customerId: uuid('customer_id'),
  active: boolean('active').notNull().default(true),
  supervisorId: uuid('supervisor_id'),
  skills: text('skills').array().notNull().default([]),
  createdAt: createdAt(),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  tokenHash: text('token_hash').notNull(),
  userId: uuid('user_id'),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** A one-time link to set a password: an invitation or a reset; stored only as its hash. */
export const passwordLinks = pgTable('password_links', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').$type<'invitation' | 'reset'>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const customerIdentities = pgTable('customer_identities', {
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind').$type<IdentityKind>().notNull(),
  value: text('value').notNull(),
  customerId: uuid('customer_id').notNull(),
  verified: boolean('verified').notNull().default(false),
  createdAt: createdAt(),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  number: integer('number').notNull(),
  customerId: uuid('customer_id').notNull(),
  subject: text('subject').notNull(),
  status: text('status').$type<CaseStatus>().notNull().default('new'),
  priority: text('priority').$type<CasePriority>().notNull().default('normal'),
  ownerId: uuid('owner_id'),
  teamId: uuid('team_id'),
  escalationLevel: integer('escalation_level').notNull().default(0),
  problemId: uuid('problem_id'),
  mergedIntoId: uuid('merged_into_id'),
  topicWords: text('topic_words').array().notNull().default([]),
  repeatContacts: integer('repeat_contacts').notNull().default(0),
  solvedAt: timestamp('solved_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  caseId: uuid('case_id'),
  channel: text('channel').$type<Channel>().notNull(),
  direction: text('direction').$type<Direction>().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  externalId: text('external_id'),
  public: boolean('public').notNull().default(false),
  automated: text('automated').$type<AutomatedKind>(),
  repeat: boolean('repeat').notNull().default(false),
  facts: jsonb('facts').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
});

export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  kind: text('kind').notNull(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label'),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const caseTransfers = pgTable('case_transfers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  fromUserId: uuid('from_user_id'),
  fromTeamId: uuid('from_team_id'),
  toUserId: uuid('to_user_id'),
  toTeamId: uuid('to_team_id'),
  note: text('note').notNull(),
  status: text('status')
    .$type<'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn'>()
    .notNull()
    .default('offered'),
  offeredBy: uuid('offered_by'),
  offeredAt: at('offered_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  decidedAt: at('decided_at'),
  decidedBy: uuid('decided_by'),
  declineReason: text('decline_reason'),
});

export const caseEscalations = pgTable('case_escalations', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  kind: text('kind').$type<'hierarchical' | 'functional'>().notNull(),
  level: integer('level').notNull(),
  reason: text('reason').notNull(),
  targetUserId: uuid('target_user_id'),
  targetTeamId: uuid('target_team_id'),
  status: text('status')
    .$type<'pending' | 'accepted' | 'handed_back' | 'climbed' | 'withdrawn'>()
    .notNull()
    .default('pending'),
  raisedBy: uuid('raised_by'),
  raisedAt: at('raised_at').notNull(),
  deadline: at('deadline').notNull(),
  decidedAt: at('decided_at'),
  decidedBy: uuid('decided_by'),
  handBackReason: text('hand_back_reason'),
});

export const callbacks = pgTable('callbacks', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  windowStart: at('window_start').notNull(),
  windowEnd: at('window_end').notNull(),
  phone: text('phone'),
  status: text('status').$type<'booked' | 'completed' | 'missed' | 'cancelled'>().notNull().default('booked'),
  bookedBy: uuid('booked_by'),
  bookedAt: at('booked_at').notNull(),
  completedAt: at('completed_at'),
  completedBy: uuid('completed_by'),
  outcome: text('outcome'),
});

export type TransferRow = typeof caseTransfers.$inferSelect;
export type EscalationRow = typeof caseEscalations.$inferSelect;
export type CallbackRow = typeof callbacks.$inferSelect;
export type TenantRow = typeof tenants.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** One attempt to establish who is calling (migration 0018); see src/services/verification. */
export const verificationSessions = pgTable('verification_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  aboutCaseId: uuid('about_case_id'),
  askedByUserId: uuid('asked_by_user_id'),
  askedByLabel: text('asked_by_label').notNull(),
  channel: text('channel')
    .$type<'phone' | 'chat' | 'email' | 'sms' | 'portal' | 'in_person' | 'ivr' | 'chatbot'>()
    .notNull(),
  origin: text('origin'),
  status: text('status').$type<'open' | 'passed' | 'failed'>().notNull().default('open'),
  result: text('result').$type<'pass' | 'partial' | 'fail'>(),
  assurance: text('assurance').$type<'none' | 'low' | 'medium'>().notNull().default('none'),
  claimAttempts: integer('claim_attempts').notNull().default(0),
  pendingDiscrepancies: jsonb('pending_discrepancies').$type<unknown[]>(),
  codeHash: text('code_hash'),
  codeChannel: text('code_channel').$type<'sms' | 'email'>(),
  codeExpiresAt: at('code_expires_at'),
  codeTriesLeft: integer('code_tries_left').notNull().default(0),
  codesSent: integer('codes_sent').notNull().default(0),
  correctionId: uuid('correction_id'),
  createdAt: createdAt(),
  expiresAt: at('expires_at').notNull(),
});

export const verificationFailures = pgTable('verification_failures', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  sessionId: uuid('session_id').notNull(),
  askedByLabel: text('asked_by_label').notNull(),
  failedAt: at('failed_at').notNull().defaultNow(),
});

export const recordCorrections = pgTable('record_corrections', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  sessionId: uuid('session_id').notNull(),
  status: text('status').$type<'open' | 'applied' | 'dismissed'>().notNull().default('open'),
  discrepancies: jsonb('discrepancies').$type<unknown[]>().notNull(),
  openedAt: at('opened_at').notNull().defaultNow(),
  decidedBy: uuid('decided_by'),
  decidedLabel: text('decided_label'),
  decidedAt: at('decided_at'),
  note: text('note'),
});

export const customerRecordHistory = pgTable('customer_record_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  field: text('field').notNull(),
  oldValue: jsonb('old_value'),
  newValue: jsonb('new_value'),
  correctionId: uuid('correction_id'),
  changedBy: uuid('changed_by'),
  changedLabel: text('changed_label').notNull(),
  changedAt: at('changed_at').notNull().defaultNow(),
});

export type VerificationSessionRow = typeof verificationSessions.$inferSelect;
export type RecordCorrectionRow = typeof recordCorrections.$inferSelect;
export type RecordHistoryRow = typeof customerRecordHistory.$inferSelect;
