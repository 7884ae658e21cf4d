// Section 4 · Penalties: the article's example (w1, w2 and x, every entry a control) with which
// vector each penalty prefers, the plane of two weights' numbers, and no penalty, L1 and L2 trained
// side by side.

import { show } from './math.js';
import { runs } from './runs.js';

/** The Penalties section of the page `ctx`. */
export function penalties(ctx) {
  const { app, $ } = ctx;

  function renderExample() {
    const e = app.penalty_example();
    $('example-rows').replaceChildren(
      ...['w1', 'w2'].map((name, i) => {
        const row = document.createElement('tr');
        const head = document.createElement('th');
        head.scope = 'row';
        head.textContent = name;
        row.append(head);
        for (const v of [e.dot[i], e.l1[i], e.l2[i]]) {
          const td = document.createElement('td');
          td.className = 'value';
          td.textContent = show(v);
          row.append(td);
        }
        return row;
      }),
    );
    /** The sentence for the vector a penalty prefers (Rust's verdict), with its two values. */
    const verdict = (values, prefers, key) => ctx.fill(key, { w: prefers, a: show(values[0]), b: show(values[1]) });
    const lines = [
      e.sameOutput ? ctx.fill('example.same-output', { v: show(e.dot[0]) }) : ctx.t('example.other-output'),
      verdict(e.l1, e.l1Prefers, e.l1Verdict),
      verdict(e.l2, e.l2Prefers, e.l2Verdict),
    ];
    $('verdicts').replaceChildren(
      ...lines.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
  }

  function renderPlane() {
    const p = app.plane();
    const pair = (w) => `(${show(w[0], 3)}, ${show(w[1], 3)})`;
    const rows = [
      ['plane.star', pair(p.star)],
      ['plane.w', pair(p.w)],
      ['plane.objective', `${show(p.dataLoss)} + ${show(p.penalty)} = ${show(p.dataLoss + p.penalty)}`],
    ];
    $('plane-readout').replaceChildren(
      ...rows.flatMap(([key, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = ctx.t(key);
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    let zero;
    if (p.firstZero === null) zero = ctx.t('plane.never-zero');
    else {
      zero = ctx.fill('plane.zero-from', { w: p.firstZero.weight === 1 ? 'w₁' : 'w₂', lambda: show(p.firstZero.lambda, 3) });
      if (p.allZero !== null) zero += ` ${ctx.fill('plane.all-zero', { lambda: show(p.allZero, 3) })}`;
    }
    $('plane-zero').textContent = zero;
    ctx.describe('plane-overlay', `${ctx.fill('summary.plane', { w: pair(p.w), star: pair(p.star) })} ${zero}`, true);
  }

  // No penalty, L1 and L2 trained side by side, each with a bar per weight.
  const penaltyRuns = runs(ctx, 'penalties', $('penalty-runs'), {
    bars: true,
    title: (key) => (key === 'none' ? ctx.t('penalty-runs.none') : ctx.t(`choice.penalty.${key}`)) || key,
    caption: (s) =>
      ctx.fill('penalty-runs.stats', {
        n: String(s.iteration),
        zeros: `${s.zeroWeights} / ${s.weights}`,
        l1: show(s.l1Norm, 2),
        l2: show(s.l2Norm, 2),
        train: show(s.trainLoss),
        penalty: show(s.penalty),
        test: show(s.testLoss),
      }),
    play: $('penalty-runs-play'),
    playKey: 'penalty-runs.play',
    restart: $('penalty-runs-restart'),
    playText: $('penalty-runs-play-text'),
  });
  $('penalty-runs-overfit').addEventListener('click', () => ctx.controls.rendered(app.overfit()));

  /** The vectors' boxes named in the page's language. */
  function translate() {
    for (const input of document.querySelectorAll('[data-vector]')) {
      input.setAttribute('aria-label', ctx.fill('example.entry', { v: input.dataset.vector, n: input.dataset.entry }));
    }
  }

  return {
    render() {
      renderExample();
      renderPlane();
      penaltyRuns.render();
    },
    translate,
    attach() {
      penaltyRuns.attach();
      app.attach_plane($('plane-heat'), $('plane-overlay'));
    },
    /** Plays or pauses the side-by-side runs (the host API, moving to another scene). */
    run: penaltyRuns.setPlaying,
    keys: { play: 'penalty-runs-play', reset: 'penalty-runs-restart' },
  };
}
