import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, notFound } from '../../errors.ts';
import { findAttachment, listAttachments } from '../../store/repositories/contact-parts.ts';
import { findContact } from '../../store/repositories/contacts.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const AttachmentSummary = Type.Object({
  id: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  kept: Type.Boolean({ description: 'false when the file was not kept (too large): omittedReason says why' }),
  omittedReason: Nullable(Type.String()),
});

/** A header-safe filename for Content-Disposition (RFC 6266: an ASCII fallback and the UTF-8 name). */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Files that came with contacts (mail attachments). */
export const contactAttachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/contacts/:id/attachments',
    {
      config: { permission: 'personal_data:read' },
      schema: {
        tags: ['contacts'],
        summary: "A contact's files, including those not kept (with the reason)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(AttachmentSummary) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findContact(request.actor.scope, request.params.id))) throw notFound('Contact');
      return { items: await listAttachments(request.actor.scope, request.params.id) };
    },
  );

  app.get(
    '/attachments/:id',
    {
      config: { permission: 'personal_data:read' },
      schema: {
        tags: ['contacts'],
        summary: 'Download one file; 410 when it was not kept (the error says why)',
        params: IdParams,
        produces: ['application/octet-stream'],
        response: { 200: Type.Unknown({ description: 'The file' }), ...errors(400, 401, 403, 404, 410) },
      },
    },
    async (request, reply) => {
      const file = await findAttachment(request.actor.scope, request.params.id);
      if (!file) throw notFound('Attachment');
      if (file.content === null) {
        const reason = file.omittedReason ?? 'not kept';
        throw new AppError('gone', `${file.filename} was not kept: ${reason}`, {
          reason: 'attachment_omitted',
          omittedReason: reason,
        });
      }
      return reply
        .type(file.contentType || 'application/octet-stream')
        .header('content-disposition', disposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .send(file.content);
    },
  );
};
