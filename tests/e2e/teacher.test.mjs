// Teacher links: a teacher locks and hides controls in the page's dialog and gets a link; on the
// class's page the locked values hold against the controls (even re-enabled by hand), the
// keyboard, the URL's other parameters, the page's own buttons and the lesson's links.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, setValue } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const get = (page, key) => page.evaluate((k) => window.losslab.get(k), key);

test('a teacher locks and hides controls in the dialog and the link holds them, step after step', async () => {
  const { page, errors } = await openPage(browser, '?lesson=descent&step=1&d-lr=0.0007');
  await page.click('#teacher-open');
  assert.equal(await page.isVisible('#teacher-dialog'), true);
  await page.selectOption('#teacher-controls select[data-key="d-lr"]', 'lock');
  await page.selectOption('#teacher-controls select[data-key="seed"]', 'hide');
  const link = await page.inputValue('#teacher-link');
  const query = new URL(link).search;
  assert.match(query, /lesson=descent/);
  assert.match(query, /d-lr=0\.0007/);
  assert.match(query, /lock=d-lr/);
  assert.match(query, /hide=seed/);
  assert.match(await page.getAttribute('#teacher-sheet', 'href'), /www\/questions\.html\?lang=en&lesson=descent$/);
  assert.match(await page.getAttribute('#teacher-key', 'href'), /answers=1$/);
  await screenshot(page, 'teacher-dialog');
  await page.context().close();

  // The class's page.
  const cls = await openPage(browser, query);
  const p = cls.page;
  assert.equal(await get(p, 'd-lr'), '0.0007');
  assert.equal(await p.isDisabled('#in-d-lr'), true);
  assert.equal(await p.evaluate(() => document.getElementById('in-d-lr').closest('.field').classList.contains('locked')), true);
  assert.equal(await p.isVisible('#in-seed'), false, 'hidden');
  assert.equal(await p.isDisabled('#descent [data-preset="2"]'), true);
  assert.equal(await p.isVisible('#teacher-open'), false, 'the class is not offered a link maker');
  // A control re-enabled by hand, typed into: the value holds and the page says why.
  await p.$eval('#in-d-lr', (el) => {
    el.disabled = false;
  });
  await setValue(p, '#in-d-lr', '0.5');
  assert.equal(await get(p, 'd-lr'), '0.0007');
  assert.equal(await p.inputValue('#in-d-lr'), '0.0007');
  assert.match(await p.textContent('#msg-d-lr'), /locks this control/);
  // Its slider, re-enabled and moved with the keyboard.
  await p.$eval('[data-range-for="d-lr"]', (el) => {
    el.disabled = false;
    el.removeAttribute('tabindex');
  });
  await p.focus('[data-range-for="d-lr"]');
  for (let i = 0; i < 5; i++) await p.keyboard.press('ArrowRight');
  assert.equal(await get(p, 'd-lr'), '0.0007');
  // A preset button, re-enabled and clicked; the seed's hidden box, forced.
  await p.$eval('#descent [data-preset="3"]', (el) => {
    el.disabled = false;
    el.click();
  });
  assert.equal(await get(p, 'd-lr'), '0.0007');
  assert.equal(await p.evaluate(() => window.losslab.set('seed', '42').value), '1');
  // The presenter's keys play, pause and reset; none changes a locked value. In a lesson, → is
  // the next step, which carries the lock and the locked value over its own scene.
  await p.click('#present-toggle');
  for (const key of [' ', 'r', ' ', 'r']) await p.keyboard.press(key);
  assert.equal(await get(p, 'd-lr'), '0.0007');
  await p.keyboard.press('ArrowRight');
  await p.waitForFunction(() => /step 2 of/.test(document.getElementById('lesson-step').textContent));
  await p.keyboard.press('Escape');
  assert.equal(await get(p, 'd-lr'), '0.0007');
  assert.equal(await p.isDisabled('#in-d-lr'), true);
  assert.match(p.url(), /lock=d-lr/);
  await screenshot(p, 'teacher-class-page');
  assert.deepEqual(cls.errors, []);
  assert.deepEqual(errors, []);
  await p.context().close();
});

test('a URL parameter after a lock, a hostile lock list and an attempt to lift a lock are all refused', async () => {
  const { page, errors } = await openPage(browser, '?lr=0.5&lock=lr&lr=3&batch=20');
  assert.equal(await get(page, 'lr'), '0.5');
  assert.equal(await get(page, 'batch'), '20');
  assert.match(await page.textContent('#url-messages'), /lr: .*locks this control/);
  // Lifting it from the console is refused too: locks only grow.
  assert.equal(await page.evaluate(() => window.losslab.set('lock', '').value), 'lr');
  assert.equal(await page.isDisabled('#in-lr'), true);
  const bad = await openPage(browser, '?lock=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&hide=panel');
  assert.equal(await bad.page.isDisabled('#in-lr'), false);
  const messages = await bad.page.textContent('#url-messages');
  assert.match(messages, /<img src=x/);
  assert.match(messages, /hide: /);
  assert.equal(await bad.page.$$eval('#url-messages img', (i) => i.length), 0);
  // A lock on a value the next scene would set (T = 6 is step 3's solution): Show me keeps it.
  const shown = await openPage(browser, '?lesson=softmax&step=3&lock=temperature');
  assert.equal(await get(shown.page, 'temperature'), '1');
  await shown.page.click('#lesson-show');
  await shown.page.waitForURL(/lock=temperature/);
  assert.equal(await get(shown.page, 'temperature'), '1');
  assert.equal(await shown.page.inputValue('#in-temperature'), '1');
  assert.deepEqual(shown.errors, []);
  await shown.page.context().close();
  assert.deepEqual(errors, []);
  assert.deepEqual(bad.errors, []);
  await bad.page.context().close();
  await page.context().close();
});
