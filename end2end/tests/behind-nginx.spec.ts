import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { test, expect, waitForHydration, freePort } from './helpers';

/**
 * Vitrine behind a real nginx with TLS, as docs/DEPLOY.md deploys it (issue 12): a self-signed
 * certificate made by openssl for the run, nginx (Debian's, from scripts/setup.sh test) proxying
 * to an instance of its own whose public URL is the HTTPS one and whose only trusted proxy is
 * nginx. Checked: HSTS, the `__Host-` session cookie after a login in the browser, and the
 * client address the login throttle counts: the visitor's, never nginx's, and never one a
 * visitor wrote in `X-Forwarded-For`.
 *
 * On loopback the browser and nginx would both be 127.0.0.1: nginx connects to Vitrine from
 * 127.0.0.3 (`proxy_bind`), the only address in VITRINE_TRUSTED_PROXIES, and the second visitor
 * of the throttle test connects from 127.0.0.4.
 */

const binary = path.resolve(__dirname, '..', process.env.VITRINE_BIN || '../target/debug/vitrine');
const siteRoot = path.resolve(__dirname, '..', process.env.VITRINE_SITE_ROOT || '../target/site');
const repository = path.resolve(__dirname, '../..');
const NGINX = '/usr/sbin/nginx';
const PROXY_ADDRESS = '127.0.0.3';
const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };

test.describe('behind nginx with TLS', () => {
  test.describe.configure({ mode: 'serial' });
  test.use({ ignoreHTTPSErrors: true });

  let work = '';
  let vitrine: ChildProcess | undefined;
  let nginx: ChildProcess | undefined;
  let base = '';
  let log = '';

  test.beforeAll(async () => {
    if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: scripts/setup.sh test installs it`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrine-nginx-'));
    fs.chmodSync(work, 0o755); // nginx's workers run as an unprivileged user
    for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      fs.mkdirSync(path.join(work, dir), { mode: 0o777 });
      fs.chmodSync(path.join(work, dir), 0o777);
    }
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem'),
    ], { stdio: 'ignore' });
    const [httpsPort, appPort] = [await freePort(), await freePort()];
    base = `https://localhost:${httpsPort}`;

    vitrine = spawn(binary, ['serve', '--seed-demo'], {
      cwd: repository,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `sqlite://${path.join(work, 'vitrine.db')}`,
        VITRINE_MEDIA_DIR: path.join(work, 'media'),
        VITRINE_SITE_ROOT: siteRoot,
        VITRINE_BIND: `127.0.0.1:${appPort}`,
        VITRINE_PUBLIC_URL: base,
        VITRINE_TRUSTED_PROXIES: PROXY_ADDRESS,
        VITRINE_NOW: '2026-11-28T10:00:00+01:00',
        RUST_LOG: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    vitrine.stdout?.on('data', (chunk) => (log += chunk));
    vitrine.stderr?.on('data', (chunk) => (log += chunk));

    fs.writeFileSync(path.join(work, 'nginx.conf'), `
worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  server {
    listen 127.0.0.1:${httpsPort} ssl;
    server_name localhost;
    ssl_certificate ${work}/cert.pem;
    ssl_certificate_key ${work}/key.pem;
    client_max_body_size 32m;
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      proxy_bind ${PROXY_ADDRESS};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`);
    nginx = spawn(NGINX, ['-c', path.join(work, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr?.on('data', (chunk) => (log += `nginx: ${chunk}`));

    const started = Date.now();
    for (;;) {
      if (vitrine.exitCode !== null) throw new Error(`Vitrine stopped (${vitrine.exitCode}): ${log}`);
      if (nginx.exitCode !== null) throw new Error(`nginx stopped (${nginx.exitCode}): ${log}`);
      const answer = await request('GET', '/readyz').catch(() => undefined);
      if (answer?.status === 200) break;
      if (Date.now() - started > 60_000) throw new Error(`not ready through nginx: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test.afterAll(async () => {
    nginx?.kill('SIGTERM');
    vitrine?.kill('SIGTERM');
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A request through nginx from `localAddress`, with `headers`; resolves with status, headers, body. */
  function request(
    method: string,
    pathname: string,
    options: { body?: string; headers?: Record<string, string>; localAddress?: string } = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const url = new URL(pathname, base);
      const req = https.request(
        {
          method,
          host: '127.0.0.1',
          servername: 'localhost',
          port: url.port,
          path: url.pathname + url.search,
          rejectUnauthorized: false,
          localAddress: options.localAddress || '127.0.0.1',
          headers: { Host: url.host, ...options.headers },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode || 0, headers: response.headers, body }));
        },
      );
      req.on('error', reject);
      if (options.body) req.write(options.body);
      req.end();
    });
  }

  function logIn(email: string, password: string, from: string, forged?: string) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: base,
    };
    if (forged) headers['X-Forwarded-For'] = forged;
    const body = new URLSearchParams({ lang: 'Fr', email, password }).toString();
    return request('POST', '/api/log_in', { body, headers, localAddress: from });
  }

  test('pages say HSTS and a login gets the __Host- session cookie', async ({ page, context }) => {
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['strict-transport-security']).toMatch(/max-age=\d+/);

    await page.goto(`${base}/connexion`);
    await waitForHydration(page);
    await page.getByLabel(/^Adresse e-mail$/).fill(MERCHANT.email);
    await page.getByLabel(/^Mot de passe$/).fill(MERCHANT.password);
    await page.getByRole('button', { name: /^Se connecter$/ }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/tableau-de-bord'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pâtisserie Lemaire');
    const cookies = await context.cookies(base);
    const session = cookies.find((cookie) => cookie.name === '__Host-vitrine_session');
    expect(session, JSON.stringify(cookies)).toBeTruthy();
    expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(session?.domain).toBe('localhost');
    expect(cookies.some((cookie) => cookie.name === 'vitrine_session')).toBe(false);
  });

  test('the login throttle counts the visitor behind nginx, whatever X-Forwarded-For says', async () => {
    // 30 wrong logins (the per-client limit), each for another address and each with another
    // forged X-Forwarded-For: all are counted against this visitor (127.0.0.1, which nginx
    // appends), none against the forged addresses or against nginx.
    for (let i = 0; i < 30; i++) {
      const answer = await logIn(`nobody-${i}@example.org`, 'not the password at all', '127.0.0.1', `198.51.100.${i + 1}`);
      expect(answer.status, answer.body).toBe(401);
    }
    const refused = await logIn('someone-else@example.org', 'not the password at all', '127.0.0.1', '198.51.100.200');
    expect(refused.status, refused.body).toBe(429);
    // Another visitor through the same nginx is not locked out, and logs in.
    const other = await logIn(MERCHANT.email, MERCHANT.password, '127.0.0.4');
    expect([200, 302], other.body).toContain(other.status);
    const setCookie = ([] as string[]).concat(other.headers['set-cookie'] || []);
    expect(setCookie.some((cookie) => cookie.startsWith('__Host-vitrine_session=') && /;\s*Secure/i.test(cookie))).toBe(true);
  });
});
