/**
 * What our in-page frame shows: the matching logins (or "Unlock"), a generated password on a
 * sign-up field, the save or update prompt, the account-password warning. Every action goes to the
 * background with where the user clicked, so the page's content script can check nothing of the
 * page covered that spot; a refusal is said here, in the frame the page cannot read.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { fillReasonText, FillQuestion } from '@/components/FillQuestion';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import {
  MENU_PORT,
  type GuardReason,
  type MenuOutcome,
  type MenuState,
} from '@/lib/messaging/inpage-frame';

const guardText: Record<GuardReason | 'locked', MessageKey> = {
  transparent: 'menuWhyTransparent',
  covered: 'menuWhyCovered',
  moved: 'menuWhyMoved',
  'too-soon': 'menuWhyTooSoon',
  gone: 'menuWhyGone',
  locked: 'menuWhyLocked',
};

function reasonText(reason: string): string {
  if (reason in guardText) return t(guardText[reason as keyof typeof guardText]);
  const key = fillReasonText[reason as keyof typeof fillReasonText];
  return key ? t(key, '') : t('menuWhyGone');
}

/** The user's yes to each thing the question named. */
function confirmedBy(outcome: Extract<MenuOutcome, { kind: 'confirm' }>): Record<string, boolean> {
  const names = {
    'insecure-page': 'insecurePage',
    'cross-origin-frame': 'crossOriginFrame',
    'form-action': 'formAction',
    'equivalent-site': 'equivalentSite',
  } as const;
  return Object.fromEntries(outcome.confirm.map((c) => [names[c], true]));
}

/** Where the user acted: the pointer's spot, or the middle of the control for a key press. */
function pointOf(event: MouseEvent): { x: number; y: number } {
  const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
  const byKey = event.detail === 0;
  const x = byKey ? box.left + box.width / 2 : event.clientX;
  const y = byKey ? box.top + box.height / 2 : event.clientY;
  return { x: Math.max(0, Math.round(x)), y: Math.max(0, Math.round(y)) };
}

