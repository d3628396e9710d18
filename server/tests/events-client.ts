import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import WebSocket from 'ws';
import {
  eventServerMessageSchema,
  eventTicketResponseSchema,
  type EventServerMessage,
} from '../../lib/api/events';
import type { Api } from './client';

/** A Chrome extension origin as the browser sends it (32 letters a–p). */
export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/** A /v1/events socket as the extension sees it: every server message checked by its schema. */
export interface EventsSocket {
  ws: WebSocket;
  /** The next server message; rejects if the socket closes first or nothing comes in time. */
  next(timeoutMs?: number): Promise<EventServerMessage>;
  /** The close code, once the socket closed. */
  closed: Promise<number>;
  send(message: unknown): void;
}

export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/v1/events`;
}

export async function openEvents(httpUrl: string, origin = EXTENSION_ORIGIN) {
  const ws = new WebSocket(wsUrl(httpUrl), { origin });
  // A message that fails the extension's schema is queued as an Error and fails next().
  const queue: Array<EventServerMessage | Error> = [];
  const waiters: Array<(m: EventServerMessage | Error | null) => void> = [];
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) =>
    ws.once('close', (code) => {
      closeCode = code;
      for (const w of waiters.splice(0)) w(null);
      resolve(code);
    }),
  );
  ws.on('error', () => undefined);
  ws.on('message', (data, isBinary) => {
    let message: EventServerMessage | Error;
    try {
      if (isBinary) throw new Error('the server sent a binary frame');
      message = eventServerMessageSchema.parse(JSON.parse(String(data)));
    } catch (error) {
      message = error instanceof Error ? error : new Error(String(error));
    }
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const socket: EventsSocket = {
    ws,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(timeoutMs = 5000) {
      const queued = queue.shift();
      if (queued instanceof Error) return Promise.reject(queued);
      if (queued) return Promise.resolve(queued);
      if (closeCode !== null) return Promise.reject(new Error(`closed with ${closeCode}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message in time')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          if (m === null) reject(new Error(`closed with ${closeCode}`));
          else if (m instanceof Error) reject(m);
          else resolve(m);
        });
      });
    },
  };
  return socket;
}

export async function ticket(api: Api, token: string): Promise<string> {
  const reply = await api.call('POST', '/v1/events/ticket', undefined, token);
  if (reply.status !== 200)
    throw new Error(`ticket: ${reply.status} ${JSON.stringify(reply.body)}`);
  return eventTicketResponseSchema.parse(reply.body).ticket;
}

/** Ticket, socket, auth, `ready`: what the extension does when it unlocks. */
export async function liveSocket(api: Api, token: string) {
  const socket = await openEvents(api.base);
  socket.send({ type: 'auth', ticket: await ticket(api, token) });
  const ready = await socket.next();
  if (ready.type !== 'ready') throw new Error(`expected ready, got ${ready.type}`);
  return { socket, ready };
}

/** Waits for the next message and checks it is a pong (everything sent before it has arrived). */
export async function roundTrip(socket: EventsSocket): Promise<void> {
  socket.send({ type: 'ping' });
  const reply = await socket.next();
  if (reply.type !== 'pong') throw new Error(`expected pong, got ${JSON.stringify(reply)}`);
}

/** A raw WebSocket handshake: the status and body when the server refuses to upgrade. */
export function handshake(
  httpUrl: string,
  headers: Record<string, string>,
): Promise<{ status: number; upgraded: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${httpUrl}/v1/events`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, upgraded: true, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, upgraded: false, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
