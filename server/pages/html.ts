import { createHash } from 'node:crypto';
import type { Language } from '../http/language';
import { PAGE_TEXTS, quoted } from './texts';

/**
 * The server's HTML pages: static text, no script, no external resource, one inline style
 * allowed by its hash. They handle no secret: the reset link's token stays in the URL fragment,
 * which the browser never sends, and nothing on the page reads it (DESIGN §5).
 */
const STYLE = `
:root { color-scheme: light dark; --bg: #f3f4f6; --card: #fff; --text: #1f2937; --muted: #4b5563;
  --accent: #1d4ed8; --line: #e5e7eb; --note: #eff6ff; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111827; --card: #1f2937; --text: #f3f4f6; --muted: #cbd5e1; --accent: #93c5fd;
    --line: #374151; --note: #2b3a52; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: flex-start; justify-content: center;
  background: var(--bg); color: var(--text); font: 16px/1.55 system-ui, -apple-system, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, sans-serif; padding: 6vh 16px; }
main { width: 100%; max-width: 38rem; background: var(--card); border: 1px solid var(--line);
  border-radius: 14px; padding: 28px 32px; box-shadow: 0 10px 30px rgb(0 0 0 / 0.08); }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 650; color: var(--accent);
  letter-spacing: 0.01em; }
.brand svg { width: 28px; height: 28px; flex: none; }
h1 { font-size: 1.45rem; line-height: 1.3; margin: 18px 0 8px; }
h2 { font-size: 1.05rem; margin: 0 0 4px; }
p { margin: 0 0 12px; }
.lead { color: var(--muted); }
.step { display: flex; gap: 14px; padding: 16px 0; border-top: 1px solid var(--line); }
.step .n { flex: none; width: 30px; height: 30px; border-radius: 50%; background: var(--accent);
  color: var(--card); display: grid; place-items: center; font-weight: 700; }
.step p { margin: 0 0 6px; }
.or { text-transform: uppercase; font-size: 0.78rem; letter-spacing: 0.08em; color: var(--muted);
  text-align: center; margin: 0; }
.hint { color: var(--muted); font-size: 0.92rem; }
.note { background: var(--note); border-radius: 10px; padding: 12px 14px; font-size: 0.95rem; }
.small { color: var(--muted); font-size: 0.88rem; margin: 16px 0 0; }
code { font: 0.95rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--note);
  padding: 2px 6px; border-radius: 6px; overflow-wrap: anywhere; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** Nothing may load, run, frame or submit; the one style is allowed by its hash. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const LOCK = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="10" width="18"
  height="11" rx="2.5"/><path d="M7.5 10V7a4.5 4.5 0 0 1 9 0v3"/><circle cx="12" cy="15.5"
  r="1.6"/></svg>`;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function page(lang: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Cassaforte</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand">${LOCK}<span>Cassaforte</span></div>
${body}
</main>
</body>
</html>
`;
}

/** GET /reset: where the reset email's link lands. */
export function resetPage(lang: Language): string {
  const t = PAGE_TEXTS[lang];
  const paste = escapeHtml(t.pasteBody).replace(
    '{choice}',
    `<strong>${escapeHtml(quoted(lang, t.choice))}</strong>`,
  );
  return page(
    lang,
    t.resetTitle,
    `<h1>${escapeHtml(t.resetTitle)}</h1>
<p class="lead">${escapeHtml(t.resetLead)}</p>
<section class="step"><div class="n">1</div><div>
<h2>${escapeHtml(t.toolbarHeading)}</h2>
<p>${escapeHtml(t.toolbarBody)}</p>
<p class="hint">${escapeHtml(t.toolbarHidden)}</p>
</div></section>
<p class="or">${escapeHtml(t.or)}</p>
<section class="step"><div class="n">2</div><div>
<h2>${escapeHtml(t.pasteHeading)}</h2>
<p>${paste}</p>
</div></section>
<p class="note">${escapeHtml(t.keepItems)}</p>
<p class="small">${escapeHtml(t.expiry)} ${escapeHtml(t.safety)}</p>`,
  );
}

/** GET /: what someone who opens the server's address in a browser sees. */
export function homePage(lang: Language, publicUrl: string): string {
  const t = PAGE_TEXTS[lang];
  return page(
    lang,
    t.homeTitle,
    `<h1>${escapeHtml(t.homeTitle)}</h1>
<p class="lead">${escapeHtml(t.homeBody)}</p>
<p>${escapeHtml(t.homeAddress)} <code>${escapeHtml(publicUrl)}</code></p>`,
  );
}

/** A browser's GET of a path that is not a page (the API's clients still get JSON). */
export function notFoundPage(lang: Language): string {
  const t = PAGE_TEXTS[lang];
  return page(
    lang,
    t.notFoundTitle,
    `<h1>${escapeHtml(t.notFoundTitle)}</h1>
<p class="lead">${escapeHtml(t.notFoundBody)}</p>`,
  );
}
