// The Train section in a real Chromium: it draws, it learns, it resets, and it survives bad input.

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

/** Okabe–Ito class colours: cat, dog, sheep. */
const CLASS_RGB = [
  [0xe6, 0x9f, 0x00],
  [0x00, 0x72, 0xb2],
  [0x00, 0x9e, 0x73],
];

/**
 * Share of the raster's pixels tinted towards each class colour: a pixel counts for class c when
 * it is clearly not white and its direction away from white is closest to that of class c.
 */
function classShares({ data }) {
  const counts = [0, 0, 0];
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const d = [255 - data[i], 255 - data[i + 1], 255 - data[i + 2]];
    const len = Math.hypot(...d);
    if (len < 40) continue;
    let best = -1;
    let bestCos = 0.97;
    CLASS_RGB.forEach((c, k) => {
      const e = [255 - c[0], 255 - c[1], 255 - c[2]];
      const cos = (d[0] * e[0] + d[1] * e[1] + d[2] * e[2]) / (len * Math.hypot(...e));
      if (cos > bestCos) {
        bestCos = cos;
        best = k;
      }
    });
    if (best >= 0) counts[best] += 1;
  }
  return counts.map((c) => c / n);
}

const stats = (page) => page.evaluate(() => window.losslab.stats());

async function trainFor(page, ms) {
  await page.click('#play');
  await page.waitForTimeout(ms);
  await page.click('#play');
}

