// losslab's page script: wires the controls, the URL and the animation loop to the Rust app.
// Rust owns every number, every check and every drawing; this file only moves values across.
// Text from outside (URL, inputs) is only ever set with textContent, never as HTML.

import init, { App, GifRecorder } from '../pkg/losslab.js';
import { comparison } from './compare.js';
import { exporter } from './exports.js';
import { fence, log, m, num, operand, percent, show } from './math.js';

const $ = (id) => document.getElementById(id);

async function main() {
  await init();
  const params = new URLSearchParams(location.search);
  const debug = params.get('debug') === '1';
  const app = new App($('map-heat'), $('map-overlay'), $('loss-chart'), location.search, navigator.language || 'en');
  const schema = Object.fromEntries(App.schema().map((p) => [p.key, p]));
  /** A text of the page's language with its {placeholders} filled (strings only). */
  const fill = (key, values) => app.fill(key, values);
  let playing = false;
  let strings = {};

  // The Penalties section's vectors w1, w2 and x: one box per entry, each its own setting.
  const VECTORS = ['w1', 'w2', 'x'];
  $('vectors').tBodies[0].replaceChildren(
    ...VECTORS.map((name) => {
      const row = document.createElement('tr');
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = name;
      row.append(head);
      for (let i = 1; i <= 4; i += 1) {
        const td = document.createElement('td');
        td.className = 'field';
        const input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'decimal';
        input.id = `in-${name}-${i}`;
        input.dataset.param = `${name}-${i}`;
        input.dataset.vector = name;
        input.dataset.entry = String(i);
        td.append(input);
        row.append(td);
      }
      return row;
    }),
  );

  // One message line under each control (and one for the layer widths), created once.
  const messages = {};
  const fields = [...document.querySelectorAll('[data-param]')].map((input) => [input.dataset.param, input]);
  fields.push([$('layer-widths').dataset.messageFor, $('layer-widths')]);
  for (const [key, input] of fields) {
    const p = document.createElement('p');
    p.className = 'msg';
    p.setAttribute('role', 'status');
    p.id = `msg-${key}`;
    input.closest('.field').append(p);
    input.setAttribute('aria-describedby', p.id);
    messages[key] = p;
  }
  // The last refused input of each control, so its message can be said again in another language.
  const refused = {};

  function applyStrings() {
    strings = app.strings();
    document.documentElement.lang = app.lang() === 'zh' ? 'zh-CN' : 'en';
    document.title = strings['doc.title'];
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = strings[el.dataset.i18n] ?? '';
    for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', strings[el.dataset.i18nLabel] ?? '');
    for (const select of document.querySelectorAll('select[data-param]')) {
      const key = select.dataset.param;
      if (select.options.length === 0) {
        for (const option of schema[key].options) select.add(new Option(option, option));
      }
      for (const option of select.options) option.textContent = strings[`choice.${key}.${option.value}`] ?? option.value;
    }
    for (const input of document.querySelectorAll('[data-vector]')) {
      input.setAttribute('aria-label', fill('example.entry', { v: input.dataset.vector, n: input.dataset.entry }));
    }
    renderLayers();
    renderStatus();
    renderPenalties();
    renderDescent();
    renderSoftmax();
    renderLosses();
    renderComparison();
    applyView();
  }

  /** Sends one control value through the Rust boundary and shows what came back. */
  function set(key, raw) {
    return shown(key, String(raw), app.set(key, String(raw)));
  }
  /** Shows the outcome of a change of `key` (from `raw`): its message, every control's value,
   * and the sections Rust says changed. */
  function shown(key, raw, { value, message, redraw, effect }) {
    if (messages[key]) messages[key].textContent = message;
    if (message) refused[key] = raw;
    else delete refused[key];
    if (effect === 'new-surface') setDescentPlaying(false);
    rendered(redraw);
    return value;
  }
  /** Every control shows its setting's value, and each section named in `redraw` is drawn. */
  function rendered(redraw) {
    syncControls();
    for (const section of redraw) RENDER[section]?.();
    renderStatus();
    updateUrl();
  }

  // What each section draws again when Rust names it after a change.
  const RENDER = {
    train: () => describeTraining(true),
    softmax: () => renderSoftmax(),
    losses: () => {
      renderLosses();
      lossRuns.render();
    },
    penalties: () => {
      renderPenalties();
      penaltyRuns.render();
    },
    descent: () => renderDescent(),
    view: () => applyView(),
  };

  function syncControls() {
    const values = app.values();
    for (const input of document.querySelectorAll('[data-param]')) input.value = values[input.dataset.param] ?? '';
    for (const range of document.querySelectorAll('[data-range-for]')) range.value = app.slider_position(range.dataset.rangeFor);
    renderLayers();
    syncVisibility();
  }

  function syncVisibility() {
    $('field-l1-ratio').hidden = !app.train_view().elasticNet;
  }

  // Hidden layers: one width box per layer, plus add/remove buttons.
  function widths() {
    return app.train_view().hidden;
  }
  function renderLayers() {
    const box = $('layer-widths');
    const list = widths();
    box.replaceChildren(
      ...list.map((w, i) => {
        const input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'numeric';
        input.className = 'width';
        input.value = String(w);
        input.setAttribute('aria-label', fill('hidden.width', { n: String(i + 1) }));
        input.addEventListener('change', () => {
          const next = widths().map(String);
          next[i] = input.value.trim();
          setLayers(next);
        });
        return input;
      }),
    );
    $('hidden-none').hidden = list.length > 0;
    $('layer-add').disabled = list.length >= app.train_view().maxLayers;
    $('layer-remove').disabled = list.length === 0;
  }
  /** Sets the layers' widths (as typed), with the message under the layer boxes. */
  function setLayers(list) {
    shown(layersKey, list.join(','), app.set_layers(list));
  }
  const layersKey = $('layer-widths').dataset.messageFor;
  $('layer-add').addEventListener('click', () => {
    const list = widths();
    setLayers([...list, list.at(-1) ?? 4].map(String));
  });
  $('layer-remove').addEventListener('click', () => setLayers(widths().slice(0, -1).map(String)));

  for (const input of document.querySelectorAll('[data-param]')) {
    input.addEventListener('change', () => set(input.dataset.param, input.value));
  }
  // Each slider's range and scale come from the settings' table.
  for (const range of document.querySelectorAll('[data-range-for]')) {
    const key = range.dataset.rangeFor;
    const { min, max, step } = schema[key].slider;
    Object.assign(range, { min, max, step });
    range.addEventListener('input', () => shown(key, '', app.set_slider(key, Number(range.value))));
  }
  $('new-seed').addEventListener('click', () => shown($('in-seed').dataset.param, '', app.new_seed()));
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  // The Softmax section: its formulas with the current numbers, one MathML line per step.
  function renderSoftmax() {
    const s = app.softmax();
    const name = (j) => m('mtext', strings[`class.${j}`] ?? String(j));
    const p = (j) => m('msub', m('mi', 'p'), name(j));
    $('formula-exp').replaceChildren(
      ...[0, 1, 2].map((j) => m('math', m('msup', m('mi', 'e'), num(s.scaled[j])), m('mo', '='), num(s.exps[j]))),
    );
    $('formula-p').replaceChildren(
      ...[0, 1, 2].map((j) => m('math', p(j), m('mo', '='), m('mfrac', num(s.exps[j]), num(s.sum)), m('mo', '='), num(s.probabilities[j]))),
      m('math', m('mo', 'Σ'), m('mi', 'p'), m('mo', '='), num(s.probabilities.reduce((a, b) => a + b, 0))),
    );
    const y = s.label;
    describe(
      'softmax-chart',
      fill('summary.softmax', { p0: show(s.probabilities[0]), p1: show(s.probabilities[1]), p2: show(s.probabilities[2]), class: strings[`class.${y}`] ?? '', loss: show(s.loss) }),
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
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    let reveal = Math.min(3, (now - stepsStart) / STEP_MS);
    // Without motion each step appears whole, one after the other.
    if (reduced && reveal < 3) reveal = Math.floor(reveal) + 1;
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

  // The Losses section: one row per loss, its one-sample formula, its values, a button to train with it.
  const sub = (base, index) => m('msub', m('mi', base), m('mi', index));
  const FORMULAS = {
    'cross-entropy': () => m('math', m('mo', '−'), ...log(), sub('p', 'y')),
    squared: () => m('math', m('munder', m('mo', '∑'), m('mi', 'j')), m('msup', m('mrow', fence('('), sub('p', 'j'), m('mo', '−'), sub('y', 'j'), fence(')')), m('mn', '2'))),
    'zero-one': () => m('math', m('mn', '1'), m('mrow', fence('['), m('munder', m('mi', 'argmax'), m('mi', 'j')), sub('s', 'j'), m('mo', '≠'), m('mi', 'y'), fence(']'))),
    absolute: () => m('math', m('munder', m('mo', '∑'), m('mi', 'j')), fence('|'), sub('p', 'j'), m('mo', '−'), sub('y', 'j'), fence('|')),
    hinge: () => m('math', m('munder', m('mo', '∑'), m('mrow', m('mi', 'j'), m('mo', '≠'), m('mi', 'y'))), m('mi', 'max'), fence('('), m('mn', '0'), m('mo', ','), sub('s', 'j'), m('mo', '−'), sub('s', 'y'), m('mo', '+'), m('mn', '1'), fence(')')),
  };
  // The same formulas with section 2's numbers put in (scores already divided by T), ending in the
  // value the engine computed, so a student can redo every sum by hand.
  const minus = (a, b) => [num(a), m('mo', '−'), b];
  const onehot = (s, j) => m('mn', j === s.label ? '1' : '0');
  const SUBSTITUTED = {
    'cross-entropy': (s) => [m('mo', '−'), ...log(), num(s.probabilities[s.label])],
    squared: (s) => joined(s.probabilities.map((pj, j) => m('msup', m('mrow', fence('('), ...minus(pj, onehot(s, j)), fence(')')), m('mn', '2')))),
    'zero-one': (s) => {
      const name = (j) => m('mtext', strings[`class.${j}`] ?? String(j));
      return [m('mn', '1'), m('mrow', fence('['), name(s.predicted), m('mo', '≠'), name(s.label), fence(']'))];
    },
    absolute: (s) => joined(s.probabilities.map((pj, j) => m('mrow', fence('|'), ...minus(pj, onehot(s, j)), fence('|')))),
    hinge: (s) => joined(
      [0, 1, 2].filter((j) => j !== s.label).map((j) => m('mrow', m('mi', 'max'), fence('('), m('mn', '0'), m('mo', ','), ...minus(s.scaled[j], operand(s.scaled[s.label])), m('mo', '+'), m('mn', '1'), fence(')'))),
    ),
  };
  /** Terms joined with plus signs. */
  function joined(terms) {
    return terms.flatMap((t, i) => (i === 0 ? [t] : [m('mo', '+'), t]));
  }
  function renderLosses() {
    const numbers = app.softmax();
    const all = app.losses();
    describe('loss-curves', fill('summary.curves', Object.fromEntries(all.map((l, i) => [`v${i}`, show(l.example)]))), true);
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
        const name = cell(strings[`choice.loss.${key}`] ?? key);
        const exampleCell = cell(show(example));
        exampleCell.className = 'value';
        const substituted = document.createElement('div');
        substituted.className = 'substituted';
        substituted.append(m('math', m('mo', '='), ...SUBSTITUTED[key](numbers), m('mo', '='), num(example)));
        const trainingCell = cell(show(training));
        trainingCell.className = 'value';
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = inUse ? strings['losses.in-use'] : strings['losses.train-with'];
        button.disabled = inUse;
        button.setAttribute('aria-label', `${strings['losses.train-with']}: ${strings[`choice.loss.${key}`]}`);
        button.addEventListener('click', () => {
          shown($('in-loss').dataset.param, key, app.train_with(key));
          document.getElementById('train').scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
        });
        row.append(name, cell(FORMULAS[key](), substituted), exampleCell, trainingCell, cell(button));
        return row;
      }),
    );
  }

  // Side-by-side runs from the same start: four losses (section 3), none/L1/L2 (section 4).
  const lossName = (key) => strings[`choice.loss.${key}`] ?? key;
  const lossRuns = comparison({ app, App, text: (key) => strings[key], fill }, 'losses', $('compare'), {
    bars: false,
    title: lossName,
    caption: (s) =>
      fill('compare.stats', { n: String(s.iteration), train: percent(s.trainAccuracy), test: percent(s.testAccuracy) }),
    play: $('compare-play'),
    playKey: 'compare.play',
    restart: $('compare-restart'),
    playText: $('compare-play-text'),
  });
  const penaltyRuns = comparison({ app, App, text: (key) => strings[key], fill }, 'penalties', $('runs'), {
    bars: true,
    title: (key) => (key === 'none' ? strings['runs.none'] : strings[`choice.penalty.${key}`]) ?? key,
    caption: (s) =>
      fill('runs.stats', {
        n: String(s.iteration),
        zeros: `${s.zeroWeights} / ${s.weights}`,
        l1: show(s.l1Norm, 2),
        l2: show(s.l2Norm, 2),
        train: show(s.trainLoss),
        penalty: show(s.penalty),
        test: show(s.testLoss),
      }),
    play: $('runs-play'),
    playKey: 'runs.play',
    restart: $('runs-restart'),
    playText: $('runs-play-text'),
  });
  function renderComparison() {
    lossRuns.render();
    penaltyRuns.render();
  }
  $('runs-overfit').addEventListener('click', () => rendered(app.overfit()));

  // The Penalties section: the article's example and the plane of two weights.
  function renderPenalties() {
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
    const verdict = (values, prefers, key) => fill(key, { w: prefers, a: show(values[0]), b: show(values[1]) });
    const lines = [
      e.sameOutput ? fill('example.same-output', { v: show(e.dot[0]) }) : strings['example.other-output'],
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
        dt.textContent = strings[key] ?? '';
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    let zero;
    if (p.firstZero === null) zero = strings['plane.never-zero'];
    else {
      zero = fill('plane.zero-from', { w: p.firstZero.weight === 1 ? 'w₁' : 'w₂', lambda: show(p.firstZero.lambda, 3) });
      if (p.allZero !== null) zero += ` ${fill('plane.all-zero', { lambda: show(p.allZero, 3) })}`;
    }
    $('plane-zero').textContent = zero;
    describe('plane-overlay', `${fill('summary.plane', { w: pair(p.w), star: pair(p.star) })} ${zero}`, true);
  }

  // The Descent section: balls rolling down a loss surface.
  let descentPlaying = false;
  const vec = (v, digits = 3) => m('mrow', fence('('), num(v[0], digits), m('mo', ','), num(v[1], digits), fence(')'));
  function renderDescent() {
    const { surface, slice, note } = app.descent_surface();
    $('surface-note').textContent = strings[note] ?? '';
    $('descent-new-slice').hidden = !slice;
    const balls = app.descent_balls();
    const place = (w) => `(${show(w[0], 3)}, ${show(w[1], 3)})`;
    $('ball-rows').replaceChildren(
      ...balls.map((b, i) => {
        const row = document.createElement('tr');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = b.colour;
        const first = document.createElement('td');
        first.append(swatch, ` ${i + 1}`);
        row.append(first);
        for (const text of [
          strings[`choice.d-optimizer.${b.optimizer}`] ?? b.optimizer,
          place(b.start),
          String(b.iterations),
          show(b.loss),
          place(b.w),
          b.stoppedText || strings['descent.rolling'],
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          row.append(td);
        }
        if (b.divergence) row.className = 'alarm';
        return row;
      }),
    );
    const newest = balls.at(-1);
    describe(
      'descent-overlay',
      newest
        ? fill('summary.descent', { count: String(balls.length), surface: strings[`choice.surface.${surface}`] ?? surface, w: place(newest.w), loss: show(newest.loss), n: String(newest.iterations), state: newest.stoppedText || strings['descent.rolling'] })
        : strings['descent.update.none'],
      !descentPlaying,
    );
    const status = $('descent-status');
    const diverged = balls.some((b) => b.divergence);
    status.textContent = diverged ? strings['descent.diverged'] : '';
    status.classList.toggle('alarm', diverged);
    $('descent-play-text').textContent = strings[descentPlaying ? 'control.pause' : 'control.play'];
    $('descent-play').setAttribute('aria-pressed', String(descentPlaying));
    renderUpdate();
  }
  /** The newest ball's next step as MathML, with its numbers. */
  function renderUpdate() {
    const next = descentPlaying ? null : app.descent_next();
    if (!next) {
      $('descent-update').replaceChildren();
      $('descent-update-note').textContent = descentPlaying ? '' : strings['descent.update.none'];
      return;
    }
    const { plain } = next;
    $('descent-update-note').textContent = strings[plain ? 'descent.update.gd' : 'descent.update.other'];
    // Fresh elements for every use: a DOM node can only sit in one place.
    const w = () => m('mi', 'w');
    const grad = () => m('mrow', m('mo', '∇'), m('mi', 'L'));
    const lines = [
      m('math', w(), m('mo', '='), vec(next.w)),
      m('math', grad(), m('mo', '='), vec(next.gradient)),
    ];
    if (plain) {
      lines.push(
        m('math', m('mi', 'η'), grad(), m('mo', '='), num(next.eta), m('mo', '·'), vec(next.gradient), m('mo', '='), vec(next.step)),
        m('math', w(), m('mo', '←'), w(), m('mo', '−'), m('mi', 'η'), grad(), m('mo', '='), vec(next.w), m('mo', '−'), vec(next.step), m('mo', '='), vec(next.next)),
      );
    } else {
      lines.push(
        m('math', m('mi', 'Δ'), m('mo', '='), vec(next.step)),
        m('math', w(), m('mo', '←'), w(), m('mo', '−'), m('mi', 'Δ'), m('mo', '='), vec(next.w), m('mo', '−'), vec(next.step), m('mo', '='), vec(next.next)),
      );
    }
    $('descent-update').replaceChildren(
      ...lines.map((line) => {
        const div = document.createElement('div');
        div.append(line);
        return div;
      }),
    );
  }
  function descentFrame() {
    if (!descentPlaying) return;
    const goOn = app.descent_frame();
    renderDescent();
    gifFrame('descent');
    if (!goOn) {
      setDescentPlaying(false);
      if (recording() === 'descent') stopGif();
    }
    if (descentPlaying) requestAnimationFrame(descentFrame);
  }
  function setDescentPlaying(on) {
    if (on === descentPlaying) return;
    descentPlaying = on;
    // The next step's arrow and formula are shown while paused (step mode).
    app.descent_show_next(!on);
    renderDescent();
    if (on) requestAnimationFrame(descentFrame);
  }
  $('descent-play').addEventListener('click', () => setDescentPlaying(!descentPlaying));
  $('descent-step').addEventListener('click', () => {
    setDescentPlaying(false);
    app.descent_step();
    renderDescent();
    gifFrame('descent');
  });
  $('descent-reset').addEventListener('click', () => {
    setDescentPlaying(false);
    app.descent_reset();
    renderDescent();
  });
  $('descent-clear').addEventListener('click', () => {
    setDescentPlaying(false);
    app.descent_clear();
    renderDescent();
    updateUrl();
  });
  $('descent-race').addEventListener('click', () => {
    app.descent_race();
    renderDescent();
    updateUrl();
  });
  $('descent-new-slice').addEventListener('click', () => {
    setDescentPlaying(false);
    app.new_surface();
    renderDescent();
    updateUrl();
  });
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      shown('d-lr', '', app.use_preset(Number(button.dataset.preset)));
    });
  }
  $('descent-overlay').addEventListener('click', (e) => {
    const r = e.currentTarget.getBoundingClientRect();
    if (app.descent_click(e.clientX - r.left, e.clientY - r.top)) {
      renderDescent();
      updateUrl();
    }
  });

  // How the page is shown: all sections or one (panel), embedded in another page, presenter mode.
  const SECTIONS = ['train', 'softmax', 'losses', 'penalties', 'descent'];
  const embedded = () => app.view().embed;
  function applyView() {
    const { panel, present } = app.view();
    for (const id of SECTIONS) $(id).hidden = panel !== 'all' && panel !== id;
    document.body.classList.toggle('embed', embedded());
    document.body.classList.toggle('present', present);
    document.documentElement.classList.toggle('present', present);
    $('keys-legend').hidden = !present;
    $('present-text').textContent = strings[present ? 'present.exit' : 'present.button'] ?? '';
    $('present-toggle').setAttribute('aria-pressed', String(present));
    app.set_type_scale(present ? 1.35 : 1);
    const whole = new URLSearchParams(app.query());
    for (const key of ['panel', 'embed', 'present']) whole.delete(key);
    $('embed-open').hidden = !embedded();
    $('embed-open').href = `${location.pathname}?${whole}`;
    app.resize();
    postHeight();
  }
  /** Tells the page embedding this one how tall the content is, so its iframe can fit it. */
  function postHeight() {
    if (!embedded() || window.parent === window) return;
    const style = getComputedStyle(document.body);
    const height = Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    window.parent.postMessage({ losslab: 'height', panel: app.view().panel, height }, '*');
  }
  new ResizeObserver(() => postHeight()).observe(document.body);

  // "Embed": a snippet that shows one section with the current settings in another page.
  function embedSnippet(section) {
    const q = new URLSearchParams(app.query());
    q.delete('present');
    q.set('panel', section);
    q.set('embed', '1');
    const src = `${location.origin}${location.pathname}?${q}`;
    const title = `losslab: ${strings[`choice.panel.${section}`] ?? section}`;
    return [
      `<iframe src="${src.replaceAll('"', '&quot;')}" title="${title.replaceAll('"', '&quot;')}" style="width:100%;border:0" height="900" loading="lazy"></iframe>`,
      '<script>',
      "addEventListener('message', (e) => {",
      "  if (!e.data || e.data.losslab !== 'height') return;",
      "  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = e.data.height;",
      '});',
      '</script>',
    ].join('\n');
  }
  const { sectionPng, sectionSvg, download, startGif, gifFrame, stopGif, syncGifButtons, recording } = exporter({
    app,
    text: (key) => strings[key],
    fill,
    GifRecorder,
  });
  Object.defineProperty(window, 'losslabSectionPng', { value: sectionPng });
  /** A small button beside a section's title: `data-<kind>` names the section; its text and
   * label come from the text table (`textKey` null: the caller sets the text). */
  function titleButton(kind, id, textKey, labelKey, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'embed-button';
    button.dataset[kind] = id;
    if (textKey) button.dataset.i18n = textKey;
    button.dataset.i18nLabel = labelKey;
    button.addEventListener('click', onClick);
    return button;
  }
  for (const id of SECTIONS) {
    const buttons = [
      titleButton('embed', id, 'embed.button', 'embed.label', () => {
        $('embed-code').value = embedSnippet(id);
        $('embed-status').textContent = '';
        $('embed-dialog').showModal();
        $('embed-code').select();
      }),
      titleButton('png', id, 'export.png', 'export.png.label', async () => download(await sectionPng(id), `losslab-${id}.png`)),
      titleButton('svg', id, 'export.svg', 'export.svg.label', () => download(sectionSvg(id), `losslab-${id}.svg`)),
    ];
    if (id === 'train' || id === 'descent') {
      const gif = titleButton('gif', id, null, 'export.gif.label', () => {
        if (recording() === id) return stopGif();
        stopGif();
        startGif(id);
        if (id === 'train') setPlaying(true);
        else setDescentPlaying(true);
      });
      gif.setAttribute('aria-pressed', 'false');
      gif.textContent = strings['export.gif'] ?? 'GIF';
      buttons.push(gif);
    }
    $(id).querySelector('h2').after(...buttons);
  }
  $('embed-copy').addEventListener('click', async () => {
    $('embed-code').select();
    try {
      await navigator.clipboard.writeText($('embed-code').value);
    } catch {
      document.execCommand('copy');
    }
    $('embed-status').textContent = strings['embed.copied'] ?? '';
  });
  $('embed-close').addEventListener('click', () => $('embed-dialog').close());

  // Presenter mode: full screen, large type, high contrast, and keys.
  function setPresenting(on) {
    rendered(app.set_present(on).redraw);
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
    if (!on && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  }
  $('present-toggle').addEventListener('click', () => setPresenting(!app.view().present));
  /** The section being looked at: the last visible one whose top is above a third of the screen. */
  function currentSection() {
    let current = SECTIONS.find((id) => !$(id).hidden);
    for (const id of SECTIONS) {
      if (!$(id).hidden && $(id).getBoundingClientRect().top <= innerHeight / 3) current = id;
    }
    return current;
  }
  const KEY_ACTIONS = {
    train: { play: 'play', step: 'step', reset: 'reset' },
    softmax: { play: 'softmax-play' },
    losses: { play: 'compare-play', reset: 'compare-restart' },
    penalties: { play: 'runs-play', reset: 'runs-restart' },
    descent: { play: 'descent-play', step: 'descent-step', reset: 'descent-reset' },
  };
  document.addEventListener('keydown', (e) => {
    if (!app.view().present || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea, dialog')) return;
    const actions = KEY_ACTIONS[currentSection()] ?? {};
    const press = (name) => {
      if (actions[name]) $(actions[name]).click();
    };
    if (e.key === ' ') press('play');
    else if (e.key === 'ArrowRight') press('step');
    else if (e.key === 'r' || e.key === 'R') press('reset');
    else if (e.key === 'l' || e.key === 'L') $('lang-switch').click();
    else if (e.key === 'Escape') setPresenting(false);
    else if (/^[1-5]$/.test(e.key)) $(SECTIONS[Number(e.key) - 1]).scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    else return;
    e.preventDefault();
  });

  // Clicking a point of the map loads its scores and class into the Softmax section.
  function syncSoftmaxControls() {
    syncControls();
    for (const input of $('softmax').querySelectorAll('[data-param]')) messages[input.dataset.param].textContent = '';
    renderSoftmax();
    renderLosses();
  }
  // A click on the map picks a point for section 2, or adds a point of the chosen class;
  // shift-click (or a long press) removes the nearest point. Training carries on either way.
  const clickMode = () => document.querySelector('input[name="click-mode"]:checked')?.value ?? 'pick';
  let pressTimer = 0;
  let pressRemoved = false;
  function removeAt(e) {
    const r = $('map-overlay').getBoundingClientRect();
    if (app.remove_point(e.clientX - r.left, e.clientY - r.top)) {
      renderStatus();
      renderLosses();
      updateUrl();
    }
  }
  $('map-overlay').addEventListener('pointerdown', (e) => {
    pressRemoved = false;
    if (e.pointerType !== 'touch') return;
    clearTimeout(pressTimer);
    pressTimer = setTimeout(() => {
      pressRemoved = true;
      removeAt(e);
    }, 600);
  });
  for (const type of ['pointerup', 'pointercancel', 'pointerleave']) $('map-overlay').addEventListener(type, () => clearTimeout(pressTimer));
  $('map-overlay').addEventListener('click', (e) => {
    if (pressRemoved) return;
    const r = e.currentTarget.getBoundingClientRect();
    const [x, y] = [e.clientX - r.left, e.clientY - r.top];
    if (e.shiftKey) {
      removeAt(e);
      return;
    }
    const mode = clickMode();
    if (mode !== 'pick') {
      if (app.add_point(x, y, Number(mode))) {
        renderStatus();
        renderLosses();
        updateUrl();
      }
      return;
    }
    if (app.pick(x, y)) {
      syncSoftmaxControls();
      updateUrl();
    }
  });

  // What each canvas shows, in words: a visually hidden, politely announced summary linked to
  // the canvas with aria-describedby, refreshed at most every 2 s while something plays.
  const summaryAt = {};
  function describe(canvasId, text, now = false) {
    let p = document.getElementById(`${canvasId}-summary`);
    if (!p) {
      p = document.createElement('p');
      p.id = `${canvasId}-summary`;
      p.className = 'visually-hidden';
      p.setAttribute('aria-live', 'polite');
      $(canvasId).after(p);
      $(canvasId).setAttribute('aria-describedby', p.id);
    }
    const t = performance.now();
    if (p.textContent === text || (!now && t - (summaryAt[canvasId] ?? -Infinity) < 2000)) return;
    summaryAt[canvasId] = t;
    p.textContent = text;
  }
  function describeTraining(now) {
    const s = app.stats();
    const values = { n: String(s.iteration), train: percent(s.trainAccuracy), test: percent(s.testAccuracy), trainLoss: show(s.trainLoss), testLoss: show(s.testLoss), objective: show(s.objective) };
    describe('map-overlay', fill('summary.map', values), now);
    describe('loss-chart', fill('summary.chart', values), now);
  }

  // Numbers and status.
  function renderStatus() {
    const s = app.stats();
    $('stat-iteration').textContent = String(s.iteration);
    $('stat-train-loss').textContent = show(s.trainLoss);
    $('stat-test-loss').textContent = show(s.testLoss);
    $('stat-penalty').textContent = show(s.penalty);
    $('stat-objective').textContent = show(s.objective);
    $('stat-gradient').textContent = show(s.gradientNorm);
    $('stat-train-accuracy').textContent = percent(s.trainAccuracy);
    $('stat-test-accuracy').textContent = percent(s.testAccuracy);
    $('stat-zeros').textContent = `${s.zeroWeights} / ${s.weights}`;
    describeTraining(!playing);
    const status = $('status');
    status.textContent = [s.stoppedText, s.note].filter(Boolean).join(' ');
    status.classList.toggle('alarm', s.divergence);
    $('play-text').textContent = strings[playing ? 'control.pause' : 'control.play'];
    $('play').setAttribute('aria-pressed', String(playing));
  }

  let urlTimer = 0;
  function updateUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const q = app.query() + (debug ? '&debug=1' : '');
      history.replaceState(null, '', `?${q}`);
    }, 250);
  }

  // The animation loop: a few coarse calls per frame.
  let last = performance.now();
  let frameMs = 0;
  let frameCount = 0;
  function frame() {
    if (!playing) return;
    const t0 = performance.now();
    const goOn = app.frame(true);
    frameMs = 0.9 * frameMs + 0.1 * (performance.now() - t0);
    renderStatus();
    gifFrame('train');
    // A picked point's scores change as the network learns: refresh its formulas now and then.
    frameCount += 1;
    if (app.has_pick() && frameCount % 4 === 0) syncSoftmaxControls();
    if (frameCount % 15 === 0) renderLosses();
    if (debug && t0 - last > 250) {
      $('frame-time').textContent = fill('debug.frame', { ms: frameMs.toFixed(2) });
      last = t0;
    }
    if (!goOn) {
      playing = false;
      renderStatus();
      if (recording() === 'train') stopGif();
      return;
    }
    // Schedule ourselves for the next frame.
    requestAnimationFrame(frame);
  }
  function setPlaying(on) {
    if (on === playing) return;
    playing = on;
    renderStatus();
    if (playing) requestAnimationFrame(frame);
  }
  $('play').addEventListener('click', () => setPlaying(!playing));
  $('step').addEventListener('click', () => {
    setPlaying(false);
    app.step();
    if (app.has_pick()) syncSoftmaxControls();
    renderLosses();
    renderStatus();
    gifFrame('train');
  });
  $('reset').addEventListener('click', () => {
    app.reset();
    if (app.has_pick()) syncSoftmaxControls();
    renderLosses();
    renderStatus();
  });
  $('lang-switch').addEventListener('click', () => {
    app.set_lang(app.lang() === 'zh' ? 'en' : 'zh');
    applyStrings();
    syncGifButtons();
    // Checking the same input again gives the same safe value and its message in the new language.
    for (const [key, raw] of Object.entries(refused)) messages[key].textContent = app.set(key, raw).message;
    showUrlMessages();
    updateUrl();
  });

  function showUrlMessages() {
    $('url-messages').replaceChildren(
      ...app.url_messages().map(({ text }) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
  }

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => app.resize(), 100);
  });

  app.attach_softmax($('softmax-chart'));
  app.attach_loss_curves($('loss-curves'));
  lossRuns.attach();
  penaltyRuns.attach();
  app.attach_plane($('plane-heat'), $('plane-overlay'));
  app.attach_descent($('descent-heat'), $('descent-overlay'), $('descent-path'));
  applyStrings();
  syncControls();
  showUrlMessages();
  $('frame-time').hidden = !debug;
  applyView();
  app.resize();
  // The address shows the scene in force (refused parameters replaced by what is used).
  updateUrl();
  // Expose the app to tests and to the console, read-only.
  Object.defineProperty(window, 'losslab', { value: app });
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  // The text table lives in the wasm that failed to start, so this one message is inline, in both
  // languages, like the <noscript> one.
  const p = document.createElement('p');
  p.className = 'msg-block';
  p.textContent = `losslab could not start. / losslab 无法启动。 (${err})`;
  document.body.prepend(p);
  throw err;
});
