/** The file input (the keyboard's way) inside a drop zone (the mouse's shortcut). */
import { useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export function FilePicker({ onFile }: { onFile: (file: File) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      class={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer?.files[0];
        if (file) onFile(file);
      }}
    >
      <label for={id}>{t('importChoose')}</label>
      <input
        id={id}
        type="file"
        data-testid="import-file"
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Cleared, so choosing the same file again (a second try) fires again.
          input.value = '';
          if (file) onFile(file);
        }}
      />
      <p class="muted">{t('importDrop')}</p>
    </div>
  );
}
