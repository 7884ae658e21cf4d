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

test('with a lesson on, the goal check the page makes four times a second allocates nothing', async () => {
  const checks = (page) =>
    page.evaluate(() => {
      const app = window.losslab;
      const before = app.allocations();
      let reached = 0;
      for (let i = 0; i < 100; i += 1) reached += app.lesson_status(1).reached ? 1 : 0;
      return { allocations: app.allocations() - before, reached };
    });
  // Which run has the most zeros, measured once every run made 500 updates.
  const { page, errors } = await openPage(browser, `${ENDLESS}&lesson=penalties&step=2`);
  await page.click('#penalty-runs-play');
  await page.waitForFunction(() => window.losslab.runs_stats('penalties').every((s) => s.iteration >= 500), null, { timeout: 20000 });
  const runs = await checks(page);
  assert.deepEqual(runs, { allocations: 0, reached: 100 }, 'answer 1 (L1) is measured right');
  // Two balls at rest in different minima: every pair compared.
  await page.goto(page.url().replace(/\?.*/, '?lesson=minima&step=1&balls=-0.5,1.5,gd,0.5,1.5,gd'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.click('#descent-play');
  await page.waitForFunction(() => window.losslab.descent_balls().every((b) => b.stopped), null, { timeout: 20000 });
  assert.deepEqual(await checks(page), { allocations: 0, reached: 100 });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('with a weight chosen and the diagram on screen, training, its timeline and the weight’s numbers allocate nothing in most frames', async () => {
  const { page, errors } = await openPage(browser, `${ENDLESS}&hidden=8,8,8`);
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.selectOption('#weight-pick', '20');
  await page.click('#play');
  await page.waitForTimeout(4000);
  const r = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const app = window.losslab;
        const start = { iteration: app.stats().iteration, snapshots: app.timeline().length };
        const counts = [];
        let last = app.allocations();
        const tick = () => {
          const now = app.allocations();
          counts.push(now - last);
          last = now;
          if (counts.length < 60) requestAnimationFrame(tick);
          else resolve({ counts, moved: app.stats().iteration - start.iteration, snapshots: app.timeline().length - start.snapshots });
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.click('#play');
  assert.ok(r.moved > 0 && r.snapshots !== 0, JSON.stringify(r));
  const allocating = r.counts.filter((n) => n > 0).length;
  assert.ok(allocating <= 6, `${allocating} of 60 frames allocated (${r.counts.join(' ')})`);
  assert.deepEqual(errors, []);
  await page.context().close();
});
