import { afterAll, beforeAll } from 'vitest';
import { startServerOfItsOwn, type TestServer } from './harness.js';
import { startSmtpServer } from './smtp.js';

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/**
 * For a test file: before its tests, a real SMTP server and a Frontdesk node that sends its e-mail
 * through it, handed to `started` (which keeps them in the file's variables and may set more up);
 * after its tests, both closed, the node first. The node has a database of its own on PostgreSQL:
 * e-mail and alerts come from durable consumers, and on the shared test database another file's
 * server — without this SMTP server, with its own sockets — could lease them.
 */
export function mailingServerForFile(started: (running: { smtp: SmtpServer; server: TestServer }) => void) {
  let smtp: SmtpServer | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startServerOfItsOwn({}, { SMTP_URL: smtp.url, MAIL_FROM: 'Frontdesk <desk@frontdesk.test>' });
    started({ smtp, server });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });
}
