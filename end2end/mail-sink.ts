import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A local SMTP server for the end-to-end tests: Vitrine's e-mail sender delivers to it through a
 * real SMTP conversation (`VITRINE_SMTP_URL=smtp://127.0.0.1:<port>`, see playwright.config.ts),
 * and it writes every message it accepts, parsed, as one JSON file in `dir` (written to a
 * temporary name, then renamed: a reader never sees half a message). Tests read them with
 * `waitForMail` (tests/mail.ts). Plain SMTP on the loopback interface, no authentication, no TLS:
 * what the server's `smtp://host:port` URL speaks.
 */

/** One accepted message, as written to the sink's directory. */
export type SunkMail = {
  /** Order of arrival (the file names sort the same way). */
  seq: number;
  receivedAt: string;
  /** The SMTP envelope: MAIL FROM and RCPT TO, lower case. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string;
  subject: string;
  /** A few headers worth asserting on, lower-case names. */
  headers: Record<string, string>;
  text: string;
  html: string;
};

/** Starts the sink on 127.0.0.1:`port`; the returned function stops it. */
export async function startMailSink(port: number, dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    name: 'vitrine-e2e-sink',
    banner: 'Vitrine end-to-end mail sink',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const headerText = (name: string) => {
            const value = parsed.headers.get(name);
            return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
          };
          // The value of a header as written (unfolded), '' when absent.
          const rawHeader = (name: string) => {
            const line = parsed.headerLines.find((h) => h.key === name)?.line ?? '';
            return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
          };
          const mail: SunkMail = {
            seq: ++seq,
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            },
            from: parsed.from?.text ?? '',
            to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '',
            subject: parsed.subject ?? '',
            headers: Object.fromEntries([
              ...['content-language', 'auto-submitted', 'message-id'].map((name) => [name, headerText(name)]),
              // mailparser folds the List-* headers into one `list` object: read them as sent.
              ...['list-unsubscribe', 'list-unsubscribe-post'].map((name) => [name, rawHeader(name)]),
            ]),
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          const name = `${String(mail.seq).padStart(6, '0')}.json`;
          const temporary = path.join(dir, `.${name}.tmp`);
          fs.writeFileSync(temporary, JSON.stringify(mail, null, 2));
          fs.renameSync(temporary, path.join(dir, name));
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // An error after start-up (a client gone mid-conversation) must not end the test run.
  server.on('error', (error) => console.warn(`[mail sink] ${error.message}`));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
