/** A fresh account made through a browser's extension, its kit marked saved: the popup opens on the vault. */
import { createAccount, type Send } from '../support/accounts';
import type { ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import type { E2eServer } from '../support/server';

export async function signedUp(
  extension: ExtensionBrowser,
  extensionDir: string,
  server: E2eServer,
  label: string,
): Promise<Send> {
  const send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
  await createAccount(send, server, {
    email: `${label}-${Date.now()}@example.com`,
    password: 'meadow-copper-lantern-brisk-2',
    hint: '',
    serverUrl: server.url,
  });
  await send('account.kitSaved', {});
  return send;
}
