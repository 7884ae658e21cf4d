// The Descent section: balls rolling down loss surfaces, stop rules, step sizes and optimizers.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPixels, launch, openPage, screenshot, setValue } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Where a plane point is on the page: the raster lies exactly under the plot. */
async function onPage(page, [x, y], [[x0, x1], [y0, y1]] = [[-2, 2], [-2, 2]]) {
  await page.locator('#descent-overlay').scrollIntoViewIfNeeded();
  const box = await page.locator('#descent-heat').boundingBox();
  return [box.x + ((x - x0) / (x1 - x0)) * box.width, box.y + ((y1 - y) / (y1 - y0)) * box.height];
}

const balls = (page) => page.evaluate(() => window.losslab.descent_balls());

/** Plays until every ball has stopped. */
async function rollToTheEnd(page) {
  await page.click('#descent-play');
  await page.waitForFunction(() => window.losslab.descent_balls().every((b) => b.stopped !== ''), null, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('descent-play').getAttribute('aria-pressed') === 'false');
}

/** The minima of L = (w₁² − 1)² + 0.3w₁ + ½w₂², by Newton's method on L′(w₁) = 0. */
function minima() {
  const root = (x) => {
    for (let i = 0; i < 50; i += 1) x -= (4 * x * (x * x - 1) + 0.3) / (12 * x * x - 4);
    return x;
  };
  return [root(-1), root(1)];
}

