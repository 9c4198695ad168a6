import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { startSmtpServer } from './smtp.js';

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/**
 * For a test file: before its tests, a real SMTP server and a Frontdesk node that sends its e-mail
 * through it, handed to `started` (which keeps them in the file's variables and may set more up);
 * after its tests, both closed, the node first.
 */
export function mailingServerForFile(started: (running: { smtp: SmtpServer; server: TestServer }) => void) {
  let smtp: SmtpServer | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({}, { SMTP_URL: smtp.url, MAIL_FROM: 'Frontdesk <desk@frontdesk.test>' });
    started({ smtp, server });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });
}
