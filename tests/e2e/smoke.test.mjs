// The page loads, reports no error, says it is ready, and draws something.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, canvasPixels, launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the page loads without console errors and draws', async () => {
  const { page, errors } = await openPage(browser);
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  // Drawn: the raster is not blank, and the loss chart has ink on it.
  const heat = await canvasPixels(page, '#map-heat');
  let tinted = 0;
  for (let i = 0; i < heat.data.length; i += 4) if (heat.data[i] < 250 || heat.data[i + 2] < 250) tinted += 1;
  assert.ok(tinted > 1000, `only ${tinted} tinted map cells`);
  const chart = await canvasPixels(page, '#loss-chart');
  let ink = 0;
  for (let i = 0; i < chart.data.length; i += 4) if (chart.data[i] < 128) ink += 1;
  assert.ok(ink > 200, `only ${ink} dark pixels on the chart`);
  await screenshot(page, 'page');
  await page.context().close();
});

test('without WebAssembly the page says so in plain words in both languages and hides its empty sections', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  await page.goto(BASE_URL);
  await page.waitForFunction(() => document.body.dataset.failed === 'true');
  const text = await page.textContent('.msg-block[role="alert"]');
  assert.match(text, /^losslab needs WebAssembly, which this browser does not offer or has turned off\./);
  assert.match(text, /本页需要 WebAssembly/);
  assert.doesNotMatch(text, /ReferenceError|undefined/);
  assert.equal(await page.isVisible('main'), false, 'the empty skeleton is hidden');
  assert.equal(await page.isVisible('.masthead-tools'), false, 'no empty buttons');
  assert.equal(await page.textContent('.brand'), 'losslab');
  assert.deepEqual(errors, [], 'no raw error thrown');
  await context.close();
});
