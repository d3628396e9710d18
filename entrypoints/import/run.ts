/**
 * One import run from the page: 'import.run' is the one message that writes; while it is under
 * way the page asks 'import.progress' for the counts. If the background stops answering (its
 * worker died, the extension reloaded), the message fails without a ProtocolError: the write was
 * one transaction, so nothing of it was kept, and that is what the page says.
 */
import type { ImportCandidate } from '@/lib/import';
import { send } from '@/lib/messaging/client';
import { ProtocolError } from '@/lib/messaging/errors';
import type { ImportOutcomeCounts, ImportProgress, MatchChoice } from '@/lib/messaging/import';

const POLL_MS = 150;

export type RunResult =
  | { ok: true; counts: ImportOutcomeCounts }
  | { ok: false; error: ProtocolError | 'did-not-finish' };

export async function runImport(
  candidates: ImportCandidate[],
  onMatch: MatchChoice,
  onProgress: (progress: ImportProgress) => void,
): Promise<RunResult> {
  const runId = crypto.randomUUID();
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (finished) return;
      try {
        const progress = await send('import.progress', { runId });
        if (!finished && progress.phase !== 'unknown') onProgress(progress);
      } catch {
        // The run's own answer says what happened.
      }
    }
  };
  void poll();
  try {
    return { ok: true, counts: await send('import.run', { runId, candidates, onMatch }) };
  } catch (caught) {
    const died = !(caught instanceof ProtocolError) || caught.code === 'internal';
    return { ok: false, error: died ? 'did-not-finish' : caught };
  } finally {
    finished = true;
  }
}
