/**
 * PNG text chunks (src/ui/export/png-text.ts) on a PNG built here with Node's zlib, checked with
 * zlib's own CRC-32 (an independent implementation), and the export file names.
 */
import fc from 'fast-check';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { figureFileName, queryHash } from '../../src/ui/export/download';
import { addPngText, crc32, readPngText } from '../../src/ui/export/png-text';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 2×1 RGBA PNG: one red and one blue pixel. */
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bit, RGBA, deflate, no filter method variants, no interlace
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 255]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The chunks of a PNG: type, data, and whether the stored CRC is right. */
function chunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
  const b = Buffer.from(png);
  const out = [];
  for (let at = 8; at < b.length;) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + len);
    out.push({ type, data, crcOk: b.readUInt32BE(at + 8 + len) === zlibCrc32(b.subarray(at + 4, at + 8 + len)) });
    at += 12 + len;
  }
  return out;
}

describe('PNG text chunks', () => {
  it('crc32 agrees with zlib’s', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  });

  it('adds tEXt chunks right after IHDR, with valid CRCs, keeping the image data intact', () => {
    const png = tinyPng();
    const out = addPngText(png, { Title: 'Data', Comment: '{"seeds":{"data":3,"init":2}}' });
    expect([...out.subarray(0, 8)]).toEqual([...png.subarray(0, 8)]);
    const list = chunks(out);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    expect(list[1].data.toString('latin1')).toBe('Title\0Data');
    expect([...inflateSync(list[3].data)]).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 255]);
    expect(out.length).toBe(png.length + list[1].data.length + list[2].data.length + 24);
  });

  it('reads the entries back; characters outside Latin-1 become "?"', () => {
    const text = { Software: 'EM Lab 0.1.0', Comment: 'λ = 0.99 é' };
    expect(readPngText(addPngText(tinyPng(), text))).toEqual({ Software: 'EM Lab 0.1.0', Comment: '? = 0.99 é' });
    expect(readPngText(tinyPng())).toEqual({});
  });

  it('refuses what is not a PNG, and keywords the format does not allow', () => {
    expect(() => addPngText(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), {})).toThrow('not a PNG');
    expect(() => addPngText(tinyPng(), { ['k'.repeat(80)]: 'x' })).toThrow('1–79');
    expect(() => addPngText(tinyPng(), { '': 'x' })).toThrow('1–79');
  });
});

describe('export file names', () => {
  it('name the panel, the data seed and the hash Download JSON uses for the same query', () => {
    const q = 'v=1&dim=1&seed=3&it=12';
    expect(figureFileName('Log-likelihood', 3, q, 'svg')).toBe(`em-lab-log-likelihood-seed3-${queryHash(q)}.svg`);
    expect(figureFileName('Missing-information spectrum', 0, q, 'png')).toBe(
      `em-lab-missing-information-spectrum-seed0-${queryHash(q)}.png`,
    );
    expect(figureFileName('λ', 1, q, 'png')).toBe(`em-lab-panel-seed1-${queryHash(q)}.png`);
    expect(queryHash(q)).toMatch(/^[0-9a-f]{8}$/);
    expect(queryHash(q)).not.toBe(queryHash(q.replace('it=12', 'it=13')));
  });
});
