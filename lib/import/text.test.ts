import { describe, expect, it } from 'vitest';
import { decodeText } from './text';

const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const bytes = (...parts: Array<number | number[]>) => new Uint8Array(parts.flat());
/** 'Grüße' as Windows-1252 writes it: ü is 0xfc and ß 0xdf, neither valid alone in UTF-8. */
const GRUESSE_1252 = [0x47, 0x72, 0xfc, 0xdf, 0x65];

describe('decoding an export', () => {
  it('reads UTF-8 as UTF-8, without its BOM', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, utf8('pässwörd€\n')))).toEqual({
      text: 'pässwörd€\n',
      windows1252Lines: [],
    });
  });

  it('reads a file with no UTF-8 in it at all as Windows-1252, without a warning', () => {
    expect(decodeText(bytes(GRUESSE_1252, 0x0a, 0x80, 0x0a))).toEqual({
      text: 'Grüße\n€\n',
      windows1252Lines: [],
    });
  });

  it('reads a mixed file line by line, and names the lines read as Windows-1252', () => {
    const mixed = bytes(utf8('ä\r\n'), GRUESSE_1252, 0x0d, 0x0a, utf8('ö\r'), GRUESSE_1252);
    expect(decodeText(mixed)).toEqual({
      text: 'ä\r\nGrüße\r\nö\rGrüße',
      windows1252Lines: [2, 4],
    });
  });

  it('reads a line holding both as Windows-1252 and names it, so its UTF-8 is checked too', () => {
    const line = bytes(utf8('ok\nä'), 0xfc, utf8('\n'));
    expect(decodeText(line)).toEqual({ text: 'ok\nÃ¤ü\n', windows1252Lines: [2] });
  });

  it('keeps a zero-width no-break space that starts a later line', () => {
    const mixed = bytes(utf8('ä\n\ufeffx\n'), 0xfc);
    expect(decodeText(mixed).text).toBe('ä\n\ufeffx\nü');
  });
});