export function Menu(props: { token: string; refused?: string }) {
  const { token } = props;
  const [state, setState] = useState<MenuState | undefined>();
  const [why, setWhy] = useState<string | undefined>(
    props.refused ? reasonText(props.refused) : undefined,
  );
  const [question, setQuestion] = useState<
    | { itemId: string; title: string; outcome: Extract<MenuOutcome, { kind: 'confirm' }> }
    | undefined
  >();
  const root = useRef<HTMLDivElement>(null);

  const load = () =>
    send('menu.state', { token }).then(setState, () => setState({ view: 'closed' }));

  // Asked at once: Preact runs useEffect only after the next frame is painted (§7: ≤ 50 ms).
  useLayoutEffect(() => {
    void load();
    const port = browser.runtime.connect({ name: MENU_PORT });
    port.postMessage({ token });
    port.onMessage.addListener(() => void load());
    // The field's ↓ moves focus into this frame: the first choice takes it.
    const onFocus = () =>
      root.current?.querySelector<HTMLElement>('button.row, .actions button')?.focus();
    addEventListener('focus', onFocus);
    return () => {
      port.disconnect();
      removeEventListener('focus', onFocus);
    };
  }, []);

  useEffect(() => {
    if (state?.view === 'closed') void send('menu.close', { token }).catch(() => undefined);
    const height = root.current?.getBoundingClientRect().height;
    if (height)
      void send('menu.resize', { token, height: Math.ceil(height) + 4 }).catch(() => undefined);
  }, [state, why, question]);

  const close = () => void send('menu.close', { token }).catch(() => undefined);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') return close();
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...(root.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    buttons[(next + buttons.length) % buttons.length]?.focus();
  };

  /** A click that counts: trusted, inside this frame. */
  const act =
    (run: (point: { x: number; y: number }) => Promise<MenuOutcome>) => (event: MouseEvent) => {
      if (!event.isTrusted) return;
      const point = pointOf(event);
      void run(point).then(
        (outcome) => {
          if (outcome.kind === 'refused') setWhy(reasonText(outcome.reason));
        },
        () => setWhy(t('menuWhyGone')),
      );
    };

  const fill = (itemId: string, title: string, confirmed?: Record<string, boolean>) =>
    act(async (point) => {
      const outcome = await send('menu.fill', { token, itemId, point, confirmed });
      setQuestion(outcome.kind === 'confirm' ? { itemId, title, outcome } : undefined);
      return outcome;
    });

  if (!state || state.view === 'closed') return null;
  const heading = (text: string) => (
    <header>
      <span>{text}</span>
      <button type="button" class="close" aria-label={t('menuClose')} onClick={close}>
        ×
      </button>
    </header>
  );

  return (
    <div ref={root} onKeyDown={onKey}>
      {state.view === 'locked' && (
        <>
          {heading(t('menuLocked'))}
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => void send('menu.unlock', { token }).catch(() => undefined)}
            >
              {t('menuUnlock')}
            </button>
          </div>
        </>
      )}
      {state.view === 'logins' && (
        <>
          {heading(state.code ? t('menuCodeFor', state.site) : t('menuLoginsFor', state.site))}
          {!why &&
            !question &&
            state.logins.map((login) => (
              <button
                type="button"
                class="row"
                key={login.id}
                aria-label={
                  state.code
                    ? t('menuFillCodeLabel', [login.title, login.username])
                    : t('menuFillLabel', [login.title, login.username])
                }
                onClick={fill(login.id, login.title)}
              >
                <span>{login.title}</span>
                {state.code ? (
                  <small>{t('menuCodeHint')}</small>
                ) : (
                  login.username && <small>{login.username}</small>
                )}
              </button>
            ))}
          {!why && !question && state.logins.length === 0 && !state.generate && (
            <p>{t('menuNoLogins', state.site)}</p>
          )}
          {!why && !question && state.generate && (
            <button
              type="button"
              class="row"
              onClick={act((point) => send('menu.generate', { token, point }))}
            >
              <span>{t('menuGenerate')}</span>
              <small>{t('menuGenerateHint')}</small>
            </button>
          )}
          {question && (
            <FillQuestion
              title={question.title}
              question={question.outcome}
              onFill={fill(question.itemId, question.title, confirmedBy(question.outcome))}
              onCancel={() => setQuestion(undefined)}
            />
          )}
          {!why && !question && (
            <div class="actions">
              <button
                type="button"
                onClick={() => void send('menu.never', { token }).catch(() => undefined)}
              >
                {t('menuNeverHere')}
              </button>
            </div>
          )}
        </>
      )}
      {state.view === 'save' && (
        <>
          {heading(
            state.offer.kind === 'save'
              ? t('promptSaveTitle', state.offer.site)
              : t('promptUpdateTitle', [state.offer.title ?? '', state.offer.site]),
          )}
          {state.offer.username && <p>{state.offer.username}</p>}
          {!why && (
            <div class="actions">
              <button
                type="button"
                class="primary"
                onClick={act((point) =>
                  send('menu.save', { token, point, action: state.offer.kind }),
                )}
              >
                {t(state.offer.kind === 'save' ? 'promptSave' : 'promptUpdate')}
              </button>
              <button
                type="button"
                onClick={act((point) => send('menu.save', { token, point, action: 'never' }))}
              >
                {t('promptNever')}
              </button>
              <button type="button" onClick={close}>
                {t('promptNotNow')}
              </button>
            </div>
          )}
        </>
      )}
      {state.view === 'warning' && (
        <>
          {heading(t('warnAccountPasswordTitle', state.site))}
          <p>{t('warnAccountPasswordWhat')}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={close}>
              {t('warnAccountPasswordDismiss')}
            </button>
          </div>
        </>
      )}
      {why && (
        <p class="why" role="alert">
          {why}
        </p>
      )}
    </div>
  );
}
