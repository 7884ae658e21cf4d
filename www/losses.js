// Section 3 · Losses: one row per loss with its one-sample formula, the same formula with the
// Softmax section's numbers put in, its values, and a button to train with it; then the same start
// trained with four losses side by side.

import { fence, log, m, num, operand, percent, show } from './math.js';
import { runs } from './runs.js';

const sub = (base, index) => m('msub', m('mi', base), m('mi', index));
/** Each loss's one-sample formula. */
const FORMULAS = {
  'cross-entropy': () => m('math', m('mo', '−'), ...log(), sub('p', 'y')),
  squared: () => m('math', m('munder', m('mo', '∑'), m('mi', 'j')), m('msup', m('mrow', fence('('), sub('p', 'j'), m('mo', '−'), sub('y', 'j'), fence(')')), m('mn', '2'))),
  'zero-one': () => m('math', m('mn', '1'), m('mrow', fence('['), m('munder', m('mi', 'argmax'), m('mi', 'j')), sub('s', 'j'), m('mo', '≠'), m('mi', 'y'), fence(']'))),
  absolute: () => m('math', m('munder', m('mo', '∑'), m('mi', 'j')), fence('|'), sub('p', 'j'), m('mo', '−'), sub('y', 'j'), fence('|')),
  hinge: () => m('math', m('munder', m('mo', '∑'), m('mrow', m('mi', 'j'), m('mo', '≠'), m('mi', 'y'))), m('mi', 'max'), fence('('), m('mn', '0'), m('mo', ','), sub('s', 'j'), m('mo', '−'), sub('s', 'y'), m('mo', '+'), m('mn', '1'), fence(')')),
};
const minus = (a, b) => [num(a), m('mo', '−'), b];
const onehot = (s, j) => m('mn', j === s.label ? '1' : '0');
/** Terms joined with plus signs. */
const joined = (terms) => terms.flatMap((t, i) => (i === 0 ? [t] : [m('mo', '+'), t]));

/** The Losses section of the page `ctx`. */
export function losses(ctx) {
  const { app, $ } = ctx;
  // The same formulas with section 2's numbers put in (scores already divided by T), ending in the
  // value the engine computed, so a student can redo every sum by hand.
  const className = (j) => m('mtext', ctx.t(`class.${j}`) || String(j));
  const SUBSTITUTED = {
    'cross-entropy': (s) => [m('mo', '−'), ...log(), num(s.probabilities[s.label])],
    squared: (s) => joined(s.probabilities.map((pj, j) => m('msup', m('mrow', fence('('), ...minus(pj, onehot(s, j)), fence(')')), m('mn', '2')))),
    'zero-one': (s) => [m('mn', '1'), m('mrow', fence('['), className(s.predicted), m('mo', '≠'), className(s.label), fence(']'))],
    absolute: (s) => joined(s.probabilities.map((pj, j) => m('mrow', fence('|'), ...minus(pj, onehot(s, j)), fence('|')))),
    hinge: (s) => joined(
      [0, 1, 2].filter((j) => j !== s.label).map((j) => m('mrow', m('mi', 'max'), fence('('), m('mn', '0'), m('mo', ','), ...minus(s.scaled[j], operand(s.scaled[s.label])), m('mo', '+'), m('mn', '1'), fence(')'))),
    ),
  };
  const lossName = (key) => ctx.t(`choice.loss.${key}`) || key;

  function renderTable() {
    const numbers = app.softmax();
    const all = app.losses();
    ctx.describe('loss-curves', ctx.fill('summary.curves', Object.fromEntries(all.map((l, i) => [`v${i}`, show(l.example)]))), true);
    $('loss-rows').replaceChildren(
      ...all.map(({ key, example, training, inUse }) => {
        const row = document.createElement('tr');
        row.className = inUse ? 'active' : '';
        row.dataset.loss = key;
        const cell = (...children) => {
          const td = document.createElement('td');
          td.append(...children);
          return td;
        };
        const exampleCell = cell(show(example));
        exampleCell.className = 'value';
        const substituted = document.createElement('div');
        substituted.className = 'substituted';
        substituted.append(m('math', m('mo', '='), ...SUBSTITUTED[key](numbers), m('mo', '='), num(example)));
        const trainingCell = cell(show(training));
        trainingCell.className = 'value';
        const button = document.createElement('button');
        button.type = 'button';
        const text = ctx.t(inUse ? 'losses.in-use' : 'losses.train-with');
        button.textContent = text;
        // A teacher's link may lock the loss (see controls.js).
        button.disabled = inUse || $('in-loss').disabled;
        // The name begins with the visible text (WCAG 2.5.3), then says which loss.
        button.setAttribute('aria-label', `${text}: ${lossName(key)}`);
        button.addEventListener('click', () => {
          ctx.controls.shown($('in-loss').dataset.param, key, app.train_with(key));
          $('train').scrollIntoView({ behavior: ctx.reducedMotion() ? 'auto' : 'smooth' });
        });
        row.append(cell(lossName(key)), cell(FORMULAS[key](), substituted), exampleCell, trainingCell, cell(button));
        return row;
      }),
    );
  }

  // Side-by-side runs from the same start, one per loss.
  const lossRuns = runs(ctx, 'losses', $('loss-runs'), {
    bars: false,
    title: lossName,
    caption: (s) => ctx.fill('loss-runs.stats', { n: String(s.iteration), train: percent(s.trainAccuracy), test: percent(s.testAccuracy) }),
    play: $('loss-runs-play'),
    playKey: 'loss-runs.play',
    restart: $('loss-runs-restart'),
    playText: $('loss-runs-play-text'),
  });

  return {
    render() {
      renderTable();
      lossRuns.render();
    },
    attach: lossRuns.attach,
    /** Plays or pauses the side-by-side runs (the host API, moving to another scene). */
    run: lossRuns.setPlaying,
    keys: { play: 'loss-runs-play', reset: 'loss-runs-restart' },
  };
}
