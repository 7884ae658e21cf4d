// The page loads, reports no error, says it is ready, and draws something.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './harness.mjs';

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
  await screenshot(page, 'page');
  await page.context().close();
});
