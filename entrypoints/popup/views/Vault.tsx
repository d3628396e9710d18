/**
 * The vault: search (focused on open), this site's logins first with a Fill button, a virtualised
 * list that stays fast at 10,000 items, arrow keys + Enter (which fills this site's first login),
 * copy username / password, open.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { FillQuestion, FrameAccess } from '@/components/FillQuestion';
import { KeptOfferBanner } from '@/components/KeptAside';
import { ErrorNotice } from '@/components/Notice';
import { SiteAccessOffer } from '@/components/SiteAccess';
import { SyncIndicator } from '@/components/SyncIndicator';
import { SyncProblems } from '@/components/SyncProblems';
import { SyncProgress } from '@/components/SyncProgress';
import { SyncResumable } from '@/components/SyncResumable';
import { VirtualList } from '@/components/VirtualList';
import { t, tn } from '@/lib/i18n';
import type { AppStatus, ItemSummary } from '@/lib/messaging/protocol';
import { send } from '@/lib/messaging/client';
import { useFill, useRememberedLogin } from '../fill-client';
import { HealthLine } from './HealthLine';
import { VaultRow } from './VaultRow';
import { NewItemButtons } from './NewItemButtons';
import { navigate, onStateError, refreshStatus, showToast, vaultRevision } from '../model';
import {
  copyField,
  listItems,
  vaultActive,
  vaultQuery,
  type CopyField,
  type ListView,
} from '../vault-client';

const ROW_HEIGHT = 52;
export const LIST_READY_MARK = 'cassaforte:list-ready';
/** Every row of the list has arrived (the first page paints before the rest comes). */
export const LIST_COMPLETE_MARK = 'cassaforte:list-complete';

