import { startMailSink } from './mail-sink';
import { mailDir } from './tests/mail';

/**
 * Starts the SMTP sink that receives Vitrine's e-mails during the run (see mail-sink.ts and
 * playwright.config.ts, which chose its port and gave it to the server); stopped when the run ends.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = Number(process.env.VITRINE_E2E_SMTP_PORT);
  if (!port) throw new Error('VITRINE_E2E_SMTP_PORT is not set (playwright.config.ts sets it)');
  return startMailSink(port, mailDir());
}
