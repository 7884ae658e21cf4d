// The Losses section's small multiple: one start, four losses, four different decision maps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The raster of each small map, as arrays of RGBA bytes. */
function rasters(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#loss-runs .map-heat')].map((c) => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)),
  );
}

/** How many bytes of two rasters differ. */
function differing(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) n += 1;
  return n;
}

test('the four losses start from the same map and learn different ones', async () => {
  const { page, errors } = await openPage(browser, '?data=spiral&hidden=8,8&speed=20');
  const keys = await page.evaluate(() => [...document.querySelectorAll('#loss-runs figure')].map((f) => f.dataset.run));
  assert.deepEqual(keys, ['cross-entropy', 'squared', 'absolute', 'hinge']);
  // Same first weights: the four maps are the same picture, and not a blank one.
  const start = await rasters(page);
  assert.equal(start.length, 4);
  assert.ok(new Set(start[0]).size > 10, 'the map has shades');
  for (const r of start.slice(1)) assert.equal(differing(r, start[0]), 0);

  await page.click('#loss-runs-play');
  await page.waitForFunction(() => window.losslab.runs_stats('losses').every((s) => s.iteration >= 200), null, { timeout: 20000 });
  await page.click('#loss-runs-play');
  const stats = await page.evaluate(() => window.losslab.runs_stats('losses'));
  // They ran in step, and each caption shows its own numbers.
  assert.equal(new Set(stats.map((s) => s.iteration)).size, 1);
  const captions = await page.$$eval('#loss-runs .mini-stats', (els) => els.map((e) => e.textContent));
  stats.forEach((s, i) => assert.ok(captions[i].includes(`${(100 * s.trainAccuracy).toFixed(1)} %`), captions[i]));
  // What each learned differs: every pair of maps differs in many pixels.
  const learned = await rasters(page);
  for (let i = 0; i < 4; i += 1) {
    assert.ok(differing(learned[i], start[i]) > 1000, `map ${i} changed`);
    for (let j = i + 1; j < 4; j += 1) assert.ok(differing(learned[i], learned[j]) > 1000, `maps ${i} and ${j} differ`);
  }
  await screenshot(page, 'loss-runs');

  // A new seed starts all four again, from one new start.
  await page.fill('#in-seed', '7');
  await page.press('#in-seed', 'Enter');
  assert.deepEqual((await page.evaluate(() => window.losslab.runs_stats('losses'))).map((s) => s.iteration), [0, 0, 0, 0]);
  const again = await rasters(page);
  for (const r of again.slice(1)) assert.equal(differing(r, again[0]), 0);
  assert.ok(differing(again[0], start[0]) > 1000, 'a new seed, a new start');
  assert.match(await page.textContent('#loss-runs figure[data-run="hinge"] figcaption'), /hinge loss.*iteration 0/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a run whose loss bounces instead of falling says so under its map', async () => {
  const { page, errors } = await openPage(browser, '?optimizer=gd&lr=10&max-iter=100000&grad-eps=0');
  await page.click('#loss-runs-play');
  await page.waitForFunction(() => window.losslab.runs_stats('losses').some((s) => s.bouncing), null, { timeout: 15000 });
  await page.click('#loss-runs-play');
  const stats = await page.evaluate(() => window.losslab.runs_stats('losses'));
  const captions = await page.$$eval('#loss-runs .mini-stats', (els) => els.map((e) => e.textContent));
  stats.forEach((s, i) => {
    assert.equal(/η too large: the loss bounces/.test(captions[i]), s.bouncing, `${s.key}: ${captions[i]}`);
  });
  assert.deepEqual(errors, []);
  await page.context().close();
});
