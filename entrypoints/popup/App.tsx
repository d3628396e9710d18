import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { refreshStatus, status } from './model';
import { StatusView } from './views/StatusView';

export function App() {
  useEffect(() => {
    void refreshStatus();
  }, []);

  return (
    <main class="popup">
      <header class="popup-header">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1>{t('extName')}</h1>
      </header>
      <StatusView status={status.value} />
    </main>
  );
}
