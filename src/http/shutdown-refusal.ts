import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Once the process starts to close, a request still arriving on a kept-alive connection is
 * refused at once with 503 and Retry-After, in the documented error shape, and the connection
 * is closed, so a load balancer or client sends it to another process.
 */
export function registerShutdownRefusal(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    void reply.header('connection', 'close');
    done(new AppError('shutting_down', 'This Hearken server is shutting down: send the request again', undefined, 1));
  });
}
