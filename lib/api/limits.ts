/**
 * Sizes the server enforces and the extension must respect (it splits pushes accordingly).
 * Kept in one place so both sides agree.
 */
export const LIMITS = {
  /** Largest item ciphertext, in base64url characters (64 KiB). */
  blobChars: 64 * 1024,
  /** Most changes in one POST /v1/sync. */
  changesPerBatch: 500,
  /** Largest POST /v1/sync body. A full batch of maximal blobs does not fit: split by bytes too. */
  syncBodyBytes: 8 * 1024 * 1024,
  /** Largest body of every other endpoint. */
  bodyBytes: 16 * 1024,
  /** GET /v1/sync page size: default and maximum item count. */
  pageDefault: 500,
  pageMax: 1000,
  /** A page stops growing once its blobs pass this many characters (whole revisions only). */
  pageChars: 4 * 1024 * 1024,
  hintChars: 200,
  deviceNameChars: 64,
  emailChars: 254,
  itemIdChars: 64,
} as const;
