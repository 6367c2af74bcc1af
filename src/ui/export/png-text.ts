/**
 * Text chunks (tEXt: keyword, NUL, Latin-1 text) added to a PNG, so an exported picture carries its
 * provenance like the SVG's <metadata> does (viewers show them: `exiftool`, `identify -verbose`).
 * Inserted right after IHDR, which the PNG specification requires to come first.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | null = null;
/** CRC-32 (ISO 3309, the PNG chunk checksum) of the bytes. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Latin-1 bytes; characters outside it become '?' (tEXt allows nothing else). */
const latin1 = (s: string): number[] => [...s].map((ch) => (ch.codePointAt(0)! <= 0xff ? ch.codePointAt(0)! : 63));

function chunk(type: string, data: number[]): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with one tEXt chunk per entry (keywords: 1–79 Latin-1 characters). */
export function addPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array<ArrayBuffer> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = Object.entries(entries).map(([key, text]) => {
    if (key.length < 1 || key.length > 79) throw new Error(`PNG text keyword "${key}" must have 1–79 characters`);
    return chunk('tEXt', [...latin1(key), 0, ...latin1(text)]);
  });
  const size = png.length + chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The tEXt entries of a PNG (for tests and for reading a file back). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      out[String.fromCharCode(...data.subarray(0, nul))] = String.fromCharCode(...data.subarray(nul + 1));
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}
