/**
 * Our frame in web pages (issue 12): the inline menu on a login field and the save prompt after a
 * submitted form. It runs as an extension page inside a closed shadow root on the page, and asks
 * the background what to show for its token. The token comes in its URL's fragment, or, for a
 * menu's frame loaded ahead with none (DESIGN §7: shown ≤ 50 ms after the click), in one message
 * from the page's window once the user clicks: the content script's, or a forgery of the page's,
 * which holds no token the background knows and so shows nothing.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Menu } from './Menu';
import './menu.css';

document.documentElement.lang = browser.i18n.getUILanguage();

function start(token: string, refused: string | undefined) {
  render(<Menu token={token} refused={refused} />, document.getElementById('menu')!);
}

const hash = location.hash.slice(1).replace(/^([^&=]+)(&|$)/, 'token=$1$2');
const params = new URLSearchParams(hash);
const inUrl = params.get('token');
if (inUrl) start(inUrl, params.get('refused') ?? undefined);
else {
  addEventListener('message', function handed(event: MessageEvent) {
    const data = event.data as { type?: unknown; token?: unknown; refused?: unknown } | null;
    if (event.source !== parent || data?.type !== 'cassaforte.menu') return;
    if (typeof data.token !== 'string' || !data.token) return;
    // One token per frame.
    removeEventListener('message', handed);
    start(data.token, typeof data.refused === 'string' ? data.refused : undefined);
  });
}
