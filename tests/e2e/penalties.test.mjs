// The Penalties section: the article's w1/w2 example and the plane of two weights.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPixels, launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function setValue(page, selector, value) {
  await page.fill(selector, value);
  await page.press(selector, 'Enter');
}

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
