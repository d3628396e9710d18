/** The Emergency Kit's QR code: one encoder (uqr), drawn as SVG for screens and print, PNG to save. */
import { encode, renderSVG } from 'uqr';

// Medium error correction: a printed kit survives a fold or a coffee stain; the setup code is short.
const options = { ecc: 'M', border: 4 } as const;

/** The QR code of `text` as an SVG document. */
export function qrSvg(text: string): string {
  return renderSVG(text, { ...options, pixelSize: 8, whiteColor: '#fff', blackColor: '#000' });
}

/** The same as a `data:` URL, for an `<img>`: the picture can be saved or dragged as it is. */
export function qrSvgDataUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(text))}`;
}

/** The QR code of `text` as a PNG, `scale` pixels per module. */
export function qrPngBlob(text: string, scale = 8): Promise<Blob> {
  const { data, size } = encode(text, options);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * scale;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('no 2d canvas'));
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) context.fillRect(x * scale, y * scale, scale, scale);
    }),
  );
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
      'image/png',
    ),
  );
}
