import Fastify from 'fastify';
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { errorHandler } from './errors.ts';
import { registerShutdownRefusal } from './shutdown-refusal.ts';

it('answers a request that arrives while the server closes with 503, Retry-After and the documented shape', async () => {
  const app = Fastify({ return503OnClosing: false });
  app.setErrorHandler(errorHandler);
  registerShutdownRefusal(app);
  app.post('/notes', async (request) => ({ got: request.body }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };

  // A request still arriving keeps its connection busy through the close; a second one follows on it.
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = app.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.write('"b"}GET /notes HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => socket.once('close', resolve));
  await closed;

  const answers = received.split(/(?=HTTP\/1\.1 )/);
  expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
  expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
  expect(answers[1]).toMatch(/\r\nretry-after: 1\r\n/i);
  expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
  expect(JSON.parse(answers[1]!.split('\r\n\r\n')[1]!)).toEqual({
    error: { code: 'shutting_down', message: 'This Hearken server is shutting down: send the request again' },
  });
});
