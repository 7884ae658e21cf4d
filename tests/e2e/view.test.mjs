// Classroom and blog: the URL is the scene, one section embedded in another page, presenter mode
// with keys, and each language free of the other's UI strings.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, screenshot } from './harness.mjs';
import { decodePng } from './decode.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const visibleSections = (page) =>
  page.$$eval('main > section', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.id));

test("the example blog page's iframes show their sections, each sized to its content", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${BASE_URL}www/blog.html`);
  const frames = ['#embed-lesson', '#embed-descent'];
  for (const id of frames) {
    const frame = await (await page.$(id)).contentFrame();
    await frame.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20000 });
  }
  // Each iframe's height follows what its page reported: its whole content, no scroll bar.
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const f = document.querySelector(id);
        const content = f.contentDocument.body.getBoundingClientRect().height;
        return Math.abs(Number(f.height) - content) <= 2 && content > 300;
      }),
    frames,
    { timeout: 10000 },
  );
  const softmax = await (await page.$('#embed-lesson')).contentFrame();
  assert.deepEqual(await visibleSections(softmax), ['softmax']);
  assert.equal(await softmax.evaluate(() => getComputedStyle(document.querySelector('.masthead')).display), 'none');
  assert.equal(await softmax.evaluate(() => document.documentElement.lang), 'zh-CN');
  const descent = await (await page.$('#embed-descent')).contentFrame();
  assert.deepEqual(await visibleSections(descent), ['descent']);
  assert.equal(await descent.evaluate(() => window.losslab.get('surface')), 'valley');
  const heights = await page.$$eval('iframe', (els) => els.map((f) => Number(f.height)));
  assert.ok(heights[1] > heights[0], `descent is the taller section: ${heights}`);
  await page.screenshot({ path: new URL('./artifacts/blog.png', import.meta.url).pathname, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('Embed gives a snippet of the current scene that opens the section alone', async () => {
  const { page, errors } = await openPage(browser, '?plane-penalty=l2&plane-lambda=0.7');
  await page.click('[data-embed="penalties"]');
  const code = await page.inputValue('#embed-code');
  assert.match(code, /^<iframe src="[^"]*panel=penalties&amp;embed=1|^<iframe src="[^"]*panel=penalties&embed=1/);
  assert.match(code, /plane-lambda=0\.7/);
  assert.match(code, /postMessage|addEventListener\('message'/);
  await page.click('#embed-close');
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const { page: embedded } = await openPage(browser, `?${new URL(src).search.slice(1)}`);
  assert.deepEqual(await visibleSections(embedded), ['penalties']);
  assert.equal(await embedded.evaluate(() => window.losslab.get('plane-lambda')), '0.7');
  assert.equal(await embedded.isVisible('#embed-open'), true);
  assert.deepEqual(errors, []);
  await embedded.context().close();
  await page.context().close();
});

test('presenter mode: large type, a legend of keys, and the keys drive play, step, reset and language', async () => {
  const { page, errors } = await openPage(browser, '?present=1');
  assert.equal(await page.evaluate(() => document.body.classList.contains('present')), true);
  assert.equal(await page.isVisible('#keys-legend'), true);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(size >= 19, `type size ${size}px`);
  const iteration = () => page.evaluate(() => window.losslab.stats().iteration);
  await page.keyboard.press('1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await iteration(), 1);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.losslab.stats().iteration > 30, null, { timeout: 5000 });
  await page.keyboard.press(' ');
  const paused = await iteration();
  await page.waitForTimeout(200);
  assert.equal(await iteration(), paused, 'space paused it');
  await page.keyboard.press('r');
  assert.equal(await iteration(), 0);
  // Keys typed into a field are text, not commands.
  await page.click('#in-seed');
  await page.keyboard.press('r');
  assert.equal(await page.evaluate(() => window.losslab.lang()), 'en');
  await page.click('h1');
  await page.keyboard.press('l');
  assert.equal(await page.evaluate(() => window.losslab.lang()), 'zh');
  assert.match(await page.textContent('#keys-legend'), /空格/);
  await page.keyboard.press('5');
  await page.waitForFunction(() => document.getElementById('descent').getBoundingClientRect().top < innerHeight / 3, null, { timeout: 5000 });
  await page.keyboard.press('ArrowRight');
  assert.equal((await page.evaluate(() => window.losslab.descent_balls()))[0].iterations, 1);
  await screenshot(page, 'presenter');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.body.classList.contains('present')), false);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('in presenter mode the arrows scroll a formula box that has the focus and is wider than it shows; otherwise they step', async () => {
  // At 360 px the softmax loss's formula is wider than its box.
  const narrow = await openPage(browser, '?present=1&lang=en', { width: 360, height: 740 });
  await narrow.page.focus('#formula-loss');
  const box = () => narrow.page.evaluate(() => {
    const b = document.getElementById('formula-loss');
    return { overflow: b.scrollWidth - b.clientWidth, left: b.scrollLeft, focused: document.activeElement === b };
  });
  const before = await box();
  assert.ok(before.overflow > 20 && before.focused && before.left === 0, JSON.stringify(before));
  await narrow.page.keyboard.press('ArrowRight');
  await narrow.page.keyboard.press('ArrowRight');
  await narrow.page.waitForTimeout(300);
  const after = await box();
  assert.ok(after.left > 0, `→ scrolled the formula: ${JSON.stringify(after)}`);
  await narrow.page.keyboard.press('ArrowLeft');
  await narrow.page.keyboard.press('ArrowLeft');
  await narrow.page.waitForTimeout(300);
  assert.ok((await box()).left < after.left, '← scrolled it back');
  assert.deepEqual(narrow.errors, []);
  await narrow.page.context().close();
  // Wide, the descent's update fits its box: with the focus on it, → still steps the balls.
  const { page, errors } = await openPage(browser, '?present=1&lang=en');
  await page.keyboard.press('5');
  await page.waitForFunction(() => document.getElementById('descent').getBoundingClientRect().top < innerHeight / 3, null, { timeout: 5000 });
  await page.focus('#descent-update');
  const fits = await page.evaluate(() => {
    const b = document.getElementById('descent-update');
    return b.scrollWidth <= b.clientWidth && document.activeElement === b;
  });
  assert.equal(fits, true);
  await page.keyboard.press('ArrowRight');
  assert.equal((await page.evaluate(() => window.losslab.descent_balls()))[0].iterations, 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the URL restores every section: same first weights, same examples, same surface', async () => {
  const query = 'seed=42&data=circles&hidden=6&score-dog=-3&label=sheep&w2-1=2&plane-penalty=elastic-net&runs-lambda=0.05&surface=bowl&d-lr=0.3';
  const { page, errors } = await openPage(browser, `?${query}`);
  await page.click('#step');
  // A second ball, dropped by a click, travels in the URL too.
  const overlay = page.locator('#descent-overlay');
  await overlay.scrollIntoViewIfNeeded();
  const box = await page.locator('#descent-heat').boundingBox();
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.3);
  await page.click('#descent-step');
  await page.waitForTimeout(400);
  const search = await page.evaluate(() => location.search);
  for (const part of query.split('&')) assert.ok(search.includes(part), `${part} kept in ${search}`);
  const scene = (p) =>
    p.evaluate(() => ({
      query: window.losslab.query(),
      first: window.losslab.runs_stats('penalties').map((s) => s.trainLoss),
      softmax: window.losslab.softmax().loss,
      example: window.losslab.penalty_example().l2,
      plane: window.losslab.plane().w,
      balls: window.losslab.descent_balls().map((b) => b.start),
    }));
  const before = await scene(page);
  assert.equal(before.balls.length, 2);
  assert.match(search, /balls=-1\.6,1\.2,gd,[\d.]+,[\d.]+,gd/);
  const { page: again } = await openPage(browser, search);
  const after = await scene(again);
  assert.deepEqual(after, before);
  // And the training starts from the same weights: one step gives the same loss.
  await again.click('#step');
  const loss = (p) => p.evaluate(() => window.losslab.stats().trainLoss);
  assert.equal(await loss(again), await loss(page));
  assert.deepEqual(errors, []);
  await again.context().close();
  await page.context().close();
});

test('the Chinese page shows no English UI text, and the English page no Chinese', async () => {
  const { page, errors } = await openPage(browser, '?lang=en');
  const en = await page.evaluate(() => window.losslab.strings());
  await page.evaluate(() => window.losslab.set_lang('zh'));
  const zh = await page.evaluate(() => window.losslab.strings());
  await page.context().close();

  const { page: chinese } = await openPage(browser, '?lang=zh');
  const shown = await chinese.evaluate(() => document.body.innerText);
  const leaks = Object.entries(en).filter(([key, text]) => text !== zh[key] && text.length > 5 && /[a-z]{4}/.test(text) && shown.includes(text));
  assert.deepEqual(leaks, []);
  // Single English words of the interface do not slip in either.
  for (const word of ['Play', 'Reset', 'Embed', 'iteration', 'loss', 'penalty', 'Train all']) {
    assert.ok(!new RegExp(`\\b${word}\\b`).test(shown), `"${word}" on the Chinese page`);
  }
  await chinese.context().close();

  const { page: english } = await openPage(browser, '?lang=en');
  const text = await english.evaluate(() => {
    const footer = document.querySelector('.footer');
    footer.remove();
    return document.body.innerText;
  });
  const han = text.match(/[\u4e00-\u9fff]+/g) ?? [];
  // The article's own name for a loss function is quoted once, in the Losses section's intro, and
  // the language switch names the other language in its own script.
  assert.deepEqual(han.filter((w) => w !== '损失函数' && w !== '中文'), []);
  assert.deepEqual(errors, []);
  await english.context().close();
});

test('every chart has a text alternative that says what it shows, with the numbers on screen', async () => {
  const { page, errors } = await openPage(browser);
  const summary = (id) => page.evaluate((c) => document.getElementById(document.getElementById(c).getAttribute('aria-describedby'))?.textContent ?? '', id);
  for (let i = 0; i < 3; i += 1) await page.click('#step');
  const s = await page.evaluate(() => window.losslab.stats());
  assert.match(await summary('map-overlay'), new RegExp(`After 3 iterations .*${(100 * s.trainAccuracy).toFixed(1)} %`));
  assert.ok((await summary('loss-chart')).includes(s.trainLoss.toFixed(4)));
  const softmax = await page.evaluate(() => window.losslab.softmax());
  assert.ok((await summary('softmax-chart')).includes(softmax.loss.toFixed(4)));
  assert.match(await summary('loss-curves'), /hinge loss 2\.9000/);
  assert.match(await summary('plane-overlay'), /penalized optimum is at \(/);
  assert.match(await summary('descent-overlay'), /Balls on the two minima and a saddle: 1\. The newest is at \(0\.300, 1\.600\)/);
  // Every control can be reached with the keyboard and has a name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, input:not([tabindex="-1"]), select, textarea')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('your own data: a click adds a point of the chosen class, shift-click removes it, training carries on', async () => {
  const { page, errors } = await openPage(browser);
  const count = async () => (await page.evaluate(() => Array.from(window.losslab.points()))).length / 3;
  const before = await count();
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 20, null, { timeout: 5000 });
  await page.check('input[name="click-mode"][value="2"]');
  const box = await page.locator('#map-heat').boundingBox();
  const extent = 1.15; // the plane shown is [−1.15, 1.15]², as in src/render/decision.rs
  const at = (x, y) => [box.x + ((x + extent) / (2 * extent)) * box.width, box.y + ((extent - y) / (2 * extent)) * box.height];
  const [x, y] = at(0.95, -0.95);
  await page.mouse.click(x, y);
  assert.equal(await count(), before + 1);
  const points = await page.evaluate(() => Array.from(window.losslab.points()));
  // The new point is a sheep (label 2; a test point would read 5) where the click was.
  const i = points.findIndex((v, k) => k % 3 === 0 && Math.abs(v - 0.95) < 0.03 && Math.abs(points[k + 1] + 0.95) < 0.03);
  assert.ok(i >= 0, 'a point where the click was');
  assert.equal(points[i + 2], 2);
  const it = await page.evaluate(() => window.losslab.stats().iteration);
  await page.waitForFunction((n) => window.losslab.stats().iteration > n + 10, it, { timeout: 5000 });
  await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  await page.keyboard.up('Shift');
  assert.equal(await count(), before);
  await page.click('#play');
  assert.ok(Number.isFinite(await page.evaluate(() => window.losslab.stats().trainLoss)));
  // Two more edits: a dog added, a generated point removed. The URL carries every edit, and
  // opening it makes the very same data.
  await page.check('input[name="click-mode"][value="1"]');
  // (Checking the radio scrolls the page: the map is brought into view and measured again.)
  await page.locator('#map-heat').scrollIntoViewIfNeeded();
  Object.assign(box, await page.locator('#map-heat').boundingBox());
  await page.mouse.click(...at(-0.9, 0.9));
  const generated = points.slice(0, 3); // the first generated training point
  await page.keyboard.down('Shift');
  await page.mouse.click(...at(generated[0], generated[1]));
  await page.keyboard.up('Shift');
  assert.equal(await count(), before);
  const edits = await page.evaluate(() => window.losslab.get('edits'));
  assert.match(edits, /^0\.9\d*,-0\.9\d*,2,0\.9\d*,-0\.9\d*,del,-0\.9\d*,0\.9\d*,1,-?[\d.]+,-?[\d.]+,del$/);
  await page.waitForFunction((e) => new URLSearchParams(location.search).get('edits') === e, edits);
  const live = await page.evaluate(() => Array.from(window.losslab.points()));
  const reopened = await openPage(browser, new URL(page.url()).search);
  assert.deepEqual(await reopened.page.evaluate(() => Array.from(window.losslab.points())), live);
  // New data (another seed) starts without the edits.
  await reopened.page.evaluate(() => window.losslab.set('seed', '99'));
  assert.equal(await reopened.page.evaluate(() => window.losslab.get('edits')), '');
  assert.deepEqual(reopened.errors, []);
  await reopened.page.context().close();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('each section downloads as a valid PNG of its charts', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh');
  for (const section of ['train', 'softmax', 'losses', 'penalties', 'descent']) {
    const base64 = await page.evaluate(async (id) => {
      const blob = await window.losslabSectionPng(id);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }, section);
    const png = await decodePng(new Uint8Array(Buffer.from(base64, 'base64')));
    const width = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().width, section);
    assert.equal(png.width, Math.round(width), section);
    assert.ok(png.height > 150, `${section}: ${png.height} px high`);
    // Not a blank page: many pixels are neither white nor one flat colour.
    let coloured = 0;
    for (let i = 0; i < png.pixels.length; i += png.channels) {
      if (png.pixels[i] < 235 || png.pixels[i + 1] < 235 || png.pixels[i + 2] < 235) coloured += 1;
    }
    assert.ok(coloured > 2000, `${section}: ${coloured} coloured pixels`);
    if (section === 'descent') {
      // The overlay is drawn over its raster, as on screen: the first ball's vermillion shows.
      let ball = 0;
      for (let i = 0; i < png.pixels.length; i += png.channels) {
        if (Math.abs(png.pixels[i] - 0xd5) < 12 && Math.abs(png.pixels[i + 1] - 0x5e) < 12 && png.pixels[i + 2] < 20) ball += 1;
      }
      assert.ok(ball > 30, `${ball} pixels of the ball`);
    }
  }
  // The button triggers a download named after the section.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-png="softmax"]')]);
  assert.equal(download.suggestedFilename(), 'losslab-softmax.png');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a jump to a section keeps the scene and its training, and Back and Forward move between scenes', async () => {
  const { page, errors } = await openPage(browser, '?lang=en&lr=0.05');
  for (let i = 0; i < 7; i += 1) await page.click('#step');
  const before = await page.evaluate(() => window.losslab.stats());
  assert.equal(before.iteration, 7);
  // The browser reports a fragment's change as popstate too: the page must not rebuild for it.
  await page.evaluate(() => { location.hash = '#losses'; });
  await page.waitForTimeout(400);
  await page.goBack();
  await page.waitForTimeout(400);
  const after = await page.evaluate(() => window.losslab.stats());
  assert.equal(after.iteration, 7);
  assert.equal(after.trainLoss, before.trainLoss);
  // A new scene (another step size, pushed as a history entry by a lesson link) and back again.
  await page.evaluate(() => { history.pushState(null, '', '?lang=en&lr=0.2'); dispatchEvent(new PopStateEvent('popstate')); });
  await page.waitForFunction(() => window.losslab.get('lr') === '0.2');
  assert.equal(await page.evaluate(() => window.losslab.stats().iteration), 0);
  await page.goBack();
  await page.waitForFunction(() => window.losslab.get('lr') === '0.05');
  assert.deepEqual(errors, []);
  await page.context().close();
});
