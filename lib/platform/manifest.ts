/**
 * The manifest's per-browser parts (issue 13 gathers browser differences under `lib/platform/`),
 * used by wxt.config.ts. `browser` is WXT's build target (`wxt build -b firefox`), never a
 * guess at run time.
 */
type Target = string;

const isFirefox = (browser: Target) => browser === 'firefox';

/**
 * Chrome clears the clipboard from an offscreen document (lib/platform/clipboard.ts); Firefox
 * has no offscreen API and clears from its background page, so it asks for no such permission.
 */
export function browserPermissions(browser: Target): string[] {
  return isFirefox(browser) ? [] : ['offscreen'];
}

/**
 * The in-page frame's resource: Chrome's static extension id would let any site probe for the
 * extension, so it gets a dynamic URL that changes every session. Firefox's moz-extension id is
 * already random per profile, and Firefox does not know `use_dynamic_url`.
 */
export function frameResourceOptions(browser: Target): { use_dynamic_url?: true } {
  return isFirefox(browser) ? {} : { use_dynamic_url: true };
}

/**
 * Firefox needs an add-on id and, for new add-ons, a data collection statement;
 * `data_collection_permissions` needs Firefox 140 on desktop and 142 on Android, and an older
 * minimum makes web-ext lint warn that the key is unsupported there. Chrome needs none of it.
 */
export function browserSpecificSettings(browser: Target) {
  if (!isFirefox(browser)) return {};
  return {
    browser_specific_settings: {
      gecko: {
        id: 'cassaforte@cassaforte.app',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}
