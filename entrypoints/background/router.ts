/**
 * The one door for messages (STYLE.md rules 1–3). Trust is decided here, once, from what the
 * browser says about the sender, never from the payload: a web page cannot make its content script
 * look like the popup by writing a URL into a message.
 */
import { ProtocolError, type ErrorDetails } from '@/lib/messaging/errors';
import {
  envelopeSchema,
  isMessageType,
  protocol,
  type Answer,
  type MessageType,
  type Parsed,
  type Reply,
  type SenderKind,
} from '@/lib/messaging/protocol';

/** The parts of `runtime.MessageSender` the router reads (Chrome and Firefox both fill these). */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface HandlerContext {
  kind: SenderKind;
  tabId?: number;
  frameId?: number;
  /** The sender's URL as the browser reported it (the frame's URL for a content script). */
  url?: string;
  /** Everything the browser reported about the sender (for the fill policy: origin, tab URL). */
  sender: Sender;
}

export type Handlers = {
  [K in MessageType]: (payload: Parsed<K>, ctx: HandlerContext) => Promise<Reply<K>>;
};

export interface RouterOptions {
  handlers: Handlers;
  /** This extension's id and its page origin without a trailing slash, e.g. `chrome-extension://abc`. */
  self: { id: string; origin: string };
  build: string;
  /** Told about every message that passed the checks, before its handler runs. */
  onAccepted?: (type: MessageType, ctx: HandlerContext) => void;
  /** Told about unexpected handler failures; gets the message type and the error, never the payload. */
  onInternalError?: (type: string, error: unknown) => void;
}

export function classifySender(sender: Sender, self: RouterOptions['self']): SenderKind | null {
  if (sender.id !== self.id || !sender.url) return null;
  const protocol = safeProtocol(sender.url);
  if (EXTENSION_SCHEMES.has(protocol) || sender.url.startsWith(`${self.origin}/`)) {
    const inTab = sender.tab?.id !== undefined && typeof sender.frameId === 'number';
    // Our in-page frame inside a web page's tab (its URL may carry Chrome's dynamic id, which is
    // not `self.origin`). Web-accessible, so never anything more than that frame.
    if (safePath(sender.url) === IN_PAGE_FRAME) {
      return inTab && sender.frameId! > 0 ? 'frame' : null;
    }
    // An extension page: the popup (no tab) or one of ours open as a whole tab.
    const ours = sender.url.startsWith(`${self.origin}/`);
    return ours && (sender.tab === undefined || sender.frameId === 0) ? 'page' : null;
  }
  if (sender.tab?.id === undefined || typeof sender.frameId !== 'number') return null;
  return /^https?:$/.test(protocol) ? 'content' : null;
}

/** The extension page that runs inside web pages' frames (entrypoints/menu). */
export const IN_PAGE_FRAME = '/menu.html';
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:']);

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

function fail(code: string, message: string, details?: ErrorDetails): Answer<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

export function createRouter(options: RouterOptions) {
  const { handlers, self, build } = options;

  async function handle(message: unknown, sender: Sender): Promise<Answer<unknown>> {
    const kind = classifySender(sender, self);
    if (!kind) return fail('forbidden-sender', 'This sender may not talk to Cassaforte.');

    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return fail('bad-message', 'The message is malformed.');
    const { type, build: senderBuild, payload } = envelope.data;

    if (senderBuild !== build) {
      return fail('stale-build', 'Cassaforte was updated. Reload this page to keep using it.');
    }
    if (!isMessageType(type)) return fail('unknown-type', `Unknown message type "${type}".`);

    const entry = protocol[type];
    if (!(entry.senders as readonly SenderKind[]).includes(kind)) {
      return fail('forbidden-sender', `"${type}" may not be asked for from here.`);
    }
    const parsed = entry.payload.safeParse(payload);
    if (!parsed.success) return fail('bad-message', `The payload of "${type}" is malformed.`);

    const ctx: HandlerContext = {
      kind,
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      sender,
    };
    options.onAccepted?.(type, ctx);
    try {
      return { ok: true, data: await dispatch(type, parsed.data, ctx) };
    } catch (error) {
      if (error instanceof ProtocolError) return fail(error.code, error.message, error.details);
      options.onInternalError?.(type, error);
      return fail('internal', 'Something went wrong inside Cassaforte. Try again.');
    }
  }

  function dispatch<K extends MessageType>(
    type: K,
    payload: unknown,
    ctx: HandlerContext,
  ): Promise<Reply<K>> {
    const handler = handlers[type] as (p: unknown, c: HandlerContext) => Promise<Reply<K>>;
    return handler(payload, ctx);
  }

  return { handle };
}

export type Router = ReturnType<typeof createRouter>;
