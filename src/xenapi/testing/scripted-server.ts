/**
 * A tiny XAPI endpoint for tests of the client's fault handling: real HTTP(S) on loopback,
 * real wire codecs, and replies chosen by a script (a value, a XAPI failure, an HTTP status, a
 * dropped connection, silence). Not a simulator: it knows no objects; the script does.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { decodeJsonRpcRequest, encodeJsonRpcFailure, encodeJsonRpcSuccess, type JsonRpcVersion } from '../wire/jsonrpc';
import { decodeMethodCall, encodeMethodResponse } from '../wire/xmlrpc';
import { failureEnvelope, successEnvelope, type XapiEncodable, type XapiValue } from '../wire/values';

/** One decoded request as the script sees it. */
export interface ScriptedRequest {
  readonly method: string;
  readonly params: XapiValue[];
  readonly protocol: 'jsonrpc' | 'xmlrpc';
  readonly path: string;
  /** The Host header, to tell which address a client used. */
  readonly host: string;
}

/** What to answer. */
export type ScriptedReply =
  | { readonly value: XapiEncodable }
  | { readonly error: readonly string[] }
  | { readonly http: number; readonly body?: string; readonly contentType?: string }
  /** Close the connection without any reply (the client sees ECONNRESET / socket hang up). */
  | { readonly drop: true }
  /** Never answer (the client times out). */
  | { readonly hang: true };

/** Decides the reply to each request. */
export type ScriptHandler = (req: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;

/** A running scripted server. */
export interface ScriptedServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
}

/** Where and how to listen. */
export interface ScriptedServerOptions {
  readonly host?: string;
  readonly port?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** Starts a scripted XAPI endpoint: JSON-RPC on `POST /jsonrpc`, XML-RPC on any other POST. */
export async function startScriptedServer(handler: ScriptHandler, options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const hung: http.ServerResponse[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  };
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const protocol = path === '/jsonrpc' ? 'jsonrpc' : 'xmlrpc';
    let method: string;
    let params: XapiValue[];
    let version: JsonRpcVersion = '2.0';
    let id: string | number = 0;
    try {
      if (protocol === 'jsonrpc') {
        const r = decodeJsonRpcRequest(body);
        ({ method, params, version, id } = r);
      } else {
        ({ method, params } = decodeMethodCall(body));
      }
    } catch {
      res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html>bad request</html>');
      return;
    }
    const request: ScriptedRequest = { method, params, protocol, path, host: String(req.headers.host ?? '') };
    requests.push(request);
    const reply = await handler(request);
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    if ('hang' in reply) {
      hung.push(res);
      return;
    }
    if ('http' in reply) {
      res.writeHead(reply.http, { 'Content-Type': reply.contentType ?? 'text/html' }).end(reply.body ?? '');
      return;
    }
    const type = protocol === 'jsonrpc' ? 'application/json' : 'text/xml';
    let text: string;
    if (protocol === 'jsonrpc') {
      text = 'value' in reply ? encodeJsonRpcSuccess(version, id, reply.value) : encodeJsonRpcFailure(version, id, reply.error);
    } else {
      const [code = 'INTERNAL_ERROR', ...rest] = 'value' in reply ? [] : reply.error;
      text = encodeMethodResponse('value' in reply ? successEnvelope(reply.value) : failureEnvelope(code, rest));
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) }).end(text);
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
