// A steady frame allocates nothing: the engine, the maps and the charts' moving parts are drawn
// without one allocation; only a chart whose curve outgrows its axes draws them again (through
// plotters, which allocates), and that is rare.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDLESS, frameAllocations, launch, openPage, playingAllocations } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('once warm, a frame of every section that animates draws and allocates nothing but to regrow its axes', async () => {
  const { page, errors } = await openPage(browser, ENDLESS);
  const sections = await frameAllocations(page, 100);
  assert.deepEqual(Object.keys(sections), ['Train', 'Softmax', 'Losses runs', 'Penalties runs', 'Descent']);
  for (const [name, { counts, drawn }] of Object.entries(sections)) {
    assert.ok(drawn, `${name}: the frames changed its chart`);
    const allocating = counts.filter((n) => n > 0).length;
    // Train's iterations grow without end: its x axis steps up by a fifth to a third now and then.
    assert.ok(allocating <= 2, `${name}: ${allocating} of 100 frames allocated (${counts.join(' ')})`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("while each section plays, the page's own loop, its numbers and captions included, allocates nothing in most frames", async () => {
  const { page, errors } = await openPage(browser, ENDLESS);
  const sections = await playingAllocations(page);
  assert.deepEqual(Object.keys(sections), ['Train', 'Losses runs', 'Penalties runs', 'Descent']);
  for (const [name, { counts, moved }] of Object.entries(sections)) {
    assert.ok(moved > 0, `${name} played`);
    // Filling one caption used to cost about 20 allocations, and every frame fills several; what
    // is left is a chart's axes regrowing now and then.
    const allocating = counts.filter((n) => n > 0).length;
    assert.ok(allocating <= counts.length / 10, `${name}: ${allocating} of ${counts.length} frames allocated (${counts.join(' ')})`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});
