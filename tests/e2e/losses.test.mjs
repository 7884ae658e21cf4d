// The Losses section: the five losses on the example and the training set, and training with any.

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

/** The five losses of one sample, written out here (mean over one sample = the sample's loss). */
function reference(scores, y) {
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const sum = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / sum);
  const onehot = scores.map((_, j) => (j === y ? 1 : 0));
  const first = scores.indexOf(top);
  return {
    'cross-entropy': -(scores[y] - top - Math.log(sum)),
    squared: p.reduce((a, pj, j) => a + (pj - onehot[j]) ** 2, 0),
    'zero-one': first === y ? 0 : 1,
    absolute: p.reduce((a, pj, j) => a + Math.abs(pj - onehot[j]), 0),
    hinge: scores.reduce((a, s, j) => (j === y ? a : a + Math.max(0, s - scores[y] + 1)), 0),
  };
}

test('the table shows all five losses of the example, as the formulas give', async () => {
  const { page, errors } = await openPage(browser);
  const rows = await page.evaluate(() => window.losslab.losses());
  assert.deepEqual(rows.map((r) => r.key), ['cross-entropy', 'squared', 'zero-one', 'absolute', 'hinge']);
  const want = reference([3.2, 5.1, -1.7], 0);
  for (const { key, example, training } of rows) {
    assert.ok(Math.abs(example - want[key]) < 1e-12, `${key}: ${example} vs ${want[key]}`);
    assert.ok(Number.isFinite(training) && training >= 0, key);
  }
  assert.equal(want.hinge.toFixed(4), '2.9000');
  // The row shows the same number, to 4 decimals.
  const shown = await page.textContent('#loss-rows tr[data-loss="hinge"] td.value');
  assert.equal(shown, '2.9000');
  // Each formula is also written out with the example's numbers, ending in the same value.
  for (const { key, example } of rows) {
    const text = await page.textContent(`#loss-rows tr[data-loss="${key}"] .substituted`);
    assert.ok(text.endsWith(`=${example.toPrecision(4)}`), `${key}: ${text}`);
  }
  assert.equal(
    await page.textContent('#loss-rows tr[data-loss="hinge"] .substituted'),
    '=max(0,5.100−3.200+1)+max(0,−1.700−3.200+1)=2.900',
  );
  const ce = await page.textContent('#loss-rows tr[data-loss="cross-entropy"] .substituted');
  assert.ok(ce.startsWith('=−log'), ce);
  assert.equal(await page.textContent('#loss-rows tr[data-loss="zero-one"] .substituted'), '=1[dog≠cat]=1.000');
  // The curves are drawn: the five curve colours are all on the canvas.
  const curves = await canvasPixels(page, '#loss-curves');
  const colours = [[0x22, 0x22, 0x22], [0xcc, 0x79, 0xa7], [0x99, 0x99, 0x99], [0x56, 0xb4, 0xe9], [0xd5, 0x5e, 0x00]];
  for (const [r, g, b] of colours) {
    let n = 0;
    for (let i = 0; i < curves.data.length; i += 4) {
      if (Math.abs(curves.data[i] - r) < 8 && Math.abs(curves.data[i + 1] - g) < 8 && Math.abs(curves.data[i + 2] - b) < 8) n += 1;
    }
    assert.ok(n > 100, `only ${n} pixels of rgb(${r}, ${g}, ${b})`);
  }
  // Changing the true label to dog changes every value as the formulas say, and moves the dots.
  await page.selectOption('#in-label', 'dog');
  assert.notDeepEqual((await canvasPixels(page, '#loss-curves')).data, curves.data);
  const dog = reference([3.2, 5.1, -1.7], 1);
  for (const { key, example } of await page.evaluate(() => window.losslab.losses())) {
    assert.ok(Math.abs(example - dog[key]) < 1e-12, key);
  }
  await screenshot(page, 'losses');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('training with the 0-1 loss from the table stalls, and the page says why', async () => {
  const { page, errors } = await openPage(browser);
  await page.click('#loss-rows tr[data-loss="zero-one"] button');
  assert.equal(await page.inputValue('#in-loss'), 'zero-one');
  assert.equal(await page.getAttribute('#loss-rows tr[data-loss="zero-one"]', 'class'), 'active');
  await page.click('#play');
  await page.waitForTimeout(400);
  const s = await page.evaluate(() => window.losslab.stats());
  assert.equal(s.gradientNorm, 0);
  assert.match(await page.textContent('#status'), /zero almost everywhere/);
  // Switching to hinge from the table trains again.
  await page.click('#loss-rows tr[data-loss="hinge"] button');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 20, null, { timeout: 5000 });
  await page.click('#play');
  assert.equal(await page.inputValue('#in-loss'), 'hinge');
  assert.deepEqual(errors, []);
  await page.context().close();
});
