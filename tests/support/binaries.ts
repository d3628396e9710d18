/**
 * Where the browsers under test live, and what to install when they or their language packs are
 * missing. The suite never skips a browser: a missing one is an error that names the apt packages.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type BrowserName = 'chromium' | 'firefox';

interface BrowserInstall {
  /** Debian's launcher; CASSAFORTE_CHROMIUM / CASSAFORTE_FIREFOX point elsewhere. */
  executable: string;
  /** The apt package of the browser itself. */
  aptPackage: string;
  /** The apt package carrying one UI language. */
  languagePackage(lang: string): string;
  /** Whether the browser can switch its whole UI (and so extension i18n) to `lang`. */
  hasLanguage(lang: string): boolean;
}

const chromiumExecutable = process.env.CASSAFORTE_CHROMIUM ?? '/usr/bin/chromium';
const firefoxExecutable = process.env.CASSAFORTE_FIREFOX ?? '/usr/bin/firefox-esr';

/** `en`, `en-US`, `en_US` need no language pack: every build ships English. */
export function isEnglish(lang: string): boolean {
  return /^en([-_]|$)/i.test(lang);
}

/** Debian's /usr/bin/chromium is a shell script; the real install sits in /usr/lib/chromium. */
function chromiumLocalesDir(): string | undefined {
  const candidates = [dirname(safeRealpath(chromiumExecutable)), '/usr/lib/chromium'];
  return candidates.map((dir) => join(dir, 'locales')).find((dir) => existsSync(dir));
}

function firefoxLangpackDir(): string {
  return join(dirname(safeRealpath(firefoxExecutable)), 'browser', 'extensions');
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export const browserInstalls: Record<BrowserName, BrowserInstall> = {
  chromium: {
    executable: chromiumExecutable,
    aptPackage: 'chromium',
    // Chromium picks its UI locale from a <lang>.pak; Debian ships only en-US.pak without this.
    languagePackage: () => 'chromium-l10n',
    hasLanguage(lang) {
      if (isEnglish(lang)) return true;
      const dir = chromiumLocalesDir();
      return dir !== undefined && existsSync(join(dir, `${lang.replace('_', '-')}.pak`));
    },
  },
  firefox: {
    executable: firefoxExecutable,
    aptPackage: 'firefox-esr',
    languagePackage: (lang) => `firefox-esr-l10n-${lang.toLowerCase().replace('_', '-')}`,
    hasLanguage(lang) {
      if (isEnglish(lang)) return true;
      const dir = firefoxLangpackDir();
      const prefix = `langpack-${lang.replace('_', '-')}@`;
      return existsSync(dir) && readdirSync(dir).some((file) => file.startsWith(prefix));
    },
  },
};

/** The apt packages missing for these browsers in these languages, in install order. */
export function missingPackages(browsers: BrowserName[], langs: string[] = []): string[] {
  const missing = new Set<string>();
  for (const name of browsers) {
    const install = browserInstalls[name];
    if (!existsSync(install.executable)) {
      missing.add(install.aptPackage);
      // Without the browser its language packs cannot be checked; they are needed all the same.
      for (const lang of langs.filter((l) => !isEnglish(l))) {
        missing.add(install.languagePackage(lang));
      }
      continue;
    }
    for (const lang of langs) {
      if (!install.hasLanguage(lang)) missing.add(install.languagePackage(lang));
    }
  }
  return [...missing];
}

/** Throws, with the exact install command, when something the launch needs is missing. */
export function assertInstalled(browsers: BrowserName[], langs: string[] = []): void {
  const missing = missingPackages(browsers, langs);
  if (missing.length === 0) return;
  const where = process.env.CI === 'true' ? 'CI=true: the browser suite cannot run' : 'Locally';
  throw new Error(
    `${where}: missing ${missing.join(', ')}. Install with:\n\n` +
      `  apt-get install -y ${missing.join(' ')}\n\n` +
      'The browser tests never skip a browser; .ci/run installs these on a fresh machine.',
  );
}
