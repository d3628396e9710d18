import { useEffect } from 'preact/hooks';
import { looksLikeResetLink } from '@/lib/account-key/reset-link';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { Header, NavBar } from './Header';
import { pendingEditRoute } from './drafts';
import { navigate, refreshStatus, route, status, toast } from './model';
import { isVaultRoute, resolveRoute } from './route';
import { lazyView } from './lazy';
import { currentTab } from './vault-client';
import { GeneratorView } from './views/Generator';
import { ItemDetail } from './views/ItemDetail';
import { ItemEditor } from './views/ItemEditor';
import { Unlock } from './views/Unlock';
import { Vault } from './views/Vault';
import { Welcome } from './views/Welcome';

const CreateAccount = lazyView(() => import('./views/CreateAccount').then((m) => m.CreateAccount));
const EmergencyKitView = lazyView(() =>
  import('./views/EmergencyKit').then((m) => m.EmergencyKitView),
);
const ResetGuide = lazyView(() => import('./views/ResetGuide').then((m) => m.ResetGuide));
const ResetEmail = lazyView(() => import('./views/ResetEmail').then((m) => m.ResetEmail));
const KitAgain = lazyView(() => import('./views/KitAgain').then((m) => m.KitAgain));
const ChangePassword = lazyView(() =>
  import('./views/ChangePassword').then((m) => m.ChangePassword),
);
const SettingsView = lazyView(() => import('./views/Settings').then((m) => m.SettingsView));
const SignIn = lazyView(() => import('./views/SignIn').then((m) => m.SignIn));
const HealthView = lazyView(() => import('./views/Health').then((m) => m.HealthView));
const KeptAsideView = lazyView(() => import('./views/KeptAside').then((m) => m.KeptAsideView));

/**
 * Opened over the server's reset page (the toolbar click lets the popup read that tab's address):
 * straight to the reset, whatever else the popup would have shown.
 */
async function resetLinkOfTab(): Promise<boolean> {
  const tab = await currentTab();
  if (!tab?.url || !/^https?:/.test(tab.url) || !looksLikeResetLink(tab.url)) return false;
  navigate({ name: 'reset-email', link: tab.url, tabId: tab.id });
  return true;
}

export function App() {
  useEffect(() => {
    void refreshStatus().then(async (value) => {
      if (await resetLinkOfTab()) return;
      // An account waiting for its emailed code: the user went to read the email, and is back.
      if (value?.state === 'signed-out' && route.value.name === 'home') {
        const { pending } = await send('account.pendingCreate', {}).catch(() => ({
          pending: undefined,
        }));
        if (pending && route.value.name === 'home') navigate({ name: 'create' });
        return;
      }
      // An edit left open when the popup last closed comes back, changes and all.
      if (value?.state !== 'unlocked' || value.kitPending || route.value.name !== 'home') return;
      const pending = await pendingEditRoute();
      if (pending && route.value.name === 'home') navigate(pending);
    });
  }, []);

  const load = status.value;
  if (load.kind !== 'ready') {
    return (
      <div class="popup">
        <Header />
        <main class="view">
          {load.kind === 'loading' ? (
            <p role="status">{t('statusLoading')}</p>
          ) : (
            <p role="alert" class="notice error">
              {t(load.code === 'stale-build' ? 'errorStaleBuild' : 'statusUnavailable')}
            </p>
          )}
        </main>
      </div>
    );
  }
  const current = load.value;
  const view = resolveRoute(current, route.value);
  return (
    <div class="popup" data-view={view.name}>
      <Header status={current} />
      {isVaultRoute(view) && <NavBar current={view.name} />}
      <main class="view" key={JSON.stringify(view)}>
        {view.name === 'welcome' && <Welcome status={current} />}
        {view.name === 'create' && <CreateAccount />}
        {view.name === 'signin' && <SignIn />}
        {view.name === 'kit' && <EmergencyKitView />}
        {view.name === 'unlock' && <Unlock status={current} />}
        {view.name === 'reset' && <ResetGuide status={current} back={view.back} />}
        {view.name === 'reset-email' && (
          <ResetEmail
            status={current}
            guideBack={view.guideBack}
            link={view.link}
            tabId={view.tabId}
          />
        )}
        {view.name === 'kit-again' && <KitAgain />}
        {view.name === 'vault' && <Vault status={current} />}
        {view.name === 'item' && <ItemDetail id={view.id} />}
        {view.name === 'edit' && <ItemEditor id={view.id} itemType={view.itemType} />}
        {view.name === 'generator' && <GeneratorView />}
        {view.name === 'settings' && <SettingsView status={current} />}
        {view.name === 'password' && <ChangePassword status={current} />}
        {view.name === 'health' && <HealthView from={view.from} />}
        {view.name === 'kept' && <KeptAsideView status={current} setKey={view.key} />}
      </main>
      {toast.value && (
        <div class="toast" role="status">
          <span>{toast.value.text}</span>
          {toast.value.action && (
            <button type="button" class="link" onClick={toast.value.action.run}>
              {toast.value.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
