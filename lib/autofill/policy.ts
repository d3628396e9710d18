/**
 * The one policy function that decides every fill (DESIGN §6). Its inputs are what the browser
 * reports about the frame (its URL and origin, the top frame's origin, whether we may script it)
 * and the login the user chose; never a URL a page or a message supplied. It answers fill,
 * ask first (naming what to confirm), or refuse (with the reason the popup puts into words).
 */
import type { LoginItem } from '../vault/item';
import { EQUIVALENT_DOMAINS, isEquivalentSite, matchesItemOrigin, siteOf } from './origin';

/** A frame as the browser reports it (webNavigation.getAllFrames, runtime.MessageSender). */
export interface FrameFacts {
  url: string;
  /** The frame's origin as the browser reports it: 'null' when opaque (sandboxed, data:…). */
  origin: string;
  /** The tab's top frame's origin. */
  topOrigin: string;
  /** Whether the extension may run in this frame (activeTab covers the top frame's origin only). */
  hostAccess: boolean;
  /**
   * Where the form posts, as the page's markup says. The page supplies it, so it can only make
   * the policy more careful (a warning), never let a fill through.
   */
  formAction?: string;
}

/** What the user already confirmed for this fill (after a 'confirm' answer). */
export interface Confirmed {
  insecurePage?: boolean;
  crossOriginFrame?: boolean;
  formAction?: boolean;
  /** The user chose this login, saved for a site of the same group (google.com on youtube.com). */
  equivalentSite?: boolean;
}

export type FillRefusal =
  /** No saved URL of the login belongs to this frame's site. */
  | 'no-match'
  /** Sandboxed frame, data:, about:blank of another opener…: no site to match at all. */
  | 'opaque-origin'
  /** Not a web page (a browser page, a file, an extension's page). */
  | 'not-web'
  /** A frame of another site than the tab, which the extension may not script. */
  | 'no-host-access';

export type FillConfirmation =
  /** An https login into an http page: the password would travel unencrypted. */
  | 'insecure-page'
  /** A frame of another site than the tab: name both. */
  | 'cross-origin-frame'
  /** The form sends what is typed to another site: name it. */
  | 'form-action'
  /** The login is saved for another site of the page's group (a suggestion, never unasked). */
  | 'equivalent-site';

export type FillDecision =
  | { kind: 'fill' }
  | {
      kind: 'confirm';
      confirm: FillConfirmation[];
      frameSite: string;
      topSite: string;
      /** With 'form-action': the site the form posts to. */
      actionSite?: string;
    }
  | { kind: 'refuse'; reason: FillRefusal };

export function decideFill(
  item: Pick<LoginItem, 'urls'>,
  frame: FrameFacts,
  confirmed: Confirmed = {},
  /** Groups of sites that share accounts: the built-in ones and the user's. */
  equivalents: readonly (readonly string[])[] = EQUIVALENT_DOMAINS,
): FillDecision {
  if (frame.origin === 'null' || /^(data|blob|about|javascript):/i.test(frame.url)) {
    return { kind: 'refuse', reason: 'opaque-origin' };
  }
  const site = siteOf(frame.url);
  // The reported origin must be the URL's: a frame whose URL and origin disagree is not trusted.
  if (!site || originOf(frame.url) !== frame.origin) return { kind: 'refuse', reason: 'not-web' };
  const matches = item.urls.map((saved) => matchesItemOrigin(saved, frame.url));
  const sameSite = matches.includes('match') || matches.includes('insecure');
  const equivalent =
    !sameSite && item.urls.some((saved) => isEquivalentSite(saved, frame.url, equivalents));
  if (!sameSite && !equivalent) return { kind: 'refuse', reason: 'no-match' };
  const crossOrigin = frame.origin !== frame.topOrigin;
  if (crossOrigin && !frame.hostAccess) return { kind: 'refuse', reason: 'no-host-access' };

  const confirm: FillConfirmation[] = [];
  if (equivalent && !confirmed.equivalentSite) confirm.push('equivalent-site');
  // An equivalent site over http is as unsafe as the login's own site over http.
  const insecure = equivalent ? site.scheme === 'http' : !matches.includes('match');
  if (insecure && !confirmed.insecurePage) confirm.push('insecure-page');
  if (crossOrigin && !confirmed.crossOriginFrame) confirm.push('cross-origin-frame');
  const action = frame.formAction ? siteOf(frame.formAction) : undefined;
  const postsElsewhere = action !== undefined && action.domain !== site.domain;
  if (postsElsewhere && !confirmed.formAction) confirm.push('form-action');
  if (confirm.length === 0) return { kind: 'fill' };
  return {
    kind: 'confirm',
    confirm,
    frameSite: frame.origin,
    topSite: frame.topOrigin,
    ...(postsElsewhere ? { actionSite: action.host } : {}),
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
