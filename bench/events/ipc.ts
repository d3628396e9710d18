import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  /** Resolves with the child's next message of type `reply` (rejects on its error or exit). */
  next<T>(reply: string): Promise<T>;
  /** Sends `message`, then as `next`. */
  ask<T>(message: { type: string } & Record<string, unknown>, reply: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A bench helper process (TypeScript through tsx) with an IPC channel: the server and the load
 * generator each get their own event loop and their own open-files limit (20,000 here).
 */
export function forkChild(
  script: string,
  options: { env?: NodeJS.ProcessEnv; execArgv?: string[]; stdio?: 'inherit' | number } = {},
): Child {
  const out = options.stdio ?? 'inherit';
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    cwd: root,
    env: { ...process.env, ...options.env },
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    stdio: ['ignore', out, out, 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const next = <T>(reply: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string; error?: string }) => {
        if (m.type === 'error') {
          cleanup();
          reject(new Error(m.error));
        } else if (m.type === reply) {
          cleanup();
          resolve(m as T);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${script} exited (${code}) while waiting for ${reply}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    next,
    ask<T>(message: { type: string }, reply: string) {
      const answer = next<T>(reply);
      child.send(message);
      return answer;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** In a child: answers each request with `handle`'s result, or an error message. */
export function serve(handle: (message: { type: string } & Record<string, unknown>) => unknown) {
  process.on('message', (message: { type: string } & Record<string, unknown>) => {
    Promise.resolve()
      .then(() => handle(message))
      .then(
        (reply) => reply !== undefined && process.send?.(reply),
        (error: unknown) => process.send?.({ type: 'error', error: String(error) }),
      );
  });
}
