/**
 * qr-scanner's decoder worker, shipped as a file of the extension (written at build time by
 * wxt.config.ts). The library would start it from a blob: URL, which Firefox's extension CSP
 * blocks (TOOLCHAIN.md); Chrome would allow it, and uses the same file so both run one path.
 * Issue 13 gathers such differences under `lib/platform/`.
 */
export const QR_WORKER_PATH = '/qr-scanner-worker.js';
