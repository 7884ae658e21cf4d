// Runs the browser benchmark in headless Chromium and prints its figures, after measuring the
// page's first visit: the time from navigation to the first frame drawn (the page's
// `losslab:first-frame` mark) and the gzipped size of everything the first visit loads.
// Not a test: `cargo xtask bench` runs it, with LOSSLAB_URL pointing at the served site.
// Named without `.test.` so that `node --test tests/e2e/` leaves it out.

import { gzipSync } from 'node:zlib';
import { BASE_URL, ENDLESS, frameAllocations, launch, playingAllocations } from './harness.mjs';

const VISITS = 7;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One first visit in a fresh context (empty cache): first-frame time and the loaded bytes. */
async function firstVisit(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', (res) => bodies.push(res.body().then((b) => [res.url(), b]).catch(() => null)));
  await page.goto(BASE_URL);
  await page.waitForFunction(() => performance.getEntriesByName('losslab:first-frame').length > 0, null, {
    timeout: 60_000,
  });
  const ms = await page.evaluate(() => performance.getEntriesByName('losslab:first-frame')[0].startTime);
  const files = (await Promise.all(bodies)).filter(Boolean);
  await context.close();
  const raw = files.reduce((n, [, b]) => n + b.length, 0);
  const gzipped = files.reduce((n, [, b]) => n + gzipSync(b, { level: 9 }).length, 0);
  const wasm = files.filter(([u]) => u.endsWith('.wasm')).reduce((n, [, b]) => n + gzipSync(b, { level: 9 }).length, 0);
  return { ms, raw, gzipped, wasm, files: files.length };
}

/** Allocations per frame of each section that animates, once warm (see frameAllocations). */
async function allocationsPerFrame(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE_URL}${ENDLESS}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  const result = await frameAllocations(page, 100);
  await page.close();
  return result;
}

/** Allocations per animation frame of the page's own loop as each section plays. */
async function allocationsPlaying(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE_URL}${ENDLESS}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  const result = await playingAllocations(page);
  await page.close();
  return result;
}

const browser = await launch();
try {
  const visits = [];
  for (let i = 0; i < VISITS; i += 1) visits.push(await firstVisit(browser));
  const first = visits[visits.length - 1];
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  console.log(
    `first frame drawn after navigation: median ${median(visits.map((v) => v.ms)).toFixed(0)} ms of ${VISITS} first visits` +
      `  (goal ≤ 300 ms on localhost)`,
  );
  console.log(
    `first visit loads ${first.files} files, ${kb(first.raw)} raw, ${kb(first.gzipped)} gzipped (wasm ${kb(first.wasm)})` +
      `  (goal ≤ 150 KB gzipped)`,
  );

  const allocations = await allocationsPerFrame(browser);
  console.log(
    `allocations per frame, once warm (100 frames): ${Object.entries(allocations)
      .map(([name, { counts, mean }]) => `${name} ${median(counts)} (${counts.filter((n) => n === 0).length} of 100 frames none, mean ${mean.toFixed(1)})`)
      .join(', ')}  (goal 0 each; a chart whose curve outgrows its axes draws them again)`,
  );
  const playing = await allocationsPlaying(browser);
  console.log(
    `allocations per animation frame of the page's own loop while playing (numbers and captions included): ${Object.entries(playing)
      .map(([name, { perFrame }]) => `${name} ${perFrame.toFixed(1)}`)
      .join(', ')}  (the axes regrowing, early in a run)`,
  );

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE_URL}www/bench.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
  console.log(await page.textContent('#results'));
} finally {
  await browser.close();
}
