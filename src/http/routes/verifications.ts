import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkClaims } from '../../services/verification/check-claims.ts';
import { checkCode } from '../../services/verification/check-code.ts';
import { customerVerification, unlockCustomerVerification } from '../../services/verification/customer-verification.ts';
import { sendStepUpCode } from '../../services/verification/send-step-up-code.ts';
import { startVerification } from '../../services/verification/start-verification.ts';
import { getVerification } from '../../services/verification/verification-session.ts';
import {
  answerNoSoonerThan,
  minimumResponseMs,
  VERIFICATION,
  VERIFICATION_CHANNELS,
} from '../../services/verification/verification-rules.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';
import { recordCorrectionRoutes } from './record-corrections.ts';

const Assurance = Type.Enum(['none', 'low', 'medium'], {
  description:
    'After NIST SP 800-63: none = nothing established, disclose and change nothing; low = the caller knew what the record holds ' +
    '(knowledge is weak evidence: low-risk help only); medium = also proved a registered, verified channel with a one-time code ' +
    '(enough to correct the record and act on the account). Nothing higher is reached over a phone or chat.',
});
const Result = Type.Enum(['pass', 'partial', 'fail'], {
  description:
    'pass: everything claimed agrees (one slip forgiven); partial: almost everything agrees; fail: too little agrees, or several ' +
    'fields are only nearly right. Never says which field, nor any stored value.',
});