test('clicks in the two basins drop balls that roll to two different minima, each labelled with its stop rule', async () => {
  const { page, errors } = await openPage(browser);
  await page.click('#descent-clear');
  const before = await canvasPixels(page, '#descent-overlay');
  for (const point of [[-0.6, 1.4], [0.7, -1.2]]) {
    const [x, y] = await onPage(page, point);
    await page.mouse.click(x, y);
  }
  let list = await balls(page);
  assert.equal(list.length, 2);
  assert.ok(Math.abs(list[0].start[0] + 0.6) < 0.05 && Math.abs(list[0].start[1] - 1.4) < 0.05, JSON.stringify(list[0].start));
  await rollToTheEnd(page);
  list = await balls(page);
  const [left, right] = minima();
  assert.ok(Math.abs(list[0].w[0] - left) < 0.01 && Math.abs(list[0].w[1]) < 0.01, JSON.stringify(list[0].w));
  assert.ok(Math.abs(list[1].w[0] - right) < 0.01 && Math.abs(list[1].w[1]) < 0.01, JSON.stringify(list[1].w));
  assert.ok(list[0].loss < list[1].loss, 'the left minimum is deeper');
  for (const b of list) {
    assert.equal(b.stopped, 'stop.gradient-below');
    assert.ok(b.gradientNorm < 0.001 && b.iterations > 10);
  }
  // The table says which rule fired; the trails changed the picture.
  const rows = await page.$$eval('#ball-rows tr', (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 2);
  for (const row of rows) assert.match(row, /gradient is close to zero/);
  assert.notDeepEqual((await canvasPixels(page, '#descent-overlay')).data, before.data);
  // A click outside the plot drops nothing.
  assert.equal(await page.evaluate(() => window.losslab.descent_click(-50, -50)), false);
  assert.equal(await page.evaluate(() => window.losslab.descent_click(NaN, 3)), false);
  assert.equal((await balls(page)).length, 2);
  await screenshot(page, 'descent-two-minima');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('in step mode the next step is written out with its numbers, and taking it moves the ball there', async () => {
  const { page, errors } = await openPage(browser, '?surface=bowl&d-lr=0.25');
  const next = await page.evaluate(() => window.losslab.descent_next());
  // The default start on the bowl is (−1.6, 1.2); ∇L = w, so w − η∇L = 0.75w.
  assert.deepEqual(next.w, [-1.6, 1.2]);
  assert.deepEqual(next.gradient, [-1.6, 1.2]);
  assert.deepEqual(next.next, [-1.6 - 0.25 * -1.6, 1.2 - 0.25 * 1.2]);
  const text = await page.textContent('#descent-update');
  assert.ok(text.includes('(−1.20,0.900)'), text);
  await page.click('#descent-step');
  const [ball] = await balls(page);
  assert.deepEqual(ball.w, next.next);
  assert.equal(ball.iterations, 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the far-too-large preset diverges, is caught and explained, and Reset with a good step recovers', async () => {
  const { page, errors } = await openPage(browser, '?surface=valley');
  await page.click('[data-preset="3"]');
  assert.equal(Number(await page.inputValue('#in-d-lr')), 0.12);
  await rollToTheEnd(page);
  const [ball] = await balls(page);
  assert.equal(ball.divergence, true);
  assert.ok(ball.iterations < 40, `caught after ${ball.iterations} steps`);
  assert.match(await page.textContent('#descent-status'), /diverged/);
  assert.equal(await page.getAttribute('#descent-status', 'class'), 'status alarm');
  await screenshot(page, 'descent-diverged');
  await page.click('[data-preset="1"]');
  await page.click('#descent-reset');
  await rollToTheEnd(page);
  const [again] = await balls(page);
  assert.equal(again.divergence, false);
  assert.equal(again.stopped, 'stop.gradient-below');
  assert.equal(await page.textContent('#descent-status'), '');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a ball caught bouncing between the walls says η is too large, in both languages, and a good step does not', async () => {
  // Gradient descent on the two minima at η = 0.43 (1.3 × the far-too-large preset): the ball
  // jumps from wall to wall for ever, neither settling nor diverging.
  const { page, errors } = await openPage(browser, '?surface=two-minima&d-optimizer=gd&d-lr=0.43&d-max-iter=100000&d-grad-eps=0');
  await page.click('#descent-play');
  await page.waitForFunction(() => window.losslab.descent_balls()[0].iterations > 300, null, { timeout: 20000 });
  await page.click('#descent-play');
  const [ball] = await balls(page);
  assert.equal(ball.bouncing, true);
  assert.equal(ball.divergence, false);
  assert.equal(ball.stopped, '');
  assert.equal(await page.textContent('#descent-status'), 'η is too large: the loss bounces up and down instead of falling. Try a smaller learning rate.');
  assert.equal(await page.getAttribute('#descent-status', 'class'), 'status alarm');
  const row = page.locator('#ball-rows tr').first();
  assert.equal(await row.getAttribute('class'), 'alarm');
  assert.equal(await row.locator('td').last().textContent(), 'η too large: the loss bounces');
  await screenshot(page, 'descent-bouncing');
  await page.click('#lang-switch');
  assert.equal(await page.textContent('#descent-status'), 'η 太大了：损失上下跳动，而不是下降。试试更小的学习率。');
  assert.equal(await row.locator('td').last().textContent(), 'η 太大：损失上下跳动');
  // The good preset, from the same start, rolls down: not a word of bouncing.
  await page.click('[data-preset="1"]');
  await page.click('#descent-reset');
  await page.click('#descent-play');
  await page.waitForFunction(() => window.losslab.descent_balls()[0].iterations > 300, null, { timeout: 20000 });
  await page.click('#descent-play');
  const [good] = await balls(page);
  assert.equal(good.bouncing, false);
  assert.equal(await page.textContent('#descent-status'), '');
  assert.notEqual(await row.getAttribute('class'), 'alarm');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the four optimizers race from one start and leave four different trails', async () => {
  const { page, errors } = await openPage(browser, '?surface=rosenbrock&d-max-iter=300');
  await page.click('#descent-race');
  let list = await balls(page);
  assert.deepEqual(list.map((b) => b.optimizer), ['gd', 'sgd', 'momentum', 'adam']);
  assert.equal(new Set(list.map((b) => b.start.join())).size, 1);
  await rollToTheEnd(page);
  list = await balls(page);
  for (const b of list) assert.equal(b.stopped, 'stop.max-iterations');
  const ends = list.map((b) => b.w.map((v) => v.toFixed(4)).join());
  assert.equal(new Set(ends).size, 4, ends.join(' | '));
  // Switching the optimizer of new balls changes the trail from the same start.
  await page.selectOption('#in-d-optimizer', 'momentum');
  const [x, y] = await onPage(page, [-1.5, 2.0], [[-2, 2], [-1, 3]]);
  await page.mouse.click(x, y);
  list = await balls(page);
  assert.equal(list.at(-1).optimizer, 'momentum');
  await screenshot(page, 'descent-race');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('bad step sizes and stop rules get a message and a safe value', async () => {
  const { page, errors } = await openPage(browser);
  await setValue(page, '#in-d-lr', 'NaN');
  assert.equal(await page.inputValue('#in-d-lr'), '0.056');
  assert.match(await page.textContent('#msg-d-lr'), /not a number/);
  await setValue(page, '#in-d-lr', '1e9');
  assert.equal(await page.inputValue('#in-d-lr'), '10');
  await setValue(page, '#in-d-max-iter', '2.5');
  assert.match(await page.textContent('#msg-d-max-iter'), /whole number/);
  await setValue(page, '#in-d-grad-eps', '-1');
  assert.equal(await page.inputValue('#in-d-grad-eps'), '0');
  await setValue(page, '#in-d-max-iter', '<img src=x onerror=alert(1)>');
  assert.equal(await page.$('#descent img'), null);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the classifier slices: the network sits at the centre, and SGD rolls on real mini-batches', async () => {
  // A ball started exactly on the network, at (0, 0) of the random slice: its loss is the
  // network's training objective.
  const { page, errors } = await openPage(browser, '?surface=slice-random&balls=0,0,sgd');
  const objective = await page.evaluate(() => window.losslab.stats().objective);
  const [centre] = await balls(page);
  assert.deepEqual(centre.start, [0, 0]);
  assert.ok(Math.abs(centre.loss - objective) < 1e-12, `${centre.loss} vs ${objective}`);
  // On the slice through two weights, a dropped SGD ball goes downhill.
  await page.selectOption('#in-surface', 'slice-weights');
  await page.selectOption('#in-d-optimizer', 'sgd');
  await page.click('#descent-clear');
  // A point 30 % across and 30 % down the plot (the extent follows the network's weights).
  const [x, y] = await onPage(page, [0.3, 0.7], [[0, 1], [0, 1]]);
  await page.mouse.click(x, y);
  const [ball] = await balls(page);
  assert.equal(ball.optimizer, 'sgd');
  await page.click('#descent-play');
  await page.waitForFunction(() => window.losslab.descent_balls()[0].iterations > 20, null, { timeout: 20000 });
  await page.click('#descent-play');
  const [later] = await balls(page);
  assert.ok(later.loss < ball.loss, `${ball.loss} → ${later.loss}`);
  assert.match(await page.textContent('#surface-note'), /two weights/);
  await screenshot(page, 'descent-slice');
  assert.deepEqual(errors, []);
  await page.context().close();
});
