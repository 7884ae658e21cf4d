// Runs the browser benchmark (www/bench.html) in headless Chromium and prints its figures.
// Not a test: `cargo xtask bench` runs it, with LOSSLAB_URL pointing at the served site.
// Named without `.test.` so that `node --test tests/e2e/` leaves it out.

import { BASE_URL, launch } from './harness.mjs';

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE_URL}www/bench.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  console.log(await page.textContent('#results'));
} finally {
  await browser.close();
}