test('the decision map holds all three class colours once the network has learnt', async () => {
  const { page, errors } = await openPage(browser);
  await trainFor(page, 1500);
  const heat = await canvasPixels(page, '#map-heat');
  assert.ok(heat.width >= 200 && heat.height >= 200, `raster ${heat.width}×${heat.height}`);
  const shares = classShares(heat);
  for (const [k, share] of shares.entries()) {
    assert.ok(share > 0.1, `class ${k} covers only ${(100 * share).toFixed(1)} % of the map`);
  }
  // The overlay carries the points: dark outlines of each class, drawn over transparent pixels.
  const overlay = await canvasPixels(page, '#map-overlay');
  let opaque = 0;
  for (let i = 3; i < overlay.data.length; i += 4) if (overlay.data[i] > 200) opaque += 1;
  assert.ok(opaque > 2000, `only ${opaque} opaque overlay pixels`);
  await screenshot(page, 'train-learnt');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('pressing play lowers the training loss within a few seconds', async () => {
  const { page, errors } = await openPage(browser);
  const before = await stats(page);
  assert.equal(before.iteration, 0);
  await page.click('#play');
  await page.waitForFunction((start) => window.losslab.stats().trainLoss < 0.7 * start, before.trainLoss, {
    timeout: 5000,
  });
  await page.click('#play');
  const afterPlay = await stats(page);
  assert.ok(afterPlay.iteration > 0);
  // The panel shows exactly the engine's number, to 4 decimals.
  const shown = await page.textContent('#stat-train-loss');
  assert.equal(shown, afterPlay.trainLoss.toFixed(4));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('reset restores the same first loss and the same first map', async () => {
  const { page, errors } = await openPage(browser);
  const first = await stats(page);
  const firstMap = await canvasPixels(page, '#map-heat');
  await trainFor(page, 800);
  assert.notEqual((await stats(page)).trainLoss, first.trainLoss);
  await page.click('#reset');
  const again = await stats(page);
  assert.equal(again.trainLoss, first.trainLoss);
  assert.equal(again.iteration, 0);
  assert.deepEqual((await canvasPixels(page, '#map-heat')).data, firstMap.data);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('one step makes exactly one update', async () => {
  const { page } = await openPage(browser);
  await page.click('#step');
  await page.click('#step');
  assert.equal((await stats(page)).iteration, 2);
  assert.equal(await page.textContent('#stat-iteration'), '2');
  await page.context().close();
});

test('changing the learning rate or lambda carries on training instead of resetting it', async () => {
  const { page, errors } = await openPage(browser);
  await trainFor(page, 500);
  const before = await stats(page);
  assert.ok(before.iteration > 0);
  await page.fill('#in-lr', '0.1');
  await page.press('#in-lr', 'Enter');
  await page.selectOption('#in-penalty', 'l2');
  await page.fill('#in-lambda', '0.01');
  await page.press('#in-lambda', 'Enter');
  const after = await stats(page);
  assert.equal(after.iteration, before.iteration);
  assert.equal(after.trainLoss, before.trainLoss);
  assert.ok(after.penalty > 0, 'the L2 penalty now counts');
  assert.equal(after.objective, after.trainLoss + after.penalty);
  // Changing the seed starts over.
  await page.fill('#in-seed', '7');
  await page.press('#in-seed', 'Enter');
  assert.equal((await stats(page)).iteration, 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('bad control values get a clear message and a safe value, and nothing breaks', async () => {
  const { page, errors } = await openPage(browser);
  const cases = [
    ['#in-lr', 'abc', '0.03', /not a number/],
    ['#in-lr', 'NaN', '0.03', /not a number/],
    ['#in-lr', '1e999', '10', /not a finite number/],
    ['#in-lr', '-5', '0.0001', /below the smallest allowed value, 0.0001/],
    ['#in-noise', '7', '1', /above the largest allowed value, 1/],
    ['#in-samples', '12.5', '30', /below the smallest/],
    ['#in-seed', '<img src=x onerror="window.pwned=1">', '1', /not a number/],
  ];
  for (const [selector, raw, safe, pattern] of cases) {
    await page.fill(selector, raw);
    await page.press(selector, 'Enter');
    assert.equal(await page.inputValue(selector), safe, `${selector} ← ${raw}`);
    const key = await page.getAttribute(selector, 'data-param');
    const message = await page.textContent(`#msg-${key}`);
    assert.match(message, pattern, `${selector} ← ${raw}`);
  }
  // The hostile string was shown as text, never parsed as markup.
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // A valid value clears the message.
  await page.fill('#in-lr', '0.05');
  await page.press('#in-lr', 'Enter');
  assert.equal(await page.textContent('#msg-lr'), '');
  // The page still trains and shows no NaN anywhere.
  await trainFor(page, 400);
  assert.ok((await stats(page)).iteration > 0);
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /NaN|undefined|Infinity/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('bad URL parameters are reported and replaced by defaults', async () => {
  const hostile = encodeURIComponent('<script>window.pwned=1</script>');
  const { page, errors } = await openPage(browser, `?lr=abc&noise=Infinity&hidden=99,2&loss=${hostile}&bogus=1&seed=${hostile}`);
  const items = await page.$$eval('#url-messages li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 6, JSON.stringify(items));
  assert.ok(items.some((t) => t.startsWith('lr:') && /not a number; kept 0.03/.test(t)));
  assert.ok(items.some((t) => t.includes('<script>')), 'the hostile text is shown as text');
  assert.equal(await page.inputValue('#in-lr'), '0.03');
  assert.equal(await page.inputValue('#in-noise'), '1');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#url-messages script').length), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a far too large learning rate is caught, explained, and reset recovers', async () => {
  const { page, errors } = await openPage(browser, '?optimizer=gd&penalty=l2&lambda=1&lr=10');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().divergence, null, { timeout: 5000 });
  const status = await page.textContent('#status');
  assert.match(status, /learning rate is too large/);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false', 'play stops by itself');
  await page.fill('#in-lr', '0.1');
  await page.press('#in-lr', 'Enter');
  await page.click('#reset');
  const s = await stats(page);
  assert.equal(s.divergence, false);
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a message beside a control is said again in the other language', async () => {
  const { page, errors } = await openPage(browser);
  await page.fill('#in-lr', 'abc');
  await page.press('#in-lr', 'Enter');
  assert.match(await page.textContent('#msg-lr'), /not a number; kept 0.03/);
  await page.click('#lang-switch');
  assert.match(await page.textContent('#msg-lr'), /不是数字；保留 0.03/);
  assert.equal(await page.inputValue('#in-lr'), '0.03');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the page speaks Chinese with lang=zh and switches language without reloading', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh');
  assert.equal(await page.textContent('#train-heading'), '1 · 训练：看分类器学习');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('#in-loss option[value="cross-entropy"]'), /交叉熵/);
  await screenshot(page, 'train-zh');
  await page.click('#lang-switch');
  assert.match(await page.textContent('#train-heading'), /Train/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('canvases are drawn at the device pixel ratio for sharp high-DPI screens', async () => {
  const { page, errors } = await openPage(browser, '', { deviceScaleFactor: 2 });
  const sizes = await page.evaluate(() =>
    ['#map-overlay', '#loss-chart'].map((s) => {
      const c = document.querySelector(s);
      return [c.width, c.clientWidth, c.height, c.clientHeight];
    }),
  );
  for (const [w, cw, h, ch] of sizes) {
    assert.equal(w, 2 * cw);
    assert.equal(h, 2 * ch);
  }
  await screenshot(page, 'train-hidpi');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('buttons and controls have accessible names', async () => {
  const { page } = await openPage(browser);
  for (const id of ['play', 'step', 'reset', 'new-seed', 'layer-add', 'layer-remove', 'lang-switch']) {
    const name = await page.evaluate((i) => {
      const el = document.getElementById(i);
      return el.getAttribute('aria-label') || el.textContent.trim();
    }, id);
    assert.ok(name.length > 2, `#${id} has no name`);
  }
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([aria-hidden="true"]), select')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label')))
      .map((el) => el.id || el.className),
  );
  assert.deepEqual(unlabeled, []);
  await page.context().close();
});

test('training on the 0-1 loss stalls and the page says why', async () => {
  const { page, errors } = await openPage(browser, '?loss=zero-one');
  const before = await stats(page);
  await page.click('#play');
  await page.waitForTimeout(500);
  const after = await stats(page);
  assert.equal(after.gradientNorm, 0);
  assert.equal(after.iteration, 0, 'the gradient rule stops it before the first update');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  const status = await page.textContent('#status');
  assert.match(status, /gradient is exactly zero/);
  assert.match(status, /zero almost everywhere/);
  // With a rule that never fires on the gradient, the updates run and still change nothing.
  await page.fill('#in-grad-eps', '0');
  await page.press('#in-grad-eps', 'Enter');
  await page.click('#play');
  await page.waitForTimeout(500);
  await page.click('#play');
  const later = await stats(page);
  assert.ok(later.iteration > 0);
  assert.equal(later.trainLoss, before.trainLoss);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the confusion matrix counts the test points by true and predicted class, and a click rings them on the map', async () => {
  const { page, errors } = await openPage(browser, '?seed=5&noise=0.6');
  for (let i = 0; i < 20; i++) await page.click('#step');
  const read = () =>
    page.$$eval('#confusion [data-cell]', (buttons) => buttons.map((b) => [b.dataset.cell, Number(b.textContent), b.getAttribute('aria-pressed')]));
  const cells = await read();
  const total = cells.reduce((n, [, c]) => n + c, 0);
  // 300 points, 40 % of them held out for testing.
  assert.equal(total, 120);
  const right = cells.filter(([cell]) => cell[0] === cell[2]).reduce((n, [, c]) => n + c, 0);
  // The diagonal over the total is the test accuracy shown beside it, to the shown digit.
  assert.equal(await page.textContent('#stat-test-accuracy'), `${((100 * right) / total).toFixed(1)} %`);
  // Each class's accuracy: its diagonal cell over its row.
  for (const t of [0, 1, 2]) {
    const row = cells.filter(([cell]) => cell[0] === String(t));
    const sum = row.reduce((n, [, c]) => n + c, 0);
    const diagonal = row.find(([cell]) => cell[2] === String(t))[1];
    assert.equal(await page.textContent(`#confusion [data-class-right="${t}"]`), `${((100 * diagonal) / sum).toFixed(1)} %`);
  }
  // A mistake's cell: clicking it rings its points on the map, and the overlay changes.
  const mistake = cells.find(([cell, n]) => cell[0] !== cell[2] && n > 0);
  assert.ok(mistake, 'with this much noise some test points are wrong');
  const before = await canvasPixels(page, '#map-overlay');
  await page.click(`#confusion [data-cell="${mistake[0]}"]`);
  assert.equal(await page.getAttribute(`#confusion [data-cell="${mistake[0]}"]`, 'aria-pressed'), 'true');
  assert.deepEqual(await page.evaluate(() => window.losslab.confusion().cell), mistake[0].split(',').map(Number));
  const after = await canvasPixels(page, '#map-overlay');
  const changed = after.data.filter((v, i) => v !== before.data[i]).length;
  assert.ok(changed > 50 * mistake[1], `${changed} bytes changed for ${mistake[1]} rings`);
  assert.match(await page.getAttribute(`#confusion [data-cell="${mistake[0]}"]`, 'aria-label'), new RegExp(`^${mistake[1]} test points of class`));
  await screenshot(page, 'train-confusion');
  // One more step: the rings go (their points change with the weights).
  await page.click('#step');
  assert.equal(await page.evaluate(() => window.losslab.confusion().cell), null);
  const cleared = await canvasPixels(page, '#map-overlay');
  assert.ok(cleared.data.filter((v, i) => v !== after.data[i]).length > 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the network diagram draws one tile per neuron, for every architecture, and follows training', async () => {
  const { page, errors } = await openPage(browser, '?hidden=8,8&seed=3');
  await page.locator('#network').scrollIntoViewIfNeeded();
  const columns = () =>
    page.evaluate(() => {
      const counts = [];
      for (const [l] of window.losslab.network_nodes()) counts[l] = (counts[l] ?? 0) + 1;
      return counts;
    });
  /** The alpha of the diagram's canvas at each tile's centre and at the middle of the first edge. */
  const drawn = () =>
    page.evaluate(() => {
      const canvas = document.getElementById('network');
      const dpr = canvas.width / canvas.clientWidth;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const alpha = (x, y) => data[(Math.round(y * dpr) * canvas.width + Math.round(x * dpr)) * 4 + 3];
      const nodes = window.losslab.network_nodes();
      const [, , x0, y0, side] = nodes[0];
      const [, , x1, y1] = nodes.find(([l]) => l === 1);
      return {
        tiles: nodes.map(([, , x, y]) => alpha(x, y)),
        edge: alpha((x0 + side / 2 + x1 - side / 2) / 2, (y0 + y1) / 2),
        empty: alpha(2, 2),
        inside: nodes.every(([, , x, y, s]) => x - s / 2 >= 0 && x + s / 2 <= canvas.clientWidth && y - s / 2 >= 0 && y + s / 2 <= canvas.clientHeight),
      };
    });
  assert.deepEqual(await columns(), [2, 8, 8, 3]);
  let d = await drawn();
  assert.ok(d.tiles.every((a) => a === 255), 'every tile is drawn');
  assert.ok(d.edge > 0 && d.empty === 0 && d.inside, JSON.stringify(d));
  // 2·8 + 8·8 + 8·3 = 104 weights (the biases are not weights).
  assert.match(await page.textContent('#network-summary'), /hidden layers 8, 8, 3 classes; 104 weights, 0 of them exactly 0/);
  // Training moves the weights, and the diagram with them.
  const before = await canvasPixels(page, '#network');
  for (let i = 0; i < 5; i++) await page.click('#step');
  const after = await canvasPixels(page, '#network');
  assert.ok(after.data.some((v, i) => v !== before.data[i]), 'the diagram changed');
  // Other shapes: no hidden layer, then one of 3, then three of 16.
  await page.click('#layer-remove');
  await page.click('#layer-remove');
  assert.deepEqual(await columns(), [2, 3]);
  await page.click('#layer-add');
  await page.fill('#layer-widths input', '3');
  await page.press('#layer-widths input', 'Enter');
  assert.deepEqual(await columns(), [2, 3, 3]);
  await page.fill('#layer-widths input', '16');
  await page.press('#layer-widths input', 'Enter');
  await page.click('#layer-add');
  await page.click('#layer-add');
  const widths = await page.$$eval('#layer-widths input', (inputs) => inputs.map((i) => i.value));
  assert.equal(widths[0], '16');
  assert.deepEqual(await columns(), [2, ...widths.map(Number), 3]);
  d = await drawn();
  assert.ok(d.tiles.every((a) => a === 255) && d.inside, JSON.stringify(d));
  await screenshot(page, 'train-network');
  assert.deepEqual(errors, []);
  await page.context().close();
  // At 360 px every tile still fits the canvas.
  const narrow = await openPage(browser, '?hidden=16,16,16', { width: 360, height: 740 });
  await narrow.page.locator('#network').scrollIntoViewIfNeeded();
  const fits = await narrow.page.evaluate(() => {
    const c = document.getElementById('network');
    const nodes = window.losslab.network_nodes();
    return nodes.length === 2 + 48 + 3 && nodes.every(([, , x, y, s]) => x + s / 2 <= c.clientWidth && y + s / 2 <= c.clientHeight && s >= 8);
  });
  assert.equal(fits, true);
  assert.deepEqual(narrow.errors, []);
  await narrow.page.context().close();
});

test('a wider network tried and taken back leaves none of its buffers behind', async () => {
  const { page, errors } = await openPage(browser, '?hidden=8,8&seed=3');
  await page.locator('#network').scrollIntoViewIfNeeded();
  const settled = () =>
    page.evaluate(async () => {
      await new Promise((done) => setTimeout(done, 300));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return window.losslab.heap_bytes();
    });
  const widths = () => page.$$eval('#layer-widths input', (inputs) => inputs.map((i) => Number(i.value)));
  const start = await settled();
  // Six layers of 16, the widest the page allows: every view's buffers for it...
  while ((await widths()).length < 6) await page.click('#layer-add');
  for (let i = 0; i < 6; i++) {
    await page.fill(`#layer-widths input >> nth=${i}`, '16');
    await page.press(`#layer-widths input >> nth=${i}`, 'Enter');
  }
  assert.deepEqual(await widths(), [16, 16, 16, 16, 16, 16]);
  const wide = await settled();
  assert.ok(wide > start + 500_000, `the widest network holds more: ${start} → ${wide} B`);
  // ...then back to two layers of 8: what the page holds is what it held for them at first.
  while ((await widths()).length > 2) await page.click('#layer-remove');
  for (let i = 0; i < 2; i++) {
    await page.fill(`#layer-widths input >> nth=${i}`, '8');
    await page.press(`#layer-widths input >> nth=${i}`, 'Enter');
  }
  assert.deepEqual(await widths(), [8, 8]);
  const back = await settled();
  assert.ok(Math.abs(back - start) <= 2048, `live heap ${start} B at first, ${wide} B at six layers of 16, ${back} B back at 8, 8`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a loss that bounces instead of falling is said to, in both languages, and a smaller step clears it', async () => {
  const { page, errors } = await openPage(browser, '?optimizer=gd&lr=10&max-iter=100000&grad-eps=0');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().bouncing, null, { timeout: 10000 });
  await page.click('#play');
  const s = await stats(page);
  assert.equal(s.divergence, false, 'not a divergence: it neither blows up nor stops');
  assert.equal(s.stopped, '');
  assert.match(await page.textContent('#status'), /η is too large: the loss bounces up and down instead of falling/);
  assert.equal(await page.getAttribute('#status', 'class'), 'status alarm');
  await page.click('#lang-switch');
  assert.match(await page.textContent('#status'), /η 太大了：损失上下跳动/);
  await page.click('#lang-switch');
  await setValue(page, '#in-lr', '0.1');
  for (let i = 0; i < 3; i++) await page.click('#step');
  assert.equal((await stats(page)).bouncing, false);
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(errors, []);
  await page.context().close();
});
