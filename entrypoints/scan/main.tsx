/**
 * Scanning the Emergency Kit with the camera, in a full tab: a popup closes as soon as the camera
 * prompt takes focus, and cannot keep the permission. Once read, the sign-in form finishes here.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeError } from '@/components/errors';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { createQrReader } from '@/components/qr-scan';
import { decodeSetupCode, type SetupCode } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { QR_WORKER_PATH } from '@/lib/platform/qr-worker';
import { SignIn } from '../popup/views/SignIn';
import '../popup/style.css';

function Camera({ onCode }: { onCode: (code: SetupCode) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState(t('cameraStarting'));
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    const start = async () => {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      const element = video.current!;
      element.srcObject = stream;
      await element.play();
      setNote(t('cameraHold'));
      const reader = await createQrReader(browser.runtime.getURL(QR_WORKER_PATH as '/'));
      while (!stopped) {
        const text = await reader.read(element).catch(() => undefined);
        if (text) {
          try {
            onCode(decodeSetupCode(text));
            stopped = true;
          } catch (caught) {
            setError(describeError(caught));
          }
        }
        await new Promise((done) => setTimeout(done, 150));
      }
      reader.close();
    };
    start().catch((caught: unknown) => {
      const denied = caught instanceof DOMException && caught.name === 'NotAllowedError';
      setError(denied ? t('cameraDenied') : t('cameraUnavailable'));
    });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <section class="stack">
      <h1>{t('cameraTitle')}</h1>
      <video ref={video} class="camera" muted playsInline aria-label={t('cameraVideoLabel')} />
      {!error && <StatusNotice>{note}</StatusNotice>}
      <ErrorNotice>{error}</ErrorNotice>
    </section>
  );
}

function ScanPage() {
  const [code, setCode] = useState<SetupCode>();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <main class="page-narrow stack">
        <h1>{t('scanSignedInTitle')}</h1>
        <p role="status">{t('scanSignedIn')}</p>
        <button type="button" class="primary" onClick={() => window.close()}>
          {t('closeTab')}
        </button>
      </main>
    );
  }
  return (
    <main class="page-narrow">
      {code ? (
        <SignIn initial={code} embedded onSignedIn={() => setDone(true)} />
      ) : (
        <Camera onCode={setCode} />
      )}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<ScanPage />, document.getElementById('app')!);
