// Inside the network in a real Chromium: a weight chosen by a click on its edge or from the
// list, its next update written out and checked against the step that follows, backpropagation
// for one point beside its finite difference, and the timeline (scrub, latest, train on from
// there, back to the last good iteration), with the keyboard and at 360 px.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDLESS, canvasPixels, launch, openPage, screenshot, setValue } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const stats = (page) => page.evaluate(() => window.losslab.stats());

/** The CSS-pixel point a quarter of the way along the edge from tile (l, k) to tile (l + 1, j). */
async function edgePoint(page, l, k, j) {
  return page.evaluate(
    ([l, k, j]) => {
      const nodes = window.losslab.network_nodes();
      const [, , x0, y0, s] = nodes.filter(([c]) => c === l)[k];
      const [, , x1, y1] = nodes.filter(([c]) => c === l + 1)[j];
      const [ax, bx] = [x0 + s / 2, x1 - s / 2];
      return [ax + 0.25 * (bx - ax), y0 + 0.25 * (y1 - y0)];
    },
    [l, k, j],
  );
}

/** Count of non-transparent pixels of a canvas. */
const inked = ({ data }) => data.filter((v, i) => i % 4 === 3 && v > 0).length;

test('clicking an edge chooses its weight, whose written-out update is the next step’s change', async () => {
  const { page, errors } = await openPage(browser, '?hidden=4,3&seed=2&optimizer=momentum&penalty=l1&lambda=0.001');
  await page.locator('#network').scrollIntoViewIfNeeded();
  for (let i = 0; i < 5; i++) await page.click('#step');
  assert.equal(await page.isVisible('#weight-detail'), false, 'nothing chosen yet');
  const before = await canvasPixels(page, '#network');
  // Layer 1's weight from h1.2 to h2.3: index 2·4 + 1·3 + 2 = 13.
  const [x, y] = await edgePoint(page, 1, 1, 2);
  await page.locator('#network').scrollIntoViewIfNeeded();
  const box = await page.locator('#network').boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
  assert.equal(await page.evaluate(() => window.losslab.selected_weight()), 13);
  assert.equal(await page.inputValue('#weight-pick'), '13');
  assert.match(await page.locator('#weight-pick option:checked').textContent(), /^h1\.2 → h2\.3$/);
  // The chosen edge is drawn dark on top.
  const afterPick = await canvasPixels(page, '#network');
  assert.ok(afterPick.data.some((v, i) => v !== before.data[i]), 'the diagram marks the weight');
  // Its numbers: momentum's two lines, then the L1 step, ending in the value after the update.
  const w = await page.evaluate(() => window.losslab.weight());
  assert.equal(w.rule, 'momentum');
  const lines = await page.$$eval('#weight-update li', (li) => li.map((l) => l.textContent));
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0], /^v ← β·v \+ ∂L\/∂w = 0\.9 × /);
  assert.match(lines[2], /pulls it toward 0/);
  const shownNext = lines[2].split('= ').at(-1);
  assert.ok(inked(await canvasPixels(page, '#weight-chart')) > 50, 'the weight’s chart is drawn');
  // The next step makes exactly that change.
  await page.click('#step');
  const after = await page.evaluate(() => window.losslab.weight());
  assert.equal(after.value, w.next);
  assert.equal(await page.textContent('#weight-value'), shownNext);
  assert.notEqual(after.value, w.value);
  // Set by hand: a bad number is refused with a message and changes nothing; a good one moves
  // the loss and the map at once.
  const map = await canvasPixels(page, '#map-heat');
  const objective = (await stats(page)).objective;
  for (const bad of ['abc', '1e400', '-101', 'NaN', '<img src=x onerror=alert(1)>']) {
    await setValue(page, '#weight-set', bad);
    assert.match(await page.textContent('#weight-set-msg'), /is not a number from −100 to 100; the weight stays/, bad);
    assert.equal((await stats(page)).objective, objective, bad);
  }
  assert.equal(await page.locator('#weight-set-msg img').count(), 0, 'no markup inserted');
  await setValue(page, '#weight-set', '−3.5');
  assert.equal(await page.textContent('#weight-set-msg'), '');
  assert.equal(await page.evaluate(() => window.losslab.weight().value), -3.5);
  assert.notEqual((await stats(page)).objective, objective);
  const moved = await canvasPixels(page, '#map-heat');
  assert.ok(moved.data.some((v, i) => v !== map.data[i]), 'the map responds');
  // The list chooses too, with the keyboard: one down is the next parameter.
  await page.focus('#weight-pick');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => window.losslab.selected_weight()), 14);
  // A bias: no penalty, no edge.
  const biases = await page.evaluate(() => window.losslab.weight_names().findIndex((n) => n.startsWith('bias')));
  await page.selectOption('#weight-pick', String(biases));
  assert.match(await page.textContent('#weight-penalty'), /no penalty/);
  assert.match(await page.textContent('#weight-update li'), /^v ← β·v \+ ∂L\/∂b/);
  await screenshot(page, 'inside-weight');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('in step mode, backpropagation for one point matches the finite difference shown beside it', async () => {
  const { page, errors } = await openPage(browser, '?hidden=5&seed=4&lang=en');
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.selectOption('#weight-pick', '3');
  for (let i = 0; i < 3; i++) await page.click('#step');
  const check = async () => {
    const el = page.locator('#trace-check');
    return {
      text: await el.textContent(),
      bp: Number(await el.getAttribute('data-backprop')),
      fd: Number(await el.getAttribute('data-finite-difference')),
    };
  };
  const c = await check();
  assert.ok(c.bp !== 0 && Math.abs(c.bp - c.fd) <= 1e-6 * Math.abs(c.bp), JSON.stringify(c));
  const [bp, fd] = c.text.match(/backprop (\S+), finite difference (\S+) /).slice(1);
  assert.equal(bp, fd, c.text);
  // Forward: inputs, one hidden layer, the scores; backward: the scores' δ, then the layer's.
  assert.equal(await page.locator('#trace-forward li').count(), 3);
  assert.equal(await page.locator('#trace-back li').count(), 2);
  const result = await page.textContent('#trace-result');
  assert.match(result, /^So ∂ℓ\/∂w = a\(x₁\) × δ\(h1\.4\) = /);
  // Another step, other numbers; playing hides the steps.
  await page.click('#step');
  assert.notEqual((await check()).bp, c.bp);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('trace-paused').hidden);
  assert.equal(await page.isVisible('#trace-body'), false);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('trace-body').hidden);
  const d = await check();
  assert.ok(Math.abs(d.bp - d.fd) <= 1e-6 * Math.max(Math.abs(d.bp), 1e-9), JSON.stringify(d));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('scrubbing the timeline shows an earlier iteration exactly, and training on resumes from it', async () => {
  const query = `${ENDLESS}&seed=3&hidden=6`;
  const { page, errors } = await openPage(browser, query);
  const start = await canvasPixels(page, '#map-heat');
  const first = await stats(page);
  for (let i = 0; i < 20; i++) await page.click('#step');
  const latest = await canvasPixels(page, '#map-heat');
  const chart = await canvasPixels(page, '#loss-chart');
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  assert.equal(await page.getAttribute('#timeline', 'max'), '20');
  // Home: iteration 0, exactly as the page began.
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  assert.equal(await page.textContent('#stat-iteration'), '0');
  assert.deepEqual(await stats(page), first);
  assert.deepEqual((await canvasPixels(page, '#map-heat')).data, start.data);
  assert.match(await page.textContent('#timeline-note'), /Showing iteration 0/);
  assert.ok(latest.data.some((v, i) => v !== start.data[i]), 'the map had moved');
  // Back to the latest: no longer an earlier iteration.
  await page.click('#timeline-latest');
  assert.equal(await page.textContent('#stat-iteration'), '20');
  assert.deepEqual((await canvasPixels(page, '#map-heat')).data, latest.data);
  assert.equal(await page.textContent('#timeline-note'), '');
  assert.equal(await page.isDisabled('#timeline-resume'), true);
  // Iteration 10, then one step: the same numbers as a run stepped 11 times from the start.
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('#stat-iteration'), '10');
  // The loss chart keeps the whole run and marks iteration 10 on it.
  const marked = await canvasPixels(page, '#loss-chart');
  assert.ok(marked.data.some((v, i) => v !== chart.data[i]), 'the loss chart marks the iteration shown');
  await page.click('#step');
  const resumed = await stats(page);
  assert.equal(resumed.iteration, 11);
  assert.equal(await page.getAttribute('#timeline', 'max'), '11', 'what came after was dropped');
  const other = await openPage(browser, query);
  for (let i = 0; i < 11; i++) await other.page.click('#step');
  assert.deepEqual(resumed, await stats(other.page));
  await other.page.context().close();
  // Playing from an earlier point goes on from it.
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  await page.click('#timeline-resume');
  await page.waitForFunction(() => window.losslab.stats().iteration > 30);
  await page.click('#play');
  const t = await page.evaluate(() => window.losslab.timeline());
  assert.equal(t.scrubbed, false);
  assert.equal(t.last, (await stats(page)).iteration);
  assert.ok(t.bytes > 0 && t.length <= t.capacity);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('after a divergence the page offers to go back to the last good iteration', async () => {
  const { page, errors } = await openPage(browser, '?optimizer=gd&penalty=l2&lambda=1&lr=0.1&seed=5');
  for (let i = 0; i < 15; i++) await page.click('#step');
  await setValue(page, '#in-lr', '10');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().divergence, null, { timeout: 5000 });
  // Offered beside the message, and under the diagram.
  assert.equal(await page.isVisible('#status-good'), true);
  await page.locator('#timeline-good').scrollIntoViewIfNeeded();
  assert.equal(await page.isVisible('#timeline-good'), true);
  await page.click('#status-good');
  const s = await stats(page);
  assert.equal(s.divergence, false);
  assert.ok(s.iteration >= 10 && s.iteration <= 15, `back to iteration ${s.iteration}`);
  assert.ok(Number.isFinite(s.objective));
  assert.equal(await page.isVisible('#timeline-good'), false);
  assert.equal(await page.isVisible('#status-good'), false);
  // A smaller step trains on from there.
  await setValue(page, '#in-lr', '0.05');
  for (let i = 0; i < 5; i++) await page.click('#step');
  assert.equal((await stats(page)).divergence, false);
  assert.equal((await stats(page)).iteration, s.iteration + 5);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('at 360 px the diagram scrolls sideways and the weight, backpropagation and timeline fit', async () => {
  const { page, errors } = await openPage(browser, '?hidden=16,16,16&lang=zh', { width: 360, height: 740 });
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.selectOption('#weight-pick', '40');
  await page.click('#step');
  const sizes = await page.evaluate(() => ({
    page: document.scrollingElement.scrollWidth,
    scroll: document.querySelector('.network-scroll').scrollWidth,
    box: document.querySelector('.network-scroll').clientWidth,
    weight: document.querySelector('.weight').getBoundingClientRect().right,
    timeline: document.getElementById('timeline').getBoundingClientRect().right,
  }));
  assert.ok(sizes.page <= 360, JSON.stringify(sizes));
  assert.ok(sizes.scroll > sizes.box, 'the diagram scrolls');
  assert.ok(sizes.weight <= 360 && sizes.timeline <= 360, JSON.stringify(sizes));
  assert.match(await page.textContent('#trace-check'), /^反向传播 /);
  assert.ok(inked(await canvasPixels(page, '#weight-chart')) > 50);
  await page.locator('#weight-detail').scrollIntoViewIfNeeded();
  await screenshot(page, 'inside-360');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('while the timeline fills and thins, the page’s memory stays where it was when the store was made', async () => {
  // Three layers of 16: the byte budget holds about a thousand snapshots, so thinning starts soon.
  const { page, errors } = await openPage(browser, `${ENDLESS}&hidden=16,16,16&speed=200`);
  const start = await page.evaluate(() => ({ t: window.losslab.timeline(), memory: window.losslab.memory_bytes() }));
  assert.equal(start.t.length, 1);
  assert.ok(start.t.capacity >= 100 && start.t.capacity < 10000, JSON.stringify(start.t));
  assert.ok(start.t.bytes <= 16 * 1024 * 1024 + 4096);
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.timeline().stride >= 4, null, { timeout: 60000 });
  await page.click('#play');
  const end = await page.evaluate(() => ({ t: window.losslab.timeline(), memory: window.losslab.memory_bytes() }));
  assert.ok(end.t.iteration >= 3 * end.t.capacity, JSON.stringify(end.t));
  assert.ok(end.t.length <= end.t.capacity && end.t.length > end.t.capacity / 2, JSON.stringify(end.t));
  assert.equal(end.t.bytes, start.t.bytes, 'the store never grows');
  assert.equal(end.memory, start.memory, 'the page’s memory did not grow');
  // The first snapshot is still the start; scrubbing there shows iteration 0.
  assert.equal(end.t.first, 0);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  assert.equal(await page.textContent('#stat-iteration'), '0');
  assert.deepEqual(errors, []);
  await page.context().close();
});
