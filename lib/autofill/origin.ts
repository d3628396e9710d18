/**
 * Does a saved URL belong to the page a fill is for (DESIGN §6)? Public-suffix aware (`tldts`,
 * private suffixes included, so alice.github.io is not bob.github.io); the page's URL is the
 * frame's as the browser reports it, parsed by the URL parser (so `https://bank.example@evil.test`
 * is evil.test, a trailing dot is the same host, and IDNs compare in their punycode form).
 */
import { parse } from 'tldts';
import type { ItemUrl, UrlMatch } from '../vault/item';

export interface Site {
  scheme: 'http' | 'https';
  /** Lower case, without a trailing dot; IDNs as punycode (the URL parser's form). */
  host: string;
  /** '' for the scheme's default port. */
  port: string;
  /** The registrable domain (eTLD+1); for IPs, localhost and single labels, the host itself. */
  domain: string;
  /** False for IPs, localhost and single labels: one machine, where the port is the app. */
  registrable: boolean;
  path: string;
}

/** A URL as the policy sees it; undefined for anything that is not http(s) or does not parse. */
export function siteOf(url: string): Site | undefined {
  const text = url.trim();
  if (!text) return undefined;
  let parsed: URL;
  try {
    // A saved URL without a scheme ("github.com/login") means https.
    parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  const info = parse(host, { allowPrivateDomains: true });
  return {
    scheme: parsed.protocol === 'https:' ? 'https' : 'http',
    host,
    port: parsed.port,
    domain: info.isIp || !info.domain ? host : info.domain,
    registrable: !info.isIp && Boolean(info.domain),
    path: parsed.pathname,
  };
}

/** 'match'; 'insecure' when only the scheme stands between (an https item, an http page); 'none'. */
export type OriginMatch = 'match' | 'insecure' | 'none';

export function matchesItemOrigin(saved: ItemUrl, pageUrl: string): OriginMatch {
  const item = siteOf(saved.url);
  const page = siteOf(pageUrl);
  if (!item || !page) return 'none';
  if (!sameSite(item, page, saved.match)) return 'none';
  // Never across schemes downwards without a confirmation; an http item on an https page is fine.
  return item.scheme === 'https' && page.scheme === 'http' ? 'insecure' : 'match';
}

function sameSite(item: Site, page: Site, mode: UrlMatch): boolean {
  switch (mode) {
    case 'exact':
      return item.host === page.host && item.port === page.port && item.path === page.path;
    case 'host':
      return item.host === page.host && item.port === page.port;
    case 'domain':
      // Hosts without a registrable domain (IPs, localhost) name one machine: the port is the app.
      return item.registrable
        ? item.domain === page.domain
        : item.host === page.host && item.port === page.port;
  }
}

/**
 * Sites that are one account's (google.com and youtube.com, amazon.de and amazon.it): their items
 * are offered as suggestions, never filled without a choice. Users may add groups.
 */
export const EQUIVALENT_DOMAINS: readonly (readonly string[])[] = [
  ['google.com', 'youtube.com', 'gmail.com'],
  ['amazon.com', 'amazon.de', 'amazon.it', 'amazon.fr', 'amazon.es', 'amazon.co.uk'],
  ['microsoft.com', 'live.com', 'outlook.com', 'office.com', 'microsoftonline.com'],
  ['apple.com', 'icloud.com'],
  ['ebay.com', 'ebay.de', 'ebay.it', 'ebay.fr', 'ebay.es', 'ebay.co.uk'],
];

/** Whether the item's site and the page's are different domains of one equivalence group. */
export function isEquivalentSite(
  saved: ItemUrl,
  pageUrl: string,
  groups: readonly (readonly string[])[] = EQUIVALENT_DOMAINS,
): boolean {
  if (saved.match !== 'domain') return false; // the user narrowed where this login belongs
  const item = siteOf(saved.url);
  const page = siteOf(pageUrl);
  if (!item || !page || item.domain === page.domain) return false;
  return groups.some((group) => group.includes(item.domain) && group.includes(page.domain));
}
