/**
 * Makes the icon sizes the stores ask for from public/icon/128.png (Firefox lists 48 and 96; the
 * Chrome Web Store 16, 32, 48 and 128, which exist already). Node only, no image library:
 *   npx tsx store/resize-icon.ts 96
 * Decodes the 8-bit RGBA PNG (PNG spec §9 filters), averages it down by area with premultiplied
 * alpha (so transparent edges do not go dark), and writes public/icon/<size>.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function decode(png: Buffer): Image {
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) throw new Error('Not 8-bit RGBA');
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function encode({ width, height, rgba }: Image): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How much of source pixel `s` falls in destination pixel `d` (scale = source / destination). */
function overlap(d: number, s: number, scale: number): number {
  return Math.max(0, Math.min((d + 1) * scale, s + 1) - Math.max(d * scale, s));
}

function resize(source: Image, size: number): Image {
  const scale = source.width / size;
  const rgba = new Uint8Array(size * size * 4);
  for (let dy = 0; dy < size; dy++) {
    for (let dx = 0; dx < size; dx++) {
      const sum = [0, 0, 0, 0];
      let area = 0;
      for (let sy = Math.floor(dy * scale); sy < Math.ceil((dy + 1) * scale); sy++) {
        for (let sx = Math.floor(dx * scale); sx < Math.ceil((dx + 1) * scale); sx++) {
          const w = overlap(dx, sx, scale) * overlap(dy, sy, scale);
          const i = (sy * source.width + sx) * 4;
          const alpha = source.rgba[i + 3]! / 255;
          for (let c = 0; c < 3; c++) sum[c]! += w * alpha * source.rgba[i + c]!;
          sum[3]! += w * alpha;
          area += w;
        }
      }
      const o = (dy * size + dx) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = sum[3]! > 0 ? Math.round(sum[c]! / sum[3]!) : 0;
      rgba[o + 3] = Math.round((sum[3]! / area) * 255);
    }
  }
  return { width: size, height: size, rgba };
}

const size = Number(process.argv[2]);
if (!Number.isInteger(size) || size < 1 || size > 128)
  throw new Error('Usage: resize-icon.ts <size ≤ 128>');
const icons = new URL('../public/icon/', import.meta.url);
writeFileSync(
  new URL(`${size}.png`, icons),
  encode(resize(decode(readFileSync(new URL('128.png', icons))), size)),
);
