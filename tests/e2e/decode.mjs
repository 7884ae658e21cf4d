// Decoders of the files the page exports, written from the formats' specifications so that a test
// checks the bytes themselves: PNG (signature, chunk CRCs, inflate, row filters) and GIF (blocks,
// palettes, LZW).

import assert from 'node:assert/strict';

/** Decodes a PNG (8-bit RGB or RGBA, not interlaced): checks the signature and every chunk's
 * CRC, inflates the image data and undoes the row filters. Returns { width, height, channels, pixels }. */
export async function decodePng(bytes) {
  const { inflateSync, crc32 } = await import('node:zlib');
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  assert.deepEqual([...bytes.subarray(0, 8)], signature, 'PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header = null;
  const data = [];
  for (;;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    assert.equal(crc32(bytes.subarray(offset + 4, offset + 8 + length)) >>> 0, crc, `${type} CRC`);
    if (type === 'IHDR') header = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12), depth: body[8], colour: body[9], interlace: body[12] };
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  assert.equal(header.depth, 8);
  assert.equal(header.interlace, 0);
  const channels = { 2: 3, 6: 4 }[header.colour];
  assert.ok(channels, `colour type ${header.colour}`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = header.width * channels;
  assert.equal(raw.length, header.height * (stride + 1));
  const pixels = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y += 1) {
    const filter = raw[y * (stride + 1)];
    assert.ok(filter <= 4, `row filter ${filter}`);
    for (let x = 0; x < stride; x += 1) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (v + predictor) & 255;
    }
  }
  return { width: header.width, height: header.height, channels, pixels };
}


/** Decodes a GIF (87a or 89a): header, palettes, extensions and every image's LZW data.
 * Returns { width, height, loops, frames: [{ left, top, width, height, delay, transparent, disposal,
 * palette, indices }] } where `indices` has one palette index a pixel, `transparent` is the index
 * that lets the previous frame show through (null without one) and `delay` and `disposal` come
 * from the image's own graphic control extension (0 without one). Throws on anything malformed. */
export function decodeGif(bytes) {
  const text = (from, to) => String.fromCharCode(...bytes.subarray(from, to));
  assert.match(text(0, 6), /^GIF8[79]a$/, 'GIF signature');
  const u16 = (at) => bytes[at] | (bytes[at + 1] << 8);
  const width = u16(6);
  const height = u16(8);
  let offset = 13;
  let palette = null;
  if (bytes[10] & 0x80) {
    const size = 3 * (2 << (bytes[10] & 7));
    palette = bytes.subarray(offset, offset + size);
    offset += size;
  }
  const subBlocks = () => {
    const parts = [];
    for (;;) {
      const size = bytes[offset];
      assert.ok(size !== undefined, 'data ends inside a block');
      offset += 1;
      if (size === 0) return parts;
      parts.push(bytes.subarray(offset, offset + size));
      offset += size;
    }
  };
  const frames = [];
  // A graphic control extension applies to the one image that follows it.
  let control = null;
  let loops = null;
  for (;;) {
    const kind = bytes[offset];
    offset += 1;
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      const label = bytes[offset];
      offset += 1;
      const blocks = subBlocks();
      if (label === 0xf9) {
        control = {
          delay: blocks[0][1] | (blocks[0][2] << 8),
          transparent: blocks[0][0] & 1 ? blocks[0][3] : null,
          disposal: (blocks[0][0] >> 2) & 7,
        };
      }
      if (label === 0xff && String.fromCharCode(...blocks[0]) === 'NETSCAPE2.0') loops = blocks[1][1] | (blocks[1][2] << 8);
      continue;
    }
    assert.equal(kind, 0x2c, `block 0x${kind?.toString(16)} at ${offset - 1}`);
    const { delay, transparent, disposal } = control ?? { delay: 0, transparent: null, disposal: 0 };
    control = null;
    const frame = { left: u16(offset), top: u16(offset + 2), width: u16(offset + 4), height: u16(offset + 6), delay, transparent, disposal };
    const packed = bytes[offset + 8];
    offset += 9;
    assert.equal(packed & 0x40, 0, 'not interlaced');
    frame.palette = palette;
    if (packed & 0x80) {
      const size = 3 * (2 << (packed & 7));
      frame.palette = bytes.subarray(offset, offset + size);
      offset += size;
    }
    assert.ok(frame.palette, 'a palette');
    const minCodeSize = bytes[offset];
    offset += 1;
    const data = Buffer.concat(subBlocks());
    frame.indices = lzw(data, minCodeSize, frame.width * frame.height);
    for (const i of frame.indices) assert.ok(3 * i < frame.palette.length, `index ${i} in the palette`);
    frames.push(frame);
  }
  return { width, height, loops, frames };
}

/** The frames of a decoded GIF as a viewer shows them: each drawn over the previous ones, its
 * transparent pixels letting them show through (every frame here keeps what it covers: disposal
 * "keep"). RGB, 3 bytes a pixel. */
export function gifScreens(gif) {
  const screen = new Uint8Array(gif.width * gif.height * 3);
  return gif.frames.map((f) => {
    assert.ok(f.left + f.width <= gif.width && f.top + f.height <= gif.height, 'frame inside the screen');
    assert.equal(f.disposal, 1, 'each frame keeps what it covers');
    for (let r = 0; r < f.height; r += 1) {
      for (let c = 0; c < f.width; c += 1) {
        const i = f.indices[r * f.width + c];
        if (i === f.transparent) continue;
        screen.set(f.palette.subarray(3 * i, 3 * i + 3), 3 * ((f.top + r) * gif.width + f.left + c));
      }
    }
    return screen.slice();
  });
}

/** GIF's variable-width LZW: `count` indices from `data`. */
function lzw(data, minCodeSize, count) {
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  const out = new Uint8Array(count);
  let n = 0;
  let prefix = new Int32Array(4096);
  let suffix = new Uint8Array(4096);
  let first = new Uint8Array(4096);
  let size = minCodeSize + 1;
  let next = end + 1;
  let previous = -1;
  let bits = 0;
  let buffer = 0;
  const stack = new Uint8Array(4096);
  for (let i = 0; i < clear; i += 1) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
  }
  for (let at = 0; ; ) {
    while (bits < size) {
      assert.ok(at < data.length, 'LZW data ended before its end code');
      buffer |= data[at] << bits;
      at += 1;
      bits += 8;
    }
    const code = buffer & ((1 << size) - 1);
    buffer >>>= size;
    bits -= size;
    if (code === clear) {
      size = minCodeSize + 1;
      next = end + 1;
      previous = -1;
      continue;
    }
    if (code === end) break;
    assert.ok(code <= next, `code ${code} beyond the table (${next})`);
    let c = code;
    let depth = 0;
    if (code === next) {
      assert.ok(previous >= 0, 'a new code needs a previous one');
      stack[depth++] = first[previous];
      c = previous;
    }
    while (c >= 0) {
      stack[depth++] = suffix[c];
      c = prefix[c];
    }
    while (depth > 0) {
      assert.ok(n < count, 'more pixels than the image has');
      out[n++] = stack[--depth];
    }
    if (previous >= 0 && next < 4096) {
      prefix[next] = previous;
      suffix[next] = first[code === next ? previous : code];
      first[next] = first[previous];
      next += 1;
      if (next === 1 << size && size < 12) size += 1;
    }
    previous = code;
  }
  assert.equal(n, count, 'pixels in the image');
  return out;
}
