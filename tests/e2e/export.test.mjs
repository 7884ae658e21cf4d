// Exports for places where no script runs: every section as an SVG drawn by the same code as the
// screen, and a run as an animated GIF; both read back here byte by byte.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS, launch, openPage } from './harness.mjs';
import { decodeGif, decodePng, gifScreens } from './decode.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SECTIONS = ['train', 'softmax', 'losses', 'penalties', 'descent'];

/** Clicks a button that downloads a file; the file's bytes and its name. */
async function downloadOf(page, selector, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(ARTIFACTS, name ?? download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/** The page's PNG of a section, decoded. */
async function sectionPng(page, section) {
  const base64 = await page.evaluate(async (id) => {
    const bytes = new Uint8Array(await (await window.losslabSectionPng(id)).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, section);
  return decodePng(new Uint8Array(Buffer.from(base64, 'base64')));
}

test('every section exports as an SVG that draws what its PNG shows, with text as text', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh&d-lr=0.05&balls=0.3,1.6,gd');
  const axisLabel = await page.evaluate(() => window.losslab.text('chart.x'));
  for (const section of SECTIONS) {
    const { name, bytes } = await downloadOf(page, `[data-svg="${section}"]`);
    assert.equal(name, `losslab-${section}.svg`);
    const svg = new TextDecoder().decode(bytes);
    assert.doesNotMatch(svg, /<script|\son\w+=/i, 'no script in the drawing');
    // Parsed as XML by the browser: its size, its parts and its words.
    const parsed = await page.evaluate(
      ({ svg, section }) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const root = doc.documentElement;
        const visible = [...document.getElementById(section).querySelectorAll('canvas')].filter((c) => c.offsetParent !== null);
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: root.localName,
          width: Number(root.getAttribute('width')),
          charts: root.querySelectorAll(':scope > g > svg').length,
          images: root.querySelectorAll(':scope > image').length,
          canvases: visible.length,
          rasters: visible.filter((c) => c.classList.contains('map-heat')).length,
          texts: [...root.querySelectorAll('text')].map((t) => t.textContent.trim()),
          sectionWidth: document.getElementById(section).getBoundingClientRect().width,
        };
      },
      { svg, section },
    );
    assert.equal(parsed.error, null, `${section}: ${parsed.error}`);
    assert.equal(parsed.root, 'svg');
    assert.ok(Math.abs(parsed.width - parsed.sectionWidth) < 0.01, `${section}: ${parsed.width} vs ${parsed.sectionWidth}`);
    // Rasters (the heatmaps) as images, every other canvas as a vector chart.
    assert.equal(parsed.images, parsed.rasters, `${section}: images for the rasters only`);
    assert.equal(parsed.charts, parsed.canvases - parsed.rasters, `${section}: every chart as vectors`);
    assert.ok(parsed.texts.length >= 5, `${section}: ${parsed.texts.length} labels as text`);
    if (section === 'train') assert.ok(parsed.texts.includes(axisLabel), `the loss chart's axis label "${axisLabel}"`);
    // Drawn by the browser, the SVG looks like the PNG export of the same section.
    const png = await sectionPng(page, section);
    const drawn = await page.evaluate(
      async ({ svg, width, height }) => {
        const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        const img = new Image();
        img.src = url;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = width;
        c.height = height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0, width, height);
        return [...ctx.getImageData(0, 0, width, height).data];
      },
      { svg, width: png.width, height: png.height },
    );
    let off = 0;
    let coloured = 0;
    let total = 0;
    for (let p = 0, q = 0; p < png.pixels.length; p += png.channels, q += 4) {
      const d = Math.max(...[0, 1, 2].map((k) => Math.abs(png.pixels[p + k] - drawn[q + k])));
      if (d > 48) off += 1;
      if (drawn[q] < 235 || drawn[q + 1] < 235 || drawn[q + 2] < 235) coloured += 1;
      total += 1;
    }
    assert.ok(coloured > 2000, `${section}: ${coloured} coloured pixels`);
    assert.ok(off / total < 0.03, `${section}: ${((100 * off) / total).toFixed(2)} % of pixels differ from the PNG`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an SVG export of the widest network leaves the WebAssembly memory a chunk at a time, never whole', async () => {
  // Six layers of 16: 101 tiles of 16 × 16 squares, the largest chart the page draws (over 2 MB
  // of SVG). Held whole in a string grown by doubling, it once raised the memory by 8 MB.
  const { page, errors } = await openPage(browser, '?hidden=16,16,16,16,16,16');
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const { grew, length, squares } = await page.evaluate(() => {
    const before = window.losslab.memory_bytes();
    const [, svg] = window.losslab.charts_svg().find(([c]) => c.id === 'network');
    return { grew: window.losslab.memory_bytes() - before, length: svg.length, squares: svg.split('<rect').length - 1 };
  });
  assert.ok(squares >= 101 * 256, `${squares} squares`);
  assert.ok(length > 2_000_000, `${length} characters`);
  assert.ok(grew <= 1024 * 1024, `the memory grew by ${grew} B for an SVG of ${length} characters`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** How many pixels of two RGB screens differ. */
function screensDiffer(a, b) {
  let n = 0;
  for (let k = 0; k < a.length; k += 3) if (a[k] !== b[k] || a[k + 1] !== b[k + 1] || a[k + 2] !== b[k + 2]) n += 1;
  return n;
}

test('a training run records as a looping GIF whose frames show the network learning', async () => {
  const { page, errors } = await openPage(browser, '?lang=en&seed=7');
  const button = page.locator('[data-gif="train"]');
  assert.equal(await button.textContent(), 'GIF');
  await button.click();
  // Recording plays the run; the button counts the frames and stops the recording.
  await page.waitForFunction(() => window.losslab.stats().iteration >= 60);
  assert.match(await button.textContent(), /Stop · \d+ frames/);
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const { name, bytes } = await downloadOf(page, '[data-gif="train"]');
  assert.equal(name, 'losslab-train.gif');
  assert.equal(await button.textContent(), 'GIF');
  const gif = decodeGif(bytes);
  const width = await page.evaluate(() => document.getElementById('train').getBoundingClientRect().width);
  assert.equal(gif.width, Math.min(640, Math.round(width)));
  assert.equal(gif.loops, 0, 'loops forever');
  assert.ok(gif.frames.length >= 5, `${gif.frames.length} frames`);
  const first = gif.frames[0];
  assert.deepEqual([first.left, first.top, first.width, first.height], [0, 0, gif.width, gif.height]);
  for (const frame of gif.frames) assert.equal(frame.delay, 6);
  // The map's regions and the loss curve move between the first frame and the last.
  const screens = gifScreens(gif);
  assert.ok(screensDiffer(screens[0], screens.at(-1)) > 0.01 * gif.width * gif.height, 'the run changes the picture');
  // Colours of the charts survive the palettes: the last picture shows the three classes' colours
  // (palette::CLASS, the markers) and white paper.
  const shows = (screen, [r, g, b], tol) => {
    for (let i = 0; i < screen.length; i += 3) {
      if (Math.abs(screen[i] - r) + Math.abs(screen[i + 1] - g) + Math.abs(screen[i + 2] - b) < tol) return true;
    }
    return false;
  };
  assert.ok(shows(screens.at(-1), [255, 255, 255], 12), 'white');
  for (const colour of [[0xe6, 0x9f, 0x00], [0x00, 0x72, 0xb2], [0x00, 0x9e, 0x73]]) {
    assert.ok(shows(screens.at(-1), colour, 60), `class colour ${colour}`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a descent run records as a GIF, and stepping adds one frame a step', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh&surface=valley&d-lr=0.05&balls=1.5,1.5,gd');
  const button = page.locator('[data-gif="descent"]');
  assert.equal(await button.textContent(), 'GIF');
  await button.click();
  // Recording plays the balls; pause, then step three times.
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-gif="descent"]').textContent));
  await page.click('#descent-play');
  // Where the run paused depends on timing. A step past the end of the loss chart's x axis (1,
  // 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k iterations) draws the chart again, a large change:
  // step first past the next such end if one of the three steps to check would reach beyond it.
  const iterations = () => page.evaluate(() => window.losslab.descent_balls()[0].iterations);
  const axisEnd = (v) => {
    const k = 10 ** Math.floor(Math.log10(Math.max(v, 1)));
    return k * [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * k >= v);
  };
  while ((await iterations()) + 3 > axisEnd(await iterations())) await page.click('#descent-step');
  const frames = async () => Number((await button.textContent()).match(/(\d+)/)[1]);
  const before = await frames();
  for (let k = 0; k < 3; k += 1) await page.click('#descent-step');
  assert.equal(await frames(), before + 3);
  assert.match(await button.textContent(), /停止/);
  const { bytes } = await downloadOf(page, '[data-gif="descent"]');
  const gif = decodeGif(bytes);
  assert.equal(gif.frames.length, before + 3);
  // Each step moves the ball: consecutive frames differ.
  const screens = gifScreens(gif);
  const n = screens.length;
  assert.ok(screensDiffer(screens[n - 2], screens[n - 1]) > 10);
  // Only what changed is stored: a step's frame is a small part of the picture.
  assert.ok(gif.frames[n - 1].width * gif.frames[n - 1].height < 0.6 * gif.width * gif.height);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a first visit downloads no GIF encoder; the first recording loads it, and it records', async () => {
  const { page, errors } = await openPage(browser, '?lang=en');
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
  const first = await loaded();
  assert.ok(first.includes('losslab_bg.wasm'), first.join(' '));
  assert.deepEqual(first.filter((f) => f.startsWith('losslab_gif')), []);
  await page.click('[data-gif="descent"]');
  await page.waitForFunction(() => document.querySelector('[data-gif="descent"]').getAttribute('aria-pressed') === 'true');
  const later = await loaded();
  assert.ok(later.includes('losslab_gif_bg.wasm') && later.includes('losslab_gif.js'), later.join(' '));
  const { bytes } = await downloadOf(page, '[data-gif="descent"]', 'lazy-descent.gif');
  assert.ok(decodeGif(bytes).frames.length >= 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});
