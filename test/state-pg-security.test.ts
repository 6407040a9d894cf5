/**
 * The pg backend's defaults against a real PostgreSQL server without TLS (the throwaway local
 * cluster): with no sslmode the connection requires TLS, as Terraform's pg backend does, and is
 * refused with a diagnostic saying what to do; a malformed connection string never shows its
 * password (not in the error, not in the backend's name, not in the CLI's output).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgBackend } from '../src/state/backends/pg';
import { clientConfig, redactConnStr } from '../src/state/backends/pg-conn';
import { xcpform } from './helpers/cli';
import { PgServer, startPgServer } from './helpers/pg-server';

let server: PgServer;
beforeAll(async () => {
  server = await startPgServer();
});
afterAll(() => server?.stop());

const SECRET = 'Sup3rSecretPw';

describe('pg backend: TLS by default', () => {
  test('a URL without sslmode refuses a server that offers no TLS, and says how to proceed', async () => {
    const plain = await server.createDatabase('tls');
    const url = plain.replace('?sslmode=disable', '');
    await expect(new PgBackend({ connStr: url }).read()).rejects.toThrow(/server does not offer TLS.*sslmode=disable/s);
    // The same database with sslmode=disable said explicitly is read.
    expect(await new PgBackend({ connStr: plain }).read()).toBeUndefined();
  });

  test('a key/value string without sslmode requires TLS too; sslmode=disable turns it off', async () => {
    const kv = `host=${server.host} port=${server.port} user=${server.user} dbname=postgres`;
    await expect(new PgBackend({ connStr: kv }).read()).rejects.toThrow(/server does not offer TLS/);
    expect(await new PgBackend({ connStr: `${kv} sslmode=disable` }).read()).toBeUndefined();
    expect(clientConfig(kv).ssl).toEqual({ rejectUnauthorized: false });
    expect(clientConfig(`${kv} sslmode=verify-full`).ssl).toEqual({ rejectUnauthorized: true });
  });
});

describe('pg backend: malformed connection strings hide the password', () => {
  test.each([
    `postgres//u:${SECRET}@db.example/state`,
    `postgresql:/u:${SECRET}@db.example/state`,
    `host=db password=${SECRET} 'oops`,
    `user=u:${SECRET}@db broken`,
  ])('%#: the error and the backend name carry no password', async (conn) => {
    const b = new PgBackend({ connStr: conn });
    expect(b.name).not.toContain(SECRET);
    expect(redactConnStr(conn)).not.toContain(SECRET);
    const err = await b.read().then(() => undefined, (e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/malformed/);
    expect(err!.message).not.toContain(SECRET);
  });

  test('xcpform init with a malformed conn_str: diagnostic, exit 1, no password in the output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-pg-malformed-'));
    writeFileSync(join(dir, 'main.tf'), 'terraform {\n  backend "pg" {}\n}\n');
    const r = xcpform(['init', '-input=false', `-backend-config=conn_str=postgres//u:${SECRET}@127.0.0.1:${server.port}/db`], { cwd: dir });
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/malformed connection string at character 1/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });
});
