/**
 * The go-plugin launch contract (reference tfplugin.md section 7.1), checked against the real
 * executable started as a child process the way Terraform starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { encodeMsgpack } from '../src/tfplugin/codec/msgpack';
import { blockType } from '../src/tfplugin/codec/types';
import { providerSchema } from '../src/provider/schemas';
import { certPemFromHandshake, generateLocalhostCertificate } from '../src/tfplugin/tls';
import { firstLine, PluginProcess, pluginEnv, PROVIDER_BIN } from './helpers/tfplugin-client';

describe('terraform-provider-xcp launch', () => {
  let plugin: PluginProcess;
  beforeAll(async () => {
    plugin = await PluginProcess.launch({ env: { TF_LOG_PROVIDER: 'trace' } });
  });
  afterAll(() => plugin?.close());

  it('explains itself and exits 1 without the magic cookie', () => {
    const res = spawnSync(process.execPath, [PROVIDER_BIN], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: 'wrong' }, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/is a Terraform\/OpenTofu provider plugin/);
    expect(res.stderr).toMatch(/dev_overrides/);
  });

  it('prints one handshake line: core 1, protocol 6, unix socket, grpc, DER certificate without padding', () => {
    const h = plugin.handshake;
    expect(h.line.split('|')).toHaveLength(6);
    expect([h.core, h.app, h.network, h.protocol]).toEqual(['1', '6', 'unix', 'grpc']);
    expect(statSync(h.address).isSocket()).toBe(true);
    expect(h.address.length).toBeLessThan(104);
    expect(h.cert).toMatch(/^[A-Za-z0-9+/]+$/);
    const cert = new X509Certificate(Buffer.from(h.cert, 'base64'));
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('serves mutual TLS with ALPN h2 and accepts only the client certificate it was given', async () => {
    const ca = certPemFromHandshake(plugin.handshake.cert);
    const alpn = await new Promise<string | false>((resolve, reject) => {
      const socket = tls.connect({
        path: plugin.handshake.address, ca, servername: 'localhost', ALPNProtocols: ['h2'],
        cert: plugin.clientCert!.certPem, key: plugin.clientCert!.keyPem,
      }, () => { resolve(socket.alpnProtocol ?? false); socket.end(); });
      socket.on('error', reject);
    });
    expect(alpn).toBe('h2');

    const health = plugin.caller('Health');
    await expect(health('Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });

    const stranger = await generateLocalhostCertificate({ curve: 'P-521' });
    await expect(plugin.caller('Health', stranger)('Check', { service: 'plugin' })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    await expect(plugin.caller('Health', null)('Check', { service: 'plugin' })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  it('answers UNIMPLEMENTED for RPCs it does not serve', async () => {
    const c = plugin.client('Provider') as grpc.Client;
    const err = await new Promise<grpc.ServiceError>((resolve) => {
      c.makeUnaryRequest('/tfplugin6.Provider/OpenEphemeralResource', (x: Buffer) => x, (x: Buffer) => x, Buffer.alloc(0), (e) => resolve(e!));
    });
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  it('keeps the stdio stream open without sending data', async () => {
    const stdio = plugin.client('GRPCStdio') as unknown as { StreamStdio(req: object): grpc.ClientReadableStream<unknown> };
    const stream = stdio.StreamStdio({});
    const got: unknown[] = [];
    stream.on('data', (d) => got.push(d));
    stream.on('error', () => undefined);
    await plugin.caller('Health')('Check', { service: '' });
    expect(got).toEqual([]);
    stream.cancel();
  });

  it('ignores SIGINT', async () => {
    plugin.child.kill('SIGINT');
    await expect(plugin.caller('Health')('Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
    expect(plugin.child.exitCode).toBeNull();
  });

  it('writes only the handshake on stdout and hclog JSON on stderr, without secrets', async () => {
    const type = blockType(providerSchema.block);
    const config = { pools: { dc1: { url: 'https://192.0.2.1', username: 'root', password: 'hunter2-secret', insecure_tls: null, ca_file: null, transport: null } }, default_pool: null, rate_card: null };
    await plugin.provider('ValidateProviderConfig', { config: { msgpack: Buffer.from(encodeMsgpack(type, config)) } });
    await plugin.provider('GetProviderSchema', {});
    expect(plugin.stdoutAfterHandshake.join('')).toBe('');
    expect(plugin.stderrLines.length).toBeGreaterThan(0);
    for (const line of plugin.stderrLines) {
      const entry = JSON.parse(line);
      expect(entry['@level']).toMatch(/^(trace|debug|info|warn|error)$/);
      expect(typeof entry['@message']).toBe('string');
      expect(entry['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
    expect(plugin.stderrLines.join('\n')).not.toContain('hunter2');
  });

  it('exits 0 on GRPCController/Shutdown and removes its socket', async () => {
    const started = Date.now();
    const res = await plugin.shutdown();
    expect(res.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(existsSync(plugin.handshake.address)).toBe(false);
  });
});

describe('terraform-provider-xcp without TLS and in odd environments', () => {
  it('serves plaintext with an empty certificate field when PLUGIN_CLIENT_CERT is absent', async () => {
    const p = await PluginProcess.launch({ plaintext: true });
    try {
      expect(p.handshake.cert).toBe('');
      await expect(p.caller('Health')('Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
    } finally {
      await p.shutdown();
    }
  });

  it('still announces protocol 6 when the host offers only 5', async () => {
    const child = spawn(process.execPath, [PROVIDER_BIN], { env: pluginEnv(undefined, { PLUGIN_PROTOCOL_VERSIONS: '5' }), stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      expect((await firstLine(child)).split('|').slice(0, 2)).toEqual(['1', '6']);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('serves plaintext in --debug mode and prints the TF_REATTACH_PROVIDERS line', async () => {
    const child = spawn(process.execPath, [PROVIDER_BIN, '--debug'], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const line = await firstLine(child);
      const m = /^export TF_REATTACH_PROVIDERS='(.*)'$/.exec(line);
      expect(m).not.toBeNull();
      const entry = JSON.parse(m![1])['registry.terraform.io/xcpform/xcp'];
      expect(entry).toMatchObject({ Protocol: 'grpc', ProtocolVersion: 6, Pid: child.pid, Addr: { Network: 'unix' } });
      const { loadProtos } = await import('../src/tfplugin/protos');
      const health = new (loadProtos().clients.Health)(`unix:${entry.Addr.String}`, grpc.credentials.createInsecure()) as unknown as { Check(r: object, cb: (e: Error | null, r: unknown) => void): void; close(): void };
      await expect(new Promise((resolve, reject) => health.Check({ service: 'plugin' }, (e, r) => (e ? reject(e) : resolve(r))))).resolves.toEqual({ status: 'SERVING' });
      health.close();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('exits cleanly on SIGTERM', async () => {
    const p = await PluginProcess.launch({ plaintext: true });
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
    expect(existsSync(p.handshake.address)).toBe(false);
    p.close();
  });
});
