import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Removes the database, media directory, HTML-checker files and received e-mails of this run (see playwright.config.ts). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.VITRINE_E2E_RUN_ID;
  if (!runId) return;
  const base = path.join(os.tmpdir(), `vitrine-e2e-${runId}.db`);
  for (const file of [base, `${base}-wal`, `${base}-shm`, `${base}-journal`]) {
    fs.rmSync(file, { force: true });
  }
  fs.rmSync(path.join(os.tmpdir(), `vitrine-e2e-media-${runId}`), { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), `vitrine-e2e-vnu-${runId}`), { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), `vitrine-e2e-mail-${runId}`), { recursive: true, force: true });
}
