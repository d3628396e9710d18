/**
 * Reads the setup code from a picture of the Emergency Kit's QR code with `qr-scanner`. Its decoder
 * runs in a worker that we ship as a real file (qr-scanner-worker.js, written at build time by
 * wxt.config.ts), because the library's own blob: worker is blocked by Firefox's extension CSP.
 * The caller passes that file's URL: components never call the extension API.
 */
import { decodeSetupCode, type SetupCode } from '@/lib/account-key';

export type ScanSource = Blob | HTMLVideoElement | HTMLCanvasElement;

/** Loads the scanner only when needed: it is not part of the popup's first paint. */
export async function createQrReader(workerUrl: string) {
  const { default: QrScanner } = await import('qr-scanner');
  const worker = new Worker(workerUrl);
  return {
    /** The QR code's text, or undefined when the picture has none. */
    async read(source: ScanSource): Promise<string | undefined> {
      try {
        const result = await QrScanner.scanImage(source, {
          qrEngine: worker,
          returnDetailedScanResult: true,
          alsoTryWithoutScanRegion: true,
        });
        return result.data;
      } catch (error) {
        if (error === QrScanner.NO_QR_CODE_FOUND || String(error).includes('No QR code found')) {
          return undefined;
        }
        throw error;
      }
    },
    close(): void {
      worker.terminate();
    },
  };
}

/** Reads one picture and decodes the setup code in it; throws SetupCodeError when it is not one. */
export async function scanSetupCode(source: Blob, workerUrl: string): Promise<SetupCode> {
  const reader = await createQrReader(workerUrl);
  try {
    return decodeSetupCode((await reader.read(source)) ?? '');
  } finally {
    reader.close();
  }
}

/** The first image in a paste or a drop, if any. */
export function imageFrom(data: DataTransfer | null): File | undefined {
  if (!data) return undefined;
  return [...data.files].find((file) => file.type.startsWith('image/'));
}
