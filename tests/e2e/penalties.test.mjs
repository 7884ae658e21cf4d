// The Penalties section: the article's w1/w2 example and the plane of two weights.

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

/** The example's table as text: {w1: [w·x, L1, L2], w2: [...]}. */
async function exampleTable(page) {
  return page.$$eval('#example-rows tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('th').textContent, [...r.querySelectorAll('td')].map((td) => td.textContent)])),
  );
}

test("the article's example: same w·x, equal L1, and L2 prefers w2; editing w2 changes its L2", async () => {
  const { page, errors } = await openPage(browser);
  assert.deepEqual(await exampleTable(page), {
    w1: ['1.0000', '1.0000', '0.5000'],
    w2: ['1.0000', '1.0000', '0.1250'],
  });
  const verdicts = await page.$$eval('#verdicts li', (els) => els.map((e) => e.textContent));
  assert.match(verdicts[1], /L1 is indifferent/);
  assert.match(verdicts[2], /L2 prefers w2/);

  // w2 = [0.5, 0, 0.25, 0.25]: still w·x = 1 and Σ|w| = 1, but ½Σw² = 0.1875.
  await setValue(page, '#in-w2-1', '0.5');
  await setValue(page, '#in-w2-2', '0');
  const w2 = [0.5, 0, 0.25, 0.25];
  const l2 = 0.5 * w2.reduce((a, w) => a + w * w, 0);
  assert.equal(l2, 0.1875);
  assert.deepEqual((await exampleTable(page)).w2, ['1.0000', '1.0000', l2.toFixed(4)]);
  // Bad entries: a message and a safe value, the numbers unharmed.
  await setValue(page, '#in-w2-3', 'abc');
  assert.equal(await page.inputValue('#in-w2-3'), '0.25');
  assert.match(await page.textContent('#msg-w2-3'), /not a number/);
  await setValue(page, '#in-w2-3', '1e99');
  assert.equal(await page.inputValue('#in-w2-3'), '10');
  assert.match(await page.textContent('#msg-w2-3'), /largest allowed value, 10/);
  const now = await page.evaluate(() => window.losslab.penalty_example());
  assert.deepEqual(now.l2, [0.5, 0.5 * (0.25 + 0 + 100 + 0.0625)]);
  assert.equal(now.dot[1], 0.5 + 0 + 10 + 0.25);
  assert.match((await page.$$eval('#verdicts li', (els) => els.map((e) => e.textContent)))[0], /outputs now differ/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** The plane's data loss, written out here: A = XᵀX/n and b = Xᵀy/n of the eight fixed points. */
function quadratic() {
  const points = [
    [[1.0, 0.8], 1.9], [[0.8, 1.0], 1.75], [[-1.0, -0.6], -1.8], [[-0.6, -1.0], -1.45],
    [[0.5, -0.2], 0.65], [[-0.4, 0.3], -0.5], [[0.2, 0.6], 0.6], [[-0.3, -0.5], -0.75],
  ];
  const n = points.length;
  const a = [[0, 0], [0, 0]];
  const b = [0, 0];
  for (const [x, y] of points) {
    for (let i = 0; i < 2; i += 1) {
      for (let j = 0; j < 2; j += 1) a[i][j] += (x[i] * x[j]) / n;
      b[i] += (x[i] * y) / n;
    }
  }
  return { a, b };
}

test('moving λ moves the penalized optimum, and under L1 a weight reaches exactly 0', async () => {
  const { page, errors } = await openPage(browser);
  const { a, b } = quadratic();
  const before = await page.evaluate(() => window.losslab.plane());
  // λ = 0.3 under L1: both weights nonzero, and the gradient of the objective vanishes there.
  assert.ok(before.w[0] > 0 && before.w[1] > 0);
  for (let i = 0; i < 2; i += 1) {
    const g = a[i][0] * before.w[0] + a[i][1] * before.w[1] - b[i] + 0.3;
    assert.ok(Math.abs(g) < 1e-12, `∂/∂w${i + 1} = ${g}`);
  }
  const pixels = await canvasPixels(page, '#plane-overlay');
  await setValue(page, '#in-plane-lambda', '0.6');
  const after = await page.evaluate(() => window.losslab.plane());
  // Past λ ≈ 0.48, w₂ is exactly 0 and w₁ = (b₁ − λ)/A₁₁, with |b₂ − A₂₁w₁| ≤ λ.
  assert.equal(after.w[1], 0);
  assert.ok(Math.abs(after.w[0] - (b[0] - 0.6) / a[0][0]) < 1e-14);
  assert.ok(Math.abs(b[1] - a[1][0] * after.w[0]) <= 0.6);
  assert.ok(after.zeroFrom[1] > 0.3 && after.zeroFrom[1] < 0.6, String(after.zeroFrom[1]));
  assert.notDeepEqual((await canvasPixels(page, '#plane-overlay')).data, pixels.data);
  assert.match(await page.textContent('#plane-zero'), /w₂ is exactly 0 from λ = 0\.48\d on/);
  assert.match(await page.textContent('#plane-readout'), /\(0\.\d{3}, 0\.000\)/);
  await screenshot(page, 'penalties-l1');

  // L2 at any λ: smaller, never exactly 0; the page says so.
  await page.selectOption('#in-plane-penalty', 'l2');
  await setValue(page, '#in-plane-lambda', '5');
  const ridge = await page.evaluate(() => window.losslab.plane());
  assert.ok(ridge.w[0] !== 0 && ridge.w[1] !== 0 && Math.hypot(...ridge.w) < 0.2 * Math.hypot(...ridge.star));
  assert.deepEqual(ridge.zeroFrom, [null, null]);
  assert.match(await page.textContent('#plane-zero'), /neither ever becomes exactly 0/);
  // Bad λ: a message and a safe value.
  await setValue(page, '#in-plane-lambda', '-1');
  assert.equal(await page.inputValue('#in-plane-lambda'), '0');
  await setValue(page, '#in-plane-lambda', 'NaN');
  assert.match(await page.textContent('#msg-plane-lambda'), /not a number/);
  await screenshot(page, 'penalties-l2');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('trained side by side, L1 gives more exact zeros than L2, and λ changes without a restart', async () => {
  const { page, errors } = await openPage(browser, '?samples=80&noise=0.7&train=0.5&hidden=16,16&optimizer=adam&lr=0.01&speed=20');
  const stats = () => page.evaluate(() => window.losslab.runs_stats('penalties'));
  assert.deepEqual((await stats()).map((s) => s.key), ['none', 'l1', 'l2']);
  const bars = await canvasPixels(page, '#penalty-runs figure[data-run="l1"] .weight-bars');
  await page.click('#penalty-runs-play');
  await page.waitForFunction(() => window.losslab.runs_stats('penalties')[0].iteration >= 600, null, { timeout: 20000 });
  // λ from 0.01 to 0.03 while they train: no run starts over.
  const before = (await stats())[1].iteration;
  await page.fill('#in-runs-lambda', '0.03');
  await page.press('#in-runs-lambda', 'Enter');
  assert.ok((await stats())[1].iteration >= before, 'λ changed without a restart');
  await page.waitForFunction(() => window.losslab.runs_stats('penalties')[0].iteration >= 1500, null, { timeout: 30000 });
  await page.click('#penalty-runs-play');
  const [none, l1, l2] = await stats();
  assert.ok(l1.zeroWeights > l2.zeroWeights, `${l1.zeroWeights} zeros under L1, ${l2.zeroWeights} under L2`);
  assert.ok(l1.zeroWeights > l1.weights / 4, `${l1.zeroWeights} of ${l1.weights}`);
  assert.equal(none.zeroWeights, 0);
  assert.equal(none.penalty, 0);
  // Each penalty shrinks the norm it penalizes, and is counted in the objective.
  assert.ok(l1.l1Norm < none.l1Norm && l2.l2Norm < none.l2Norm);
  assert.ok(Math.abs(l1.penalty - 0.03 * l1.l1Norm) < 1e-9 * l1.l1Norm, `${l1.penalty} vs ${0.03 * l1.l1Norm}`);
  assert.ok(Math.abs(l2.penalty - 0.03 * 0.5 * l2.l2Norm ** 2) < 1e-9, 'λ·½‖w‖²');
  assert.equal(l1.objective, l1.trainLoss + l1.penalty);
  // Overfitting shows: without a penalty the training loss is lowest and the test loss highest.
  assert.ok(none.trainLoss < l1.trainLoss && none.trainLoss < l2.trainLoss);
  assert.ok(none.testLoss > l1.testLoss && none.testLoss > l2.testLoss);
  // The captions and the bars show it.
  const caption = await page.textContent('#penalty-runs figure[data-run="l1"] figcaption');
  assert.ok(caption.includes(`exactly 0: ${l1.zeroWeights} / ${l1.weights}`), caption);
  assert.notDeepEqual((await canvasPixels(page, '#penalty-runs figure[data-run="l1"] .weight-bars')).data, bars.data);
  await screenshot(page, 'penalties-runs');
  // Bad λ: a message and a safe value.
  await page.fill('#in-runs-lambda', 'Infinity');
  await page.press('#in-runs-lambda', 'Enter');
  assert.equal(await page.inputValue('#in-runs-lambda'), '1');
  assert.match(await page.textContent('#msg-runs-lambda'), /not a finite number; used 1/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** How many pixels of the loss chart are in the objective curve's colour (vermillion). */
async function objectivePixels(page) {
  const { data } = await canvasPixels(page, '#loss-chart');
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - 0xd5) < 10 && Math.abs(data[i + 1] - 0x5e) < 10 && Math.abs(data[i + 2] - 0x00) < 10) n += 1;
  }
  return n;
}

test('with a penalty the loss chart also draws the objective, loss + penalty', async () => {
  const { page, errors } = await openPage(browser, '?penalty=l2&lambda=0.05');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 200, null, { timeout: 10000 });
  await page.click('#play');
  const s = await page.evaluate(() => window.losslab.stats());
  assert.ok(s.penalty > 0 && s.objective === s.trainLoss + s.penalty);
  assert.ok((await objectivePixels(page)) > 50, 'the objective curve is drawn');
  // Without a penalty there is nothing to add, and no third curve.
  await page.selectOption('#in-penalty', 'none');
  await page.click('#reset');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 200, null, { timeout: 10000 });
  await page.click('#play');
  assert.equal(await objectivePixels(page), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});
