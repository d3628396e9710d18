/**
 * The page's side of an import: the file is read and parsed here (lib/import), never sent
 * anywhere as it is. Each candidate is also made into an item once, as the background will, so a
 * row the vault would refuse is shown in the preview with its reason instead of failing the run.
 */
import {
  MAX_IMPORT_BYTES,
  parseImport,
  toItem,
  type ImportCandidate,
  type ImportOutcome,
} from '@/lib/import';
import { MAX_LIST } from '@/lib/messaging/limits';

export type Read =
  | (Extract<ImportOutcome, { ok: true }> & { fileName: string })
  | (Extract<ImportOutcome, { ok: false }> & { fileName: string });

export async function readImportFile(file: File, password?: string): Promise<Read> {
  // Not read into memory at all: a file this size is no export of a password manager.
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, reason: 'tooLarge', fileName: file.name };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const outcome = await parseImport(
    { name: file.name, bytes },
    // The vault's own room is checked against the counts the background gives (Preview).
    { maxItems: MAX_LIST, ...(password ? { password } : {}) },
  );
  if (!outcome.ok) return { ...outcome, fileName: file.name };
  const candidates: ImportCandidate[] = [];
  const problems = [...outcome.problems];
  for (const candidate of outcome.candidates) {
    if (makesAnItem(candidate)) candidates.push(candidate);
    else problems.push({ ...candidate.source, reason: 'tooLong' });
  }
  problems.sort((a, b) => a.at - b.at);
  return { ...outcome, candidates, problems, fileName: file.name };
}

function makesAnItem(candidate: ImportCandidate): boolean {
  try {
    toItem(candidate, 'preview', 0);
    return true;
  } catch {
    return false;
  }
}
