import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../errors.ts';
import { uploadCallTranscript } from '../../services/channels/phone/record-call-transcript.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

export const TRANSCRIPT_BODY_LIMIT = 5 * 1024 * 1024;

/** A call's transcript uploaded by a person, as a WebVTT file. */
export const transcriptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Local to this plugin: the file comes as it is.
  app.addContentTypeParser('text/vtt', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    '/contacts/:id/transcript',
    {
      config: { permission: 'contacts:write' },
      // A long call's transcript is larger than an ordinary request.
      bodyLimit: TRANSCRIPT_BODY_LIMIT,
      schema: {
        tags: ['channels'],
        summary: "Upload a call's transcript as a WebVTT file",
        description:
          'Send the file as the body with Content-Type text/vtt (or text/plain), or as JSON {"vtt": "WEBVTT\\n\\n…"}. Speakers come ' +
          'from voice spans (<v Jane>) or "Name: " line prefixes. It replaces any earlier transcript of the call, and the ' +
          "contact's text becomes the transcript. A malformed file is refused (400) with its problems by line number; a " +
          'contact that is not a call is refused with 409.',
        params: IdParams,
        body: {
          content: {
            'text/vtt': { schema: Type.String({ maxLength: 5_000_000 }) },
            'text/plain': { schema: Type.String({ maxLength: 5_000_000 }) },
            'application/json': {
              schema: Type.Object({ vtt: Type.String({ maxLength: 5_000_000 }) }, { additionalProperties: false }),
            },
          },
        } as unknown as ReturnType<typeof Type.Unknown>,
        response: {
          200: Type.Object({
            contactId: Uuid,
            caseId: Nullable(Uuid),
            customerId: Uuid,
            segments: Type.Integer(),
            speakers: Type.Array(Type.String()),
          }),
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const body = request.body as string | { vtt?: unknown } | undefined;
      const vtt = typeof body === 'string' ? body : typeof body?.vtt === 'string' ? body.vtt : undefined;
      if (vtt === undefined)
        throw invalid('Send the WebVTT file as the body (Content-Type text/vtt) or as JSON {"vtt": "…"}');
      const outcome = await uploadCallTranscript(request.actor.scope, request.params.id, vtt);
      return {
        contactId: outcome.contactId,
        caseId: outcome.caseId,
        customerId: outcome.customerId,
        segments: outcome.segments,
        speakers: outcome.speakers,
      };
    },
  );
};
