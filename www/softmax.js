// Section 2 · Softmax: the article's three steps written out in MathML with the current numbers,
// and a button that plays them in order.

import { log, m, num, show } from './math.js';

/** The Softmax section of the page `ctx`. */
export function softmax(ctx) {
  const { app, $ } = ctx;

  function render() {
    const s = app.softmax();
    const name = (j) => m('mtext', ctx.t(`class.${j}`) || String(j));
    const p = (j) => m('msub', m('mi', 'p'), name(j));
    $('formula-exp').replaceChildren(
      ...[0, 1, 2].map((j) => m('math', m('msup', m('mi', 'e'), num(s.scaled[j])), m('mo', '='), num(s.exps[j]))),
    );
    $('formula-p').replaceChildren(
      ...[0, 1, 2].map((j) => m('math', p(j), m('mo', '='), m('mfrac', num(s.exps[j]), num(s.sum)), m('mo', '='), num(s.probabilities[j]))),
      m('math', m('mo', 'Σ'), m('mi', 'p'), m('mo', '='), num(s.probabilities.reduce((a, b) => a + b, 0))),
    );
    const y = s.label;
    ctx.describe(
      'softmax-chart',
      ctx.fill('summary.softmax', { p0: show(s.probabilities[0]), p1: show(s.probabilities[1]), p2: show(s.probabilities[2]), class: ctx.t(`class.${y}`), loss: show(s.loss) }),
      true,
    );
    $('formula-loss').replaceChildren(
      m('math', m('mi', 'L'), m('mo', '='), m('mo', '−'), ...log(), p(y), m('mo', '='), m('mo', '−'), ...log(), num(s.probabilities[y]), m('mo', '='), num(s.loss)),
    );
  }

  // Playing the three steps in order: each step's bars grow while its line is highlighted.
  const STEP_MS = 1100;
  let stepsStart = -1;
  function playSteps(now) {
    if (stepsStart < 0) stepsStart = now;
    let reveal = Math.min(3, (now - stepsStart) / STEP_MS);
    // Without motion each step appears whole, one after the other.
    if (ctx.reducedMotion() && reveal < 3) reveal = Math.floor(reveal) + 1;
    app.reveal_softmax(reveal);
    const items = $('softmax-steps').children;
    for (let i = 0; i < items.length; i += 1) items[i].classList.toggle('current', reveal < 3 && Math.floor(reveal) === i);
    if (reveal < 3) requestAnimationFrame(playSteps);
    else {
      stepsStart = -1;
      $('softmax-play').disabled = false;
    }
  }
  $('softmax-play').addEventListener('click', () => {
    $('softmax-play').disabled = true;
    app.reveal_softmax(0);
    requestAnimationFrame(playSteps);
  });

  return { render, keys: { play: 'softmax-play' } };
}
