import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SunkMail } from '../mail-sink';

/**
 * Reading the e-mails that Vitrine sent during the run, as the SMTP sink of the run received
 * them (mail-sink.ts, started by global-setup.ts; the server sends to it through
 * `VITRINE_SMTP_URL`, set in playwright.config.ts).
 */

export type { SunkMail };

/** Where the sink of this run writes the messages it receives, one JSON file each. */
export function mailDir(): string {
  const runId = process.env.VITRINE_E2E_RUN_ID || `${process.pid}`;
  return path.join(os.tmpdir(), `vitrine-e2e-mail-${runId}`);
}

/** Every message received so far, in order of arrival. */
export function receivedMail(): SunkMail[] {
  const dir = mailDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as SunkMail);
}

/**
 * Waits for an e-mail to `to` whose subject matches `subject` (any subject when not given) and
 * that arrived after the message numbered `after` (see `lastMailSeq`), and returns the first one.
 */
export async function waitForMail(
  to: string,
  options: { subject?: RegExp; after?: number; timeout?: number } = {},
): Promise<SunkMail> {
  const deadline = Date.now() + (options.timeout ?? 20_000);
  const address = to.toLowerCase();
  for (;;) {
    const found = receivedMail().find(
      (mail) =>
        mail.seq > (options.after ?? 0) &&
        mail.envelope.to.includes(address) &&
        (!options.subject || options.subject.test(mail.subject)),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = receivedMail().map((m) => `  #${m.seq} to ${m.envelope.to.join(', ')}: ${m.subject}`);
      throw new Error(`no e-mail to ${to}${options.subject ? ` with a subject matching ${options.subject}` : ''} arrived; received:\n${seen.join('\n') || '  nothing'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The number of the last message received so far (0 when none), for `waitForMail`'s `after`. */
export function lastMailSeq(): number {
  return receivedMail().reduce((max, mail) => Math.max(max, mail.seq), 0);
}

/**
 * The one link of the e-mail's text part whose path (after an optional `/nl` or `/en`) starts
 * with `prefix` (e.g. `/invitation/`), as an absolute URL.
 */
export function linkIn(mail: SunkMail, prefix: string): URL {
  const links = [...new Set(mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [])]
    .map((href) => new URL(href))
    .filter((url) => url.pathname.replace(/^\/(nl|en)(?=\/)/, '').startsWith(prefix));
  if (links.length !== 1) {
    throw new Error(`expected one link to ${prefix}… in the e-mail "${mail.subject}", found ${links.length}:\n${mail.text}`);
  }
  return links[0];
}
