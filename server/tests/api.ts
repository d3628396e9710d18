import { request as httpRequest } from 'node:http';
import type { Mailbox } from './mailbox';

/**
 * The test client's HTTP side: every request of the server tests and benches goes through
 * Api.call, from a chosen client address when a test needs one. The protocol steps on top of it
 * are in opaque-flows.ts; client.ts gathers both with credentials.ts for the importers.
 */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  /** The body as it came, for byte-for-byte comparisons. */
  text: string;
}

/** Where a test client's requests come from (the rate limits count per client address). */
export interface ClientOrigin {
  /** Sent as X-Forwarded-For (believed only by a server started with trustProxy). */
  forwardedFor?: string;
  /** The local address to connect from, e.g. 127.0.0.2 (any 127.0.0.x works on Linux). */
  localAddress?: string;
  /**
   * The browser's Accept-Language, which the extension's fetch carries: the server's emails
   * follow it. Unset, fetch sends `*` and node:http nothing.
   */
  acceptLanguage?: string;
}

export class Api {
  /**
   * `mailbox`: where the server's emails can be read (a TestServer is one), for the steps that
   * need an emailed code, such as registering.
   */
  constructor(
    readonly base: string,
    readonly mailbox?: Mailbox,
    readonly origin: ClientOrigin = {},
  ) {}

  /** The same server and mailbox, seen from another client address. */
  from(origin: ClientOrigin): Api {
    return new Api(this.base, this.mailbox, origin);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked by the assertions
  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (this.origin.forwardedFor !== undefined)
      headers['X-Forwarded-For'] = this.origin.forwardedFor;
    if (this.origin.acceptLanguage !== undefined)
      headers['Accept-Language'] = this.origin.acceptLanguage;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const {
      status,
      text,
      headers: answered,
    } = this.origin.localAddress === undefined
      ? await viaFetch(this.base + path, method, headers, payload)
      : await viaHttp(this.base + path, method, headers, payload, this.origin.localAddress);
    return {
      status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: answered,
      text,
    };
  }
}

async function viaFetch(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
) {
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** fetch cannot choose its local address; node:http can. */
function viaHttp(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  localAddress: string,
): Promise<{ status: number; text: string; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answered = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
            answered.append(name, v);
        }
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          headers: answered,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
