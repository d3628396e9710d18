/**
 * A fake desktop screensaver, so that a headless Chromium sees the computer lock for real.
 *
 *   const screensaver = await startFakeScreensaver();
 *   const chromium = await launchChromium({ extensionDir, env: screensaver.env });
 *   await screensaver.setLocked(true); // chrome.idle now says 'locked'
 *   await screensaver.close();
 *
 * On Linux, Chromium decides `chrome.idle`'s 'locked' state from the session bus: it asks
 * `org.freedesktop.ScreenSaver.GetActive` and follows its `ActiveChanged(b)` signal
 * (ui/base/idle/idle_linux.cc, `DBusScreenSaverWatcher`). So this starts a private
 * `dbus-daemon` (Debian package dbus-daemon), owns that name on it, and answers as a desktop's
 * screensaver would. The few D-Bus messages it needs are marshalled here (D-Bus specification,
 * "Message Protocol"), little-endian, so no D-Bus package is needed. Chromium must be launched
 * with `env`, after `startFakeScreensaver` resolves: it looks for the service once, at start.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTimeout } from './lifecycle';

const DBUS_DAEMON = '/usr/bin/dbus-daemon';
const NAME = 'org.freedesktop.ScreenSaver';
const PATH = '/org/freedesktop/ScreenSaver';

export interface FakeScreensaver {
  /** Environment for the browser: `DBUS_SESSION_BUS_ADDRESS` of the private bus. */
  readonly env: Record<string, string>;
  /** Locks or unlocks "the computer": answers GetActive and emits ActiveChanged. */
  setLocked(locked: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeScreensaver(): Promise<FakeScreensaver> {
  if (!existsSync(DBUS_DAEMON)) {
    throw new Error(`No ${DBUS_DAEMON}: apt-get install -y dbus-daemon`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cassaforte-dbus-'));
  const address = `unix:path=${join(dir, 'bus')}`;
  const daemon = spawn(DBUS_DAEMON, ['--session', '--nofork', `--address=${address}`], {
    stdio: 'ignore',
  });
  const cleanUp = () => {
    daemon.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = await withTimeout(connectBus(join(dir, 'bus')), 10_000, 'connecting to dbus');
    let locked = false;
    bus.onCall((call) => {
      if (call.member === 'GetActive' && call.path === PATH) {
        bus.reply(call, 'b', booleanBody(locked));
      } else {
        bus.replyError(call, 'org.freedesktop.DBus.Error.UnknownMethod');
      }
    });
    const owner = await bus.callDaemon('RequestName', 'su', (w) => {
      w.string(NAME);
      w.u32(4); // DBUS_NAME_FLAG_DO_NOT_QUEUE
    });
    if (owner.readUInt32LE(0) !== 1) throw new Error(`Could not own ${NAME} on the private bus`);
    return {
      env: { DBUS_SESSION_BUS_ADDRESS: address },
      async setLocked(next) {
        locked = next;
        await bus.signal(PATH, NAME, 'ActiveChanged', 'b', booleanBody(next));
      },
      async close() {
        bus.socket.destroy();
        cleanUp();
        await Promise.resolve();
      },
    };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

const booleanBody = (value: boolean) => (w: Writer) => w.u32(value ? 1 : 0);

/** Appends D-Bus wire values, each aligned from the start of what it writes. */
class Writer {
  bytes: number[] = [];
  align(n: number) {
    while (this.bytes.length % n) this.bytes.push(0);
  }
  byte(value: number) {
    this.bytes.push(value);
  }
  u32(value: number) {
    this.align(4);
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.bytes.push(...b);
  }
  string(value: string) {
    const b = Buffer.from(value);
    this.u32(b.length);
    this.bytes.push(...b, 0);
  }
  signature(value: string) {
    this.byte(value.length);
    this.bytes.push(...Buffer.from(value), 0);
  }
}

interface Call {
  serial: number;
  flags: number;
  path?: string;
  member?: string;
  sender?: string;
}

type Field = [code: number, type: 's' | 'o' | 'u' | 'g', value: string | number];

async function connectBus(socketPath: string) {
  const socket = await new Promise<Socket>((done, fail) => {
    // The daemon creates its socket a moment after it starts.
    const attempt = (left: number) => {
      const s = connect(socketPath, () => done(s));
      s.once('error', (error) => {
        if (left <= 0) fail(error);
        else setTimeout(() => attempt(left - 1), 50);
      });
    };
    attempt(100);
  });
  let buffer = Buffer.alloc(0);
  let authenticated = false;
  let answered: (line: string) => void;
  const authLine = new Promise<string>((done) => (answered = done));
  let serial = 0;
  const replies = new Map<number, (body: Buffer) => void>();
  let onCall: (call: Call) => void = () => undefined;

  function send(type: number, fields: Field[], signature?: string, body?: (w: Writer) => void) {
    const payload = new Writer();
    body?.(payload);
    const all: Field[] = signature ? [...fields, [8, 'g', signature]] : fields;
    const w = new Writer();
    w.bytes.push('l'.charCodeAt(0), type, 0, 1);
    w.u32(payload.bytes.length);
    w.u32(++serial);
    w.u32(0); // header fields' length, patched below
    w.align(8);
    const start = w.bytes.length;
    for (const [code, kind, value] of all) {
      w.align(8);
      w.byte(code);
      w.signature(kind);
      if (kind === 'u') w.u32(value as number);
      else if (kind === 'g') w.signature(value as string);
      else w.string(value as string);
    }
    const length = Buffer.alloc(4);
    length.writeUInt32LE(w.bytes.length - start);
    w.bytes.splice(12, 4, ...length);
    w.align(8);
    socket.write(Buffer.from([...w.bytes, ...payload.bytes]));
    return serial;
  }

  function receive(message: Buffer, fieldsEnd: number) {
    const fields = new Map<number, string | number>();
    let at = 16;
    const pad = (n: number) => (at = Math.ceil(at / n) * n);
    while (at < fieldsEnd) {
      pad(8);
      const code = message[at++]!;
      const kind = String.fromCharCode(message[at + 1]!);
      at += message[at]! + 2;
      if (kind === 'g') {
        const n = message[at]!;
        fields.set(code, message.toString('utf8', at + 1, at + 1 + n));
        at += n + 2;
      } else {
        pad(4);
        const n = message.readUInt32LE(at);
        fields.set(code, kind === 'u' ? n : message.toString('utf8', at + 4, at + 4 + n));
        at += kind === 'u' ? 4 : n + 5;
      }
    }
    const body = message.subarray(Math.ceil(fieldsEnd / 8) * 8);
    const type = message[1]!;
    if (type === 2 || type === 3) {
      replies.get(fields.get(5) as number)?.(type === 2 ? body : Buffer.alloc(4));
    } else if (type === 1) {
      onCall({
        serial: message.readUInt32LE(8),
        flags: message[2]!,
        path: fields.get(1) as string | undefined,
        member: fields.get(3) as string | undefined,
        sender: fields.get(7) as string | undefined,
      });
    }
  }

  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!authenticated) {
      const end = buffer.indexOf('\r\n');
      if (end < 0) return;
      authenticated = true;
      answered(buffer.toString('latin1', 0, end));
      buffer = buffer.subarray(end + 2);
    }
    while (buffer.length >= 16) {
      const fieldsEnd = 16 + buffer.readUInt32LE(12);
      const total = Math.ceil(fieldsEnd / 8) * 8 + buffer.readUInt32LE(4);
      if (buffer.length < total) return;
      receive(buffer.subarray(0, total), fieldsEnd);
      buffer = buffer.subarray(total);
    }
  });
  // SASL EXTERNAL: we are who the socket says we are (our uid, hex-encoded digits).
  const uid = Buffer.from(String(process.getuid?.() ?? 0)).toString('hex');
  socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
  const line = await authLine;
  if (!line.startsWith('OK')) throw new Error(`The private dbus refused us: ${line}`);
  socket.write('BEGIN\r\n');

  const bus = {
    socket,
    onCall(handler: (call: Call) => void) {
      onCall = handler;
    },
    callDaemon(member: string, signature?: string, body?: (w: Writer) => void) {
      return new Promise<Buffer>((done) => {
        const id = send(
          1,
          [
            [1, 'o', '/org/freedesktop/DBus'],
            [2, 's', 'org.freedesktop.DBus'],
            [3, 's', member],
            [6, 's', 'org.freedesktop.DBus'],
          ],
          signature,
          body,
        );
        replies.set(id, done);
      });
    },
    reply(call: Call, signature: string, body: (w: Writer) => void) {
      if (call.flags & 1) return; // NO_REPLY_EXPECTED
      send(
        2,
        [
          [5, 'u', call.serial],
          [6, 's', call.sender ?? ''],
        ],
        signature,
        body,
      );
    },
    replyError(call: Call, name: string) {
      if (call.flags & 1) return;
      send(3, [
        [4, 's', name],
        [5, 'u', call.serial],
        [6, 's', call.sender ?? ''],
      ]);
    },
    async signal(
      path: string,
      iface: string,
      member: string,
      signature: string,
      body: (w: Writer) => void,
    ) {
      send(
        4,
        [
          [1, 'o', path],
          [2, 's', iface],
          [3, 's', member],
        ],
        signature,
        body,
      );
      // A round trip: the daemon has passed the signal on by the time it answers GetId.
      await bus.callDaemon('GetId');
    },
  };
  await bus.callDaemon('Hello');
  return bus;
}
