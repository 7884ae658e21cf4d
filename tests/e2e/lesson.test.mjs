// Lessons: a student works a step with the page's own controls and the page, checking the goal in
// Rust, says when it is reached; predictions are recorded, survive a reload and are compared with
// what happened; hints come one at a time; "show me" and the step links set up their scenes.

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

const reached = (page) => page.evaluate(() => document.getElementById('lesson').dataset.reached);

test('a student brings the loss below 0.1 with the score boxes and the page says the goal is reached', async () => {
  const { page, errors } = await openPage(browser, '?lesson=softmax&step=1');
  assert.equal(await page.isVisible('#lesson'), true);
  assert.match(await page.textContent('#lesson-step'), /step 1 of 3/);
  assert.match(await page.textContent('#lesson-task'), /below 0\.1/);
  assert.equal(await page.textContent('#lesson-status'), 'Goal not reached yet.');
  assert.equal(await reached(page), 'false');
  // Not enough: p(cat) = 0.900 at 7.3, so L = 0.105.
  await setValue(page, '#in-score-cat', '7.3');
  await page.waitForTimeout(600);
  assert.equal(await reached(page), 'false');
  await setValue(page, '#in-score-cat', '7.5');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  assert.match(await page.textContent('#lesson-status'), /Goal reached\. Done: the network is now sure/);
  // The loss the Softmax section shows: −log(e^7.5 / (e^7.5 + e^5.1 + e^−1.7)) = 0.0868 < 0.1.
  const formula = await page.textContent('#formula-loss');
  const expected = -Math.log(Math.exp(7.5) / (Math.exp(7.5) + Math.exp(5.1) + Math.exp(-1.7)));
  assert.ok(formula.replace(/\s/g, '').endsWith(`=${expected.toPrecision(4)}`), `${formula} vs ${expected}`);
  await screenshot(page, 'lesson-softmax-reached');
  // Changing the true class to reach a low loss does not count.
  await page.selectOption('#in-label', 'dog');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'false');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a prediction is asked first, kept across a reload and compared with what happened', async () => {
  const { page, errors } = await openPage(browser, '?lesson=penalties&step=1');
  assert.equal(await page.isVisible('#lesson-question'), true);
  assert.equal(await page.isVisible('#lesson-task'), false, 'the task waits for the prediction');
  const options = await page.$$eval('#lesson-options label', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(options, ['w1', 'w2', 'Neither: they tie']);
  await page.check('#lesson-options input[value="0"]');
  await page.waitForFunction(() => document.getElementById('lesson-status').textContent.includes('did not hold'));
  assert.equal(await page.isVisible('#lesson-task'), true);
  assert.equal(await reached(page), 'false');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.isChecked('#lesson-options input[value="0"]'), true, 'the answer survived the reload');
  await page.check('#lesson-options input[value="1"]');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  assert.match(await page.textContent('#lesson-status'), /^Your prediction held\. ✓ Goal reached\./);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('hints come one at a time, and show me sets up a solution that reaches the goal', async () => {
  const { page, errors } = await openPage(browser, '?lesson=softmax&step=3');
  assert.equal(await page.$$eval('#lesson-hints li', (l) => l.length), 0);
  for (let n = 1; n <= 3; n += 1) {
    await page.click('#lesson-hint');
    assert.equal(await page.$$eval('#lesson-hints li', (l) => l.length), n);
  }
  assert.match(await page.textContent('#lesson-hints li:last-child'), /T ≥ 5\.9/);
  assert.equal(await page.isVisible('#lesson-hint'), false, 'no fourth hint');
  assert.equal(await reached(page), 'false');
  await Promise.all([page.waitForURL(/temperature=6/), page.click('#lesson-show')]);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  assert.equal(await page.inputValue('#in-temperature'), '6');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the step links set up each step\'s scene, in English and in Chinese', async () => {
  const { page, errors } = await openPage(browser, '?lesson=softmax&step=1&score-cat=9');
  await Promise.all([page.waitForURL(/step=2/), page.click('#lesson-next')]);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.match(await page.textContent('#lesson-step'), /step 2 of 3/);
  assert.equal(await page.inputValue('#in-score-cat'), '3.2', 'the scene, not what was there before');
  await page.click('#lang-switch');
  assert.match(await page.textContent('#lesson-step'), /第 2 步，共 3 步/);
  const links = await page.$$eval('#lesson-links a', (as) => as.map((a) => [a.textContent, a.getAttribute('aria-current')]));
  assert.equal(links.length, 5);
  assert.deepEqual(links[0], ['1 · Softmax 与交叉熵损失函数', 'step']);
  await screenshot(page, 'lesson-softmax-step2-zh');
  // The lesson and the step are settings like any other: refused with a message, never inserted.
  const bad = await openPage(browser, '?lesson=%3Cb%3Ebogus%3C%2Fb%3E&step=99');
  assert.equal(await bad.page.isVisible('#lesson'), false);
  const messages = await bad.page.textContent('#url-messages');
  assert.match(messages, /bogus/);
  assert.equal(await bad.page.$$eval('#url-messages b', (b) => b.length), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(bad.errors, []);
  await bad.page.context().close();
  await page.context().close();
});

test('one step of lessons 2, 4 and 5, done with the controls as a student would', async () => {
  // 2 · The 0-1 loss: play, see nothing move, answer why.
  const { page, errors } = await openPage(browser, '?lesson=losses&step=2');
  await page.check('#lesson-options input[value="1"]');
  const before = await page.evaluate(() => window.losslab.stats().trainLoss);
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration >= 60, null, { timeout: 10000 });
  await page.click('#play');
  assert.equal(await page.evaluate(() => window.losslab.stats().trainLoss), before, 'nothing moved');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  // 4 · Gradient descent: the third preset makes the loss bounce on its way down.
  await page.goto(page.url().replace(/\?.*/, '?lesson=descent&step=1'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.click('#descent [data-preset="2"]');
  const start = await page.evaluate(() => window.losslab.descent_balls()[0].loss);
  await page.click('#descent-play');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true', null, { timeout: 15000 });
  const ball = await page.evaluate(() => window.losslab.descent_balls()[0]);
  assert.ok(ball.loss < start && ball.iterations > 10 && !ball.divergence, `${start} → ${JSON.stringify(ball)}`);
  // 5 · Two minima: a click left of the saddle and one right of it, then play.
  await page.goto(page.url().replace(/\?.*/, '?lesson=minima&step=1'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.click('#descent-clear');
  const box = await page.locator('#descent-overlay').boundingBox();
  await page.mouse.click(box.x + 0.3 * box.width, box.y + 0.3 * box.height);
  await page.mouse.click(box.x + 0.7 * box.width, box.y + 0.3 * box.height);
  assert.equal(await page.evaluate(() => window.losslab.descent_balls().length), 2);
  await page.click('#descent-play');
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true', null, { timeout: 20000 });
  const ends = await page.evaluate(() => window.losslab.descent_balls().map((b) => b.w[0]));
  assert.ok(ends[0] < 0 && ends[1] > 0, `the balls ended at w₁ = ${ends}`);
  await screenshot(page, 'lesson-minima-reached');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a whole lesson, softmax and cross-entropy, done start to end with the page\'s controls', async () => {
  const { page, errors } = await openPage(browser, '?lesson=softmax&step=1');
  const reachedNow = () => page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  const next = async (n) => {
    await Promise.all([page.waitForURL(new RegExp(`step=${n}`)), page.click('#lesson-next')]);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.match(await page.textContent('#lesson-step'), new RegExp(`step ${n} of 3`));
  };
  // 1: raise the cat's score.
  await setValue(page, '#in-score-cat', '7.5');
  await reachedNow();
  // 2: predict, then shift every score by 5.
  await next(2);
  const before = await page.evaluate(() => Array.from(window.losslab.softmax().probabilities));
  await page.check('#lesson-options input[value="1"]');
  await setValue(page, '#in-score-cat', '8.2');
  await setValue(page, '#in-score-dog', '10.1');
  assert.equal(await reached(page), 'false', 'two of three scores shifted is no shift');
  await setValue(page, '#in-score-sheep', '3.3');
  await reachedNow();
  assert.match(await page.textContent('#lesson-status'), /^Your prediction held\./);
  // The probabilities did not move: new exponentials over a new sum, the same fractions.
  const after = await page.evaluate(() => Array.from(window.losslab.softmax().probabilities));
  after.forEach((p, i) => assert.ok(Math.abs(p - before[i]) < 1e-12, `${before} → ${after}`));
  // 3: only the temperature.
  await next(3);
  await setValue(page, '#in-temperature', '5.5');
  await page.waitForTimeout(600);
  assert.equal(await reached(page), 'false', 'still 5.3 % apart');
  await setValue(page, '#in-temperature', '6');
  await reachedNow();
  assert.equal(await page.isVisible('#lesson-next'), false, 'the last step');
  const done = await page.evaluate(() => JSON.parse(localStorage.getItem('losslab:lessons')).done);
  assert.deepEqual(Object.keys(done).sort(), ['softmax-low-loss', 'softmax-shift', 'softmax-temperature']);
  // The Lessons menu counts them.
  assert.equal(await page.textContent('#lesson-links li:first-child .lesson-done'), ' 3/3 ✓');
  assert.equal(await page.textContent('#lesson-links li:nth-child(2) .lesson-done'), '');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an embedded lesson shows its panel and the sections its steps work in, nothing else', async () => {
  const { page, errors } = await openPage(browser, '?lesson=penalties&step=3&embed=1');
  const visible = await page.evaluate(() =>
    ['train', 'softmax', 'losses', 'penalties', 'descent'].filter((id) => !document.getElementById(id).hidden),
  );
  // Lesson 3's steps work in Penalties, and its last in Train too.
  assert.deepEqual(visible, ['train', 'penalties']);
  assert.equal(await page.isVisible('#lesson'), true);
  assert.equal(await page.isVisible('.masthead'), false);
  assert.match(await page.textContent('#lesson-task'), /at least 3 weights exactly 0/);
  const descent = await openPage(browser, '?lesson=minima&step=2&embed=1');
  const shown = await descent.page.evaluate(() =>
    ['train', 'softmax', 'losses', 'penalties', 'descent'].filter((id) => !document.getElementById(id).hidden),
  );
  assert.deepEqual(shown, ['descent']);
  assert.deepEqual(errors, []);
  assert.deepEqual(descent.errors, []);
  await descent.page.context().close();
  await page.context().close();
});

test('lesson 3, L1 or L2: with L1 chosen in the boxes and trained, three weights reach exactly 0 at 90 % test accuracy', async () => {
  const { page, errors } = await openPage(browser, '?lesson=penalties&step=3');
  assert.equal(await reached(page), 'false');
  await page.selectOption('#in-penalty', 'l1');
  await setValue(page, '#in-lambda', '0.01');
  await page.click('#play');
  // The numbers at the very moment Rust says the goal is reached (L1 keeps moving weights on and
  // off 0 while it plays).
  await page.waitForFunction(
    () => {
      const reachedNow = window.losslab.lesson_status(-1).reached;
      if (reachedNow) window.atGoal = window.losslab.stats();
      return reachedNow;
    },
    null,
    { timeout: 30000 },
  );
  await page.waitForFunction(() => document.getElementById('lesson').dataset.reached === 'true');
  await page.click('#play');
  const s = await page.evaluate(() => window.atGoal);
  assert.ok(s.zeroWeights >= 3 && s.testAccuracy >= 0.9, JSON.stringify(s));
  // Paused, the page shows the count of zeros the goal counts, and says reached exactly when it is.
  const now = await page.evaluate(() => [window.losslab.stats(), window.losslab.lesson_status(-1).reached]);
  assert.equal(await page.textContent('#stat-zeros'), `${now[0].zeroWeights} / ${now[0].weights}`);
  assert.equal(now[1], now[0].zeroWeights >= 3 && now[0].testAccuracy >= 0.9);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('in presenter mode → and ← move between a lesson\'s steps in place, and the keyboard focus goes to the step', async () => {
  const { page, errors } = await openPage(browser, '?lesson=softmax&step=1&present=1');
  await page.evaluate(() => {
    window.sameDocument = true;
  });
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/step=2/);
  assert.match(await page.textContent('#lesson-step'), /step 2 of 3/);
  // The same document (full screen would survive), still presenting, focus on the new step.
  assert.equal(await page.evaluate(() => window.sameDocument), true);
  assert.equal(await page.evaluate(() => document.body.classList.contains('present')), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson');
  // The step's own scene: all three scores as step 2 sets them, shown in the boxes.
  assert.equal(await page.inputValue('#in-score-cat'), await page.evaluate(() => window.losslab.get('score-cat')));
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/step=1|^[^?]*\?(?!.*step=)/);
  assert.match(await page.textContent('#lesson-step'), /step 1 of 3/);
  // The back button returns to step 2.
  await page.goBack();
  await page.waitForFunction(() => /step 2 of 3/.test(document.getElementById('lesson-step').textContent));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the printable questions list each step, and the answer key marks the answer the page measures', async () => {
  const { page, errors } = await openPage(browser, 'www/questions.html?lesson=penalties&lang=zh');
  assert.equal(await page.$$eval('h2', (h) => h.length), 1);
  assert.equal(await page.$$eval('.steps > li', (li) => li.length), 3);
  assert.equal(await page.$$eval('.options li.right', (li) => li.length), 0, 'no answers on the students\' sheet');
  assert.match(await page.textContent('h1'), /问题/);
  await page.goto(page.url().replace('lang=zh', 'lang=en&answers=1'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  // Both questions of lesson 3 answered: L2 prefers w2 (½·4·(¼)² = 0.125 < ½), and L1 makes the
  // most zeros (measured by playing the runs).
  const right = await page.$$eval('.options li.right', (li) => li.map((l) => l.textContent));
  assert.equal(right.length, 2);
  assert.match(right[0], /w2/);
  assert.equal(right[1], 'L1');
  // A hostile lesson is refused with a message (as text) and every lesson is listed.
  await page.goto(page.url().replace(/\?.*/, '?lesson=%3Cimg%20src%3Dx%3E'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.$$eval('h2', (h) => h.length), 5);
  assert.match(await page.textContent('#messages'), /<img src=x>/);
  assert.equal(await page.$$eval('img', (i) => i.length), 0);
  await page.screenshot({ path: new URL('./artifacts/questions-key.png', import.meta.url).pathname, fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});