const Session = Type.Object(
  {
    id: Uuid,
    customerId: Uuid,
    caseId: Nullable(Uuid),
    channel: Type.Enum(VERIFICATION_CHANNELS),
    from: Nullable(Type.String()),
    askedBy: Type.Object(
      { userId: Nullable(Uuid), label: Type.String() },
      { description: 'The signed-in person, or the API token (IVR, chatbot), that started the session' },
    ),
    status: Type.Enum(['open', 'passed', 'failed', 'expired'], {
      description:
        'open: claims may be checked; passed; failed: attempts or code tries used up, or the customer locked',
    }),
    result: Nullable(Result),
    assurance: Assurance,
    attemptsLeft: Type.Integer({ description: 'Claims checks this session may still make' }),
    stepUp: Type.Object({
      offered: Type.Boolean({ description: 'A one-time code can be sent now (after a partial or a pass)' }),
      codeSent: Type.Boolean({ description: 'A code is waiting to be checked' }),
      channel: Nullable(Type.Enum(['sms', 'email'])),
      triesLeft: Type.Integer(),
      expiresAt: Nullable(Type.String({ format: 'date-time' })),
    }),
    correctionId: Nullable(Uuid),
    customerLocked: Type.Boolean({
      description: 'Claims and codes are refused until an administrator unlocks the customer',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A verification session: its state only, never a claimed or stored value' },
);

const Standing = Type.Object({
  customerId: Uuid,
  locked: Type.Boolean(),
  lockedAt: Nullable(Type.String({ format: 'date-time' })),
  failedAttempts: Type.Integer({ description: 'Failed attempts in a row; the customer is locked at lockAfter' }),
  lockAfter: Type.Integer({ description: "The organisation's limit (PATCH /organisation verificationLockAfter)" }),
  verifiableFields: Type.Array(
    Type.Enum(['name', 'dateOfBirth', 'address', 'postcode', 'pin', 'lastPayment', 'phoneLastDigits']),
    { description: 'Claims the record can answer (what is worth asking); never their values' },
  ),
  stepUpChannels: Type.Array(Type.Enum(['sms', 'email']), {
    description: 'Verified channels on the record a one-time code can go to',
  }),
});

const Claims = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Full name as the caller says it' })),
    dateOfBirth: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
    address: Type.Optional(
      Type.Object(
        {
          line1: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "Flat 2, 30 High St"' }),
          line2: Type.Optional(Type.String({ maxLength: 200 })),
          city: Type.Optional(Type.String({ maxLength: 100, description: 'Compared only when given' })),
        },
        { additionalProperties: false },
      ),
    ),
    postcode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    pin: Type.Optional(Type.String({ pattern: '^[0-9]{4,8}$', description: 'The account PIN (compared by hash)' })),
    lastPayment: Type.Optional(
      Type.String({ minLength: 1, maxLength: 30, description: 'The last payment as said: "32.99", "£33"' }),
    ),
    phoneLastDigits: Type.Optional(
      Type.String({ pattern: '^[0-9]{2,4}$', description: 'The last 2–4 digits of a phone number on the record' }),
    ),
  },
  { additionalProperties: false, minProperties: 2, description: 'What the caller claims: at least two fields' },
);

const ClaimsAnswer = Type.Object(
  {
    result: Result,
    assurance: Assurance,
    stepUpOffered: Type.Boolean({ description: 'POST /verifications/:id/step-up can send a one-time code now' }),
    attemptsLeft: Type.Integer({ description: 'Claims checks left in this session (0: it has ended)' }),
  },
  { additionalProperties: false },
);

const LOCKED =
  '429 with details.reason customer_locked (too many failed attempts: nothing is compared until an administrator unlocks) ' +
  'or asker_rate_limited (too many failures by you in the last hour; details.retryAfterSeconds). ';

/**
 * Verification (issue 13, PRODUCT.md F1): sessions, claims, one-time codes, locks, and the
 * record-correction tasks they open.
 */
export const verificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const padding = minimumResponseMs();
  const caught = (message: { organisation: string; channel: string; code: string }) =>
    app.log.warn(
      { organisation: message.organisation, channel: message.channel },
      `Demo (no ${message.channel === 'sms' ? 'SMS gateway' : 'mail relay'}): the verification code is ${message.code}`,
    );

  app.get(
    '/customers/:id/verification',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary:
          "A customer's verification standing: locked or not, which claims the record can answer, where a code can go",
        params: IdParams,
        response: { 200: Standing, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => customerVerification(request.actor.scope, request.params.id),
  );

  app.post(
    '/customers/:id/verification/unlock',
    {
      config: { permission: 'verifications:unlock' },
      schema: {
        tags: ['verification'],
        summary: "Lift a customer's verification lock and reset the count of failures (recorded on the timeline)",
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: {
          200: Type.Object({ ...Standing.properties, wasLocked: Type.Boolean() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    (request) => unlockCustomerVerification(request.actor, request.params.id),
  );

  app.post(
    '/customers/:id/verifications',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary: 'Start verifying that a caller is this customer',
        description:
          'Who asks is the signed-in person or the API token (an IVR or a chatbot); `channel` and `from` say where the caller is. ' +
          `A session lasts ${VERIFICATION.sessionMinutes} minutes and checks claims up to ${VERIFICATION.claimAttemptsPerSession} times. ` +
          'Recorded on the customer timeline (verification_started).',
        params: IdParams,
        body: Type.Object(
          {
            channel: Type.Enum(VERIFICATION_CHANNELS, { description: 'Where the caller is' }),
            from: Type.Optional(
              Type.String({ maxLength: 200, description: 'From where, in words: "IVR line 2", "caller id withheld"' }),
            ),
            caseId: Type.Optional(
              Type.String({ format: 'uuid', description: "The customer's case the call is about" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Session, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startVerification(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/verifications/:id',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary: 'Where a verification session stands (never a claimed or stored value)',
        params: IdParams,
        response: { 200: Session, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => getVerification(request.actor.scope, request.params.id),
  );

  app.post(
    '/verifications/:id/claims',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary: 'Check what the caller claims against the record: pass, partial or fail',
        description:
          'Claims are compared after normalisation (case, spacing, punctuation, Rd/Road, Flat/Apt/Unit in any place, postcode spacing) ' +
          'with fuzzy rules (a typo by edit distance, swapped digits, a flat number left out); a different house number is a difference. ' +
          'The answer never contains a stored value, which field differed, or a hint, and it always takes at least the same minimum time. ' +
          'A partial or a fail counts as a failed attempt on the customer (locked at the organisation limit) and on you. ' +
          LOCKED +
          '409 when the session expired (session_expired) or ended (session_ended). Recorded on the timeline without any value.',
        params: IdParams,
        body: Claims,
        response: { 200: ClaimsAnswer, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    (request) => answerNoSoonerThan(padding, () => checkClaims(request.actor, request.params.id, request.body)),
  );

  app.post(
    '/verifications/:id/step-up',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary: 'Send a one-time code to a channel registered and verified on the record',
        description:
          `Six digits, valid ${VERIFICATION.codeMinutes} minutes for ${VERIFICATION.codeTries} tries, kept only as a hash; by SMS through the ` +
          "organisation's gateway (preferred) or by email. Offered after a partial or a pass; two codes per session. The answer names the " +
          'kind of channel only, no digit of it (the last digits of a number are themselves a claim). 409 with details.reason ' +
          'step_up_not_offered, no_verified_channel or code_not_sent (the gateway or relay refused). ' +
          LOCKED,
        params: IdParams,
        body: Type.Object(
          {
            channel: Type.Optional(
              Type.Enum(['sms', 'email'], { description: 'Default: SMS to a verified phone, else email' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            channel: Type.Enum(['sms', 'email']),
            sentTo: Type.String({ description: 'e.g. "the mobile number registered on the account"' }),
            expiresInSeconds: Type.Integer(),
            triesLeft: Type.Integer(),
            codesLeft: Type.Integer({ description: 'Codes this session may still send' }),
          }),
          ...errors(400, 401, 403, 404, 409, 429),
        },
      },
    },
    (request) => sendStepUpCode(request.actor, request.params.id, request.body, { runtime: app.channels, caught }),
  );

  app.post(
    '/verifications/:id/code',
    {
      config: { permission: 'verifications:run' },
      schema: {
        tags: ['verification'],
        summary: 'Check the one-time code the caller read out',
        description:
          'Right: the session passes at assurance medium, and when the claims differed from the record a record-correction task ' +
          'is opened (correctionId; GET /record-corrections/:id shows the difference to roles allowed to correct records). ' +
          'Wrong: triesLeft goes down and the failure counts on the customer and on you. 410 (code_expired) after ' +
          `${VERIFICATION.codeMinutes} minutes; 409 no_code or already_verified. ` +
          LOCKED,
        params: IdParams,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            result: Type.Enum(['pass', 'fail']),
            assurance: Assurance,
            triesLeft: Type.Integer(),
            correctionId: Nullable(Uuid),
          }),
          ...errors(400, 401, 403, 404, 409, 410, 429),
        },
      },
    },
    (request) => answerNoSoonerThan(padding, () => checkCode(request.actor, request.params.id, request.body.code)),
  );

  await app.register(recordCorrectionRoutes);
};
