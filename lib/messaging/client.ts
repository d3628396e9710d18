import { browser } from 'wxt/browser';
import { BUILD_ID } from './build';
import { isErrorCode, ProtocolError } from './errors';
import type { Answer, Message, MessageType, Payload, Reply } from './protocol';

/** Sends one protocol message to the background and returns its reply, or throws ProtocolError. */
export async function send<K extends MessageType>(type: K, payload: Payload<K>): Promise<Reply<K>> {
  const message: Message<K> = { type, build: BUILD_ID, payload };
  const answer = (await browser.runtime.sendMessage(message)) as Answer<Reply<K>> | undefined;
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
    throw new ProtocolError('internal', 'The background did not answer.');
  }
  if (!answer.ok) {
    const { code, message, details } = answer.error;
    throw new ProtocolError(isErrorCode(code) ? code : 'internal', message, details);
  }
  return answer.data;
}