export function Vault({ status }: { status: AppStatus }) {
  const search = useFocusOnMount<HTMLInputElement>();
  const [list, setList] = useState<ListView>();
  const [error, setError] = useState<string>();
  const [focusRow, setFocusRow] = useState<number>();
  const request = useRef<AbortController | undefined>(undefined);
  const refreshing = useRef(false);
  const [refreshes, setRefreshes] = useState(0);
  const query = vaultQuery.value;
  const items = list?.items;
  /** Rows in the list, loaded or not: the rest of the list arrives in pages after the first paint. */
  const rows = list?.matched ?? 0;
  const active = Math.min(vaultActive.value, Math.max(0, rows - 1));
  const filling = useFill(setError);
  const remembered = useRememberedLogin();
  const syncing = useAction(async () => {
    await send('sync.now', {});
    await refreshStatus();
  }, onStateError);
  // The user's go-ahead for a vault kept here, once the account syncs again: the same switch as
  // Settings → Sync → cloud, which uploads this device's vault and merges.
  const resuming = useAction(async () => {
    await send('sync.setMode', { mode: 'cloud' });
    await refreshStatus();
  }, onStateError);

  const load = (text: string, refresh = false) => {
    request.current?.abort(); // a later keystroke asks again: the older list stops loading
    const mine = new AbortController();
    request.current = mine;
    const show = (view: ListView) => {
      setList(view);
      setError(undefined);
    };
    // A refresh (after a sync) keeps the list on screen until the new one is whole, so a person
    // scrolled far down never sees rows blank out for a moment.
    refreshing.current = refresh; // a search replaces a refresh in flight
    listItems(text, show, { signal: mine.signal, partial: !refresh })
      .catch((caught: unknown) => {
        if (mine.signal.aborted) return;
        setError(describeError(caught));
        onStateError(caught);
      })
      .finally(() => {
        if (!refresh || request.current !== mine) return;
        refreshing.current = false;
        setRefreshes((n) => n + 1); // check again: the vault may have moved on meanwhile
      });
  };

  useEffect(() => load(query), []);
  // The background announced a change (a sync, an edit in another window): load again, keeping
  // the list on screen until the new one is whole.
  const announced = vaultRevision.value;
  useEffect(() => {
    // One refresh at a time: notices during a refresh wait for it, rather than restarting it.
    if (refreshing.current || !list?.complete || announced === undefined) return;
    if (announced !== list.revision) load(query, true);
  }, [announced, list?.revision, list?.complete, refreshes]);
  useEffect(() => () => request.current?.abort(), []);

  // Effects run after the browser painted: from here the list answers the keyboard and the mouse.
  // bench/popup.ts reads this mark to time "popup opened → usable list", and the second one to
  // check that every row arrived.
  const ready = items !== undefined;
  const complete = list?.complete === true;
  useEffect(() => {
    if (ready && performance.getEntriesByName(LIST_READY_MARK).length === 0) {
      performance.mark(LIST_READY_MARK);
    }
  }, [ready]);
  useEffect(() => {
    if (complete && performance.getEntriesByName(LIST_COMPLETE_MARK).length === 0) {
      performance.mark(LIST_COMPLETE_MARK);
    }
  }, [complete]);

  // The password page of a two-step login: the keyboard starts on the account chosen on the
  // first page, so Enter fills the same one (the background remembers it for this tab, 5 min).
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || !remembered || !items || query) return;
    const index = items.findIndex((row) => row.id === remembered && row.onSite);
    if (index < 0) return;
    placed.current = true;
    vaultActive.value = index;
  }, [remembered, items]);

  useEffect(() => {
    if (focusRow === undefined) return;
    const row = document.querySelector<HTMLElement>(`[data-row="${focusRow}"] .row-open`);
    // End (or PageDown) pressed before that row's page came: focus it when it comes.
    if (!row && list && !list.complete && focusRow >= list.items.length) return;
    row?.focus();
    setFocusRow(undefined);
  }, [focusRow, list]);

  const moveTo = (index: number) => {
    if (rows === 0) return;
    const next = Math.max(0, Math.min(rows - 1, index));
    vaultActive.value = next;
    setFocusRow(next);
  };

  const open = (item: ItemSummary | undefined) => item && navigate({ name: 'item', id: item.id });

  const copy = async (item: ItemSummary, field: CopyField) => {
    try {
      const seconds = String(await copyField(item.id, field));
      const text =
        field === 'password' ? t('copiedPassword', seconds) : t('copiedUsername', seconds);
      showToast({ text });
    } catch (caught) {
      setError(caught instanceof DOMException ? t('copyFailed') : describeError(caught));
      onStateError(caught);
    }
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      moveTo(active);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = items?.[active];
      if (first?.onSite && first.type === 'login') filling.fill(first);
      else open(first);
    }
  };

  const onListKey = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    const index = row ? Number(row.dataset.row) : active;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 8,
      PageUp: index - 8,
      Home: 0,
      End: rows - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      if (event.key === 'ArrowUp' && index === 0) return search.current?.focus();
      moveTo(moves[event.key]!);
    } else if (
      event.key === 'Escape' ||
      (event.key.length === 1 && !event.ctrlKey && !event.metaKey)
    ) {
      search.current?.focus(); // typing goes back to the search
    }
  };

  const shown = String(rows);
  const totalText = String(list?.total ?? 0);

  const renderRow = (index: number) => {
    const item = items?.[index];
    if (!item) return <div class="vitem" aria-busy="true" />; // its page is on its way
    return (
      <VaultRow
        item={item}
        active={index === active}
        onFocus={() => (vaultActive.value = index)}
        onOpen={() => open(item)}
        onFill={() => filling.fill(item)}
        onCopy={(field) => void copy(item, field)}
      />
    );
  };

  return (
    <section class="vault">
      <h1 class="visually-hidden">{t('vaultTitle')}</h1>
      <div class="vault-bar">
        <input
          ref={search}
          type="search"
          class="search"
          aria-label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => {
            vaultQuery.value = e.currentTarget.value;
            vaultActive.value = 0;
            load(e.currentTarget.value);
          }}
          onKeyDown={onSearchKey}
        />
      </div>
      <NewItemButtons />
      <SyncIndicator sync={status.sync} busy={syncing.busy} onSync={() => void syncing.run()} />
      <SyncResumable sync={status.sync} busy={resuming.busy} onResume={() => void resuming.run()} />
      <SyncProgress sync={status.sync} />
      <SyncProblems problems={status.sync?.problems} />
      <HealthLine revision={list?.revision} />
      <KeptOfferBanner
        offer={status.keptAside?.offers?.[0]}
        onOpen={(key) => navigate({ name: 'kept', key })}
      />
      <ErrorNotice>{error ?? syncing.error ?? resuming.error}</ErrorNotice>
      <SiteAccessOffer />
      {filling.frameAccess && (
        <FrameAccess site={filling.frameAccess.site} onGranted={filling.retry} />
      )}
      {filling.pending && (
        <FillQuestion
          title={filling.pending.item.title}
          question={filling.pending.question}
          onFill={filling.confirm}
          onCancel={filling.cancel}
        />
      )}
      {items === undefined && !error && <p role="status">{t('vaultLoading')}</p>}
      {list?.matched === 0 && (
        <p role="status" class="empty">
          {query ? t('vaultNoMatch', query) : t('vaultEmpty')}
        </p>
      )}
      {list && rows > 0 && (
        <div
          onKeyDown={onListKey}
          data-ready=""
          data-count={rows}
          data-loaded={list.items.length}
          data-complete={list.complete ? '' : undefined}
        >
          <p class="visually-hidden" role="status">
            {tn('vaultCount', list.total, [shown, totalText])}
          </p>
          <VirtualList
            count={rows}
            rowHeight={ROW_HEIGHT}
            label={t('vaultListLabel')}
            renderRow={renderRow}
            scrollToIndex={focusRow}
          />
        </div>
      )}
    </section>
  );
}
