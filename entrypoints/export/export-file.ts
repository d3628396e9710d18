/**
 * The file the export page saves, built in the page from the items the background handed it
 * (lib/export does the formats). The encrypted kind runs Argon2id here, at least as hard as the
 * account password's (exportKdfCost); its key lives only inside that call.
 */
import {
  csvExport,
  exportFileName,
  exportKdfCost,
  jsonExport,
  writeEncryptedExport,
} from '@/lib/export';
import type { ExportedVault } from '@/lib/messaging/protocol';

export type ExportKind = 'encrypted' | 'csv' | 'json';

export interface ExportFile {
  blob: Blob;
  name: string;
  /** Items (CSV: logins) in the file. */
  count: number;
}

export async function buildExportFile(
  kind: ExportKind,
  vault: ExportedVault,
  exportPassword: string,
  now = new Date(),
): Promise<ExportFile> {
  switch (kind) {
    case 'encrypted': {
      const bytes = await writeEncryptedExport({
        items: vault.items,
        password: exportPassword,
        cost: exportKdfCost(vault.accountKdf),
        now: now.getTime(),
      });
      return {
        blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
        name: exportFileName('cfx', now),
        count: vault.items.length,
      };
    }
    case 'csv': {
      const { text, rows } = csvExport(vault.items);
      return {
        blob: new Blob([text], { type: 'text/csv' }),
        name: exportFileName('csv', now),
        count: rows,
      };
    }
    case 'json':
      return {
        blob: new Blob([jsonExport(vault.items, now.getTime())], { type: 'application/json' }),
        name: exportFileName('json', now),
        count: vault.items.length,
      };
  }
}
