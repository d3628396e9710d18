/** Every file under `dir`, depth first; a directory that cannot be read yields nothing. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
