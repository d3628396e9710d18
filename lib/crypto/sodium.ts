/**
 * The one place libsodium is loaded. The sumo build is needed for crypto_pwhash (Argon2id); its ESM
 * build is WebAssembly, hence the manifest's 'wasm-unsafe-eval' (TOOLCHAIN.md).
 */
import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

/** Resolves to the initialised library; cheap after the first call. */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}
