/**
 * The zip exports (1Password's 1PUX, Proton Pass's unencrypted export), through fflate.
 * A truncated or damaged zip has no readable central directory: that is 'malformed', not
 * 'unknownFormat', because the user picked the right file and only needs to download it again.
 */
import { unzipSync } from 'fflate';
import { decodeText, type DecodedText } from './text';
import { ImportError } from './types';

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;

/**
 * The largest file the import reads, and the largest export a zip may inflate to: 10,000 items
 * with long notes are a few tens of megabytes; a zip that claims more is refused before anything
 * is inflated (fflate sizes its output by the claim, and stops there if the data runs on).
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Entry names of the archive, without decompressing anything. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    throw new ImportError('malformed');
  }
  return names;
}

/** One entry as text, or undefined when the archive has none of that name. */
export function readZipText(bytes: Uint8Array, name: string): DecodedText | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== name) return false;
        if (file.originalSize > MAX_IMPORT_BYTES) throw new ImportError('tooLarge');
        return true;
      },
    });
  } catch (error) {
    throw error instanceof ImportError ? error : new ImportError('malformed');
  }
  const entry = files[name];
  return entry ? decodeText(entry) : undefined;
}
