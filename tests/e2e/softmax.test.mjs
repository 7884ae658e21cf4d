// The Softmax section: scores become probabilities and a loss, every number as the formulas give.

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

/** Softmax and cross-entropy written out here, independently of the page. */
function reference(scores, label, temperature = 1) {
  const z = scores.map((s) => s / temperature);
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / sum);
  return { p, loss: -(z[label] - top - Math.log(sum)) };
}

const numbers = (page) => page.evaluate(() => window.losslab.softmax());

test('editing a score changes the probabilities, the loss and the bars', async () => {
  const { page, errors } = await openPage(browser);
  const before = await numbers(page);
  const want = reference([3.2, 5.1, -1.7], 0);
  before.probabilities.forEach((p, j) => assert.ok(Math.abs(p - want.p[j]) < 1e-15));
  assert.ok(Math.abs(before.loss - want.loss) < 1e-14);
  const barsBefore = await canvasPixels(page, '#softmax-chart');

  await setValue(page, '#in-score-cat', '7.5');
  const after = await numbers(page);
  const now = reference([7.5, 5.1, -1.7], 0);
  after.probabilities.forEach((p, j) => assert.ok(Math.abs(p - now.p[j]) < 1e-15, `p${j}`));
  assert.ok(Math.abs(after.loss - now.loss) < 1e-14);
  assert.ok(after.loss < before.loss, 'a higher cat score lowers the loss of a cat picture');
  // The formulas show the same numbers, to 4 significant digits.
  const loss = await page.textContent('#formula-loss');
  assert.ok(loss.includes(now.loss.toPrecision(4)), loss);
  assert.ok((await page.textContent('#formula-p')).includes(now.p[0].toPrecision(4)));
  // And the bars moved.
  const barsAfter = await canvasPixels(page, '#softmax-chart');
  assert.notDeepEqual(barsAfter.data, barsBefore.data);
  await screenshot(page, 'softmax');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('choosing dog as the true label shows −log p(dog)', async () => {
  const { page, errors } = await openPage(browser);
  await page.selectOption('#in-label', 'dog');
  const s = await numbers(page);
  const want = reference([3.2, 5.1, -1.7], 1);
  assert.equal(s.label, 1);
  assert.ok(Math.abs(s.loss - want.loss) < 1e-14);
  const text = await page.textContent('#formula-loss');
  assert.match(text, /pdog/);
  assert.ok(text.includes(want.p[1].toPrecision(4)) && text.includes(want.loss.toPrecision(4)), text);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** How many pixels of each third of the softmax canvas are in the sheep's colour. */
async function sheepPerPanel(page) {
  const { width, data } = await canvasPixels(page, '#softmax-chart');
  const counts = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - 0x00) < 6 && Math.abs(data[i + 1] - 0x9e) < 6 && Math.abs(data[i + 2] - 0x73) < 6) {
      counts[Math.min(2, Math.floor(((i / 4) % width) / (width / 3)))] += 1;
    }
  }
  return counts;
}

test('the three steps play in order, each drawn after the one before', async () => {
  const { page, errors } = await openPage(browser, '?score-sheep=4');
  const all = await sheepPerPanel(page);
  assert.ok(all[0] > 50 && all[1] > 50, `sheep bars in both bar panels: ${all}`);
  await page.evaluate(() => window.losslab.reveal_softmax(1));
  const first = await sheepPerPanel(page);
  assert.ok(first[0] > 50 && first[1] === 0, `only step 1 drawn: ${first}`);
  // The button plays them: the highlighted step goes 1, 2, 3, then everything is shown again.
  await page.click('#softmax-play');
  const current = () => page.evaluate(() => [...document.querySelectorAll('#softmax-steps li')].findIndex((li) => li.classList.contains('current')));
  for (const step of [0, 1, 2]) {
    await page.waitForFunction((i) => document.querySelectorAll('#softmax-steps li')[i].classList.contains('current'), step, { timeout: 5000 });
  }
  await page.waitForFunction(() => !document.getElementById('softmax-play').disabled, null, { timeout: 5000 });
  assert.equal(await current(), -1);
  assert.deepEqual(await sheepPerPanel(page), all);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the temperature sharpens and flattens the probabilities', async () => {
  const { page } = await openPage(browser);
  await setValue(page, '#in-temperature', '0.25');
  const sharp = await numbers(page);
  await setValue(page, '#in-temperature', '5');
  const flat = await numbers(page);
  assert.ok(sharp.probabilities[1] > 0.99 && flat.probabilities[1] < 0.6);
  const want = reference([3.2, 5.1, -1.7], 0, 5);
  assert.ok(Math.abs(flat.loss - want.loss) < 1e-14);
  await page.context().close();
});

test('bad scores get a message and a clamped or kept value, and extremes stay finite', async () => {
  const { page, errors } = await openPage(browser);
  await setValue(page, '#in-score-sheep', 'lots');
  assert.equal(await page.inputValue('#in-score-sheep'), '-1.7');
  assert.match(await page.textContent('#msg-score-sheep'), /not a number/);
  await setValue(page, '#in-score-sheep', '1e9');
  assert.equal(await page.inputValue('#in-score-sheep'), '20');
  assert.match(await page.textContent('#msg-score-sheep'), /largest allowed value, 20/);
  await setValue(page, '#in-score-cat', '-Infinity');
  assert.equal(await page.inputValue('#in-score-cat'), '-20');
  await setValue(page, '#in-temperature', '0');
  assert.equal(await page.inputValue('#in-temperature'), '0.1');
  // cat −20, sheep 20, T = 0.1: the cat's loss is 400, finite and exact.
  const s = await numbers(page);
  assert.ok(Math.abs(s.loss - 400) < 1e-9, String(s.loss));
  // The formulas show no NaN or infinity (the messages above quote the input, as typed).
  const text = await page.evaluate(() => document.querySelector('#softmax .steps').textContent);
  assert.doesNotMatch(text, /NaN|Infinity|undefined|∞/);
  assert.ok(text.includes('400.0'), text);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Where a data point (plane coordinates) is on the page, from the raster laid under the plot. */
async function pointOnPage(page, x, y) {
  const box = await page.locator('#map-heat').boundingBox();
  const extent = 1.15; // the plane shown is [−1.15, 1.15]², as in src/render/decision.rs
  return [box.x + ((x + extent) / (2 * extent)) * box.width, box.y + ((extent - y) / (2 * extent)) * box.height];
}

test('clicking a point in the map loads its scores and class, which follow training', async () => {
  const { page, errors } = await openPage(browser);
  const points = await page.evaluate(() => Array.from(window.losslab.points()));
  // The first training dog (label 1).
  let i = 0;
  while (points[3 * i + 2] !== 1) i += 1;
  const [px, py] = await pointOnPage(page, points[3 * i], points[3 * i + 1]);
  await page.mouse.click(px, py);
  assert.equal(await page.evaluate(() => window.losslab.has_pick()), true);
  assert.equal(await page.inputValue('#in-label'), 'dog');
  const first = await numbers(page);
  const want = reference(first.scores, 1);
  assert.ok(Math.abs(first.loss - want.loss) < 1e-12);
  assert.equal(await page.inputValue('#in-score-dog'), String(first.scores[1]));
  // As the network learns, p(dog) rises and the loss falls.
  await page.click('#play');
  await page.waitForTimeout(1500);
  await page.click('#play');
  const later = await numbers(page);
  assert.ok(later.probabilities[1] > first.probabilities[1], `${first.probabilities[1]} → ${later.probabilities[1]}`);
  assert.ok(later.loss < first.loss);
  await screenshot(page, 'softmax-picked');
  // A click far from every point picks nothing; editing a score by hand stops following.
  assert.equal(await page.evaluate(() => window.losslab.pick(-5, -5)), false);
  await page.fill('#in-score-cat', '1');
  await page.press('#in-score-cat', 'Enter');
  assert.equal(await page.evaluate(() => window.losslab.has_pick()), false);
  assert.deepEqual(errors, []);
  await page.context().close();
});
