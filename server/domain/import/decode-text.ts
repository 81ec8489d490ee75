/**
 * Turns the bytes of an uploaded CSV into text: UTF-8 with or without a byte-order mark, or
 * Shift_JIS (Windows code page 932), which is what Excel in Japan writes by default.
 */
import iconv from 'iconv-lite';

import type { TextEncodingName } from '../../contract/api.ts';

export type { TextEncodingName };

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: the only other encoding Japanese spreadsheets commonly produce is CP932.
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis' };
  }
}
