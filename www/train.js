// Section 1 · Train: the layers' boxes, the transport (play, one step, reset), the numbers of the
// current step, clicks on the map (pick a point, add or remove one) and the animation loop.

import { inside } from './inside.js';
import { percent, show } from './math.js';

/** The Train section of the page `ctx`. */
export function train(ctx) {
  const { app, $ } = ctx;
  let playing = false;
  // Frames since the diagram was last described in words.
  let describeTick = 0;
  // The timeline, the chosen weight and its backpropagation, under the diagram.
  const look = inside(ctx, () => setPlaying(false));

  // Hidden layers: one width box per layer, plus add/remove buttons.
  const widths = () => app.train_view().hidden;
  const layersKey = $('layer-widths').dataset.messageFor;
  /** Sets the layers' widths (as typed), with the message under the layer boxes. */
  function setLayers(list) {
    ctx.controls.shown(layersKey, list.join(','), app.set_layers(list));
  }
  function renderLayers() {
    const { hidden, maxLayers, elasticNet } = app.train_view();
    $('layer-widths').replaceChildren(
      ...hidden.map((w, i) => {
        const input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'numeric';
        input.className = 'width';
        input.value = String(w);
        input.setAttribute('aria-label', ctx.fill('hidden.width', { n: String(i + 1) }));
        input.addEventListener('change', () => {
          const next = widths().map(String);
          next[i] = input.value.trim();
          setLayers(next);
        });
        return input;
      }),
    );
    $('hidden-none').hidden = hidden.length > 0;
    $('layer-add').disabled = hidden.length >= maxLayers;
    $('layer-remove').disabled = hidden.length === 0;
    $('field-l1-ratio').hidden = !elasticNet;
  }
  $('layer-add').addEventListener('click', () => {
    const list = widths();
    setLayers([...list, list.at(-1) ?? 4].map(String));
  });
  $('layer-remove').addEventListener('click', () => setLayers(widths().slice(0, -1).map(String)));
  $('new-seed').addEventListener('click', () => ctx.controls.shown($('in-seed').dataset.param, '', app.new_seed()));

  /** The map and the loss chart in words, for screen readers. */
  function describeTraining(now) {
    const s = app.stats();
    const values = { n: String(s.iteration), train: percent(s.trainAccuracy), test: percent(s.testAccuracy), trainLoss: show(s.trainLoss), testLoss: show(s.testLoss), objective: show(s.objective) };
    ctx.describe('map-overlay', ctx.fill('summary.map', values), now);
    ctx.describe('loss-chart', ctx.fill('summary.chart', values), now);
  }
  /** The numbers of the current step and the run's status. */
  function render() {
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
    renderConfusion();
    look.render(playing);
    // The diagram's words change with the layers and the zeros: said when paused, and now and
    // then while playing (reading the layers allocates).
    describeTick += 1;
    if (!playing || describeTick % 120 === 0) describeNetwork(s);
    describeTraining(!playing);
    const status = $('status');
    status.textContent = [s.stoppedText, s.note, s.bouncingText].filter(Boolean).join(' ');
    status.classList.toggle('alarm', s.divergence || s.bouncing);
    $('play-text').textContent = ctx.t(playing ? 'control.pause' : 'control.play');
    $('play').setAttribute('aria-pressed', String(playing));
  }

  /** The diagram in words (refreshed at most every 2 s while training plays). */
  function describeNetwork(s) {
    const hidden = app.train_view().hidden.join(', ') || '—';
    ctx.describe('network', ctx.fill('network.summary', { hidden, weights: String(s.weights), zeros: String(s.zeroWeights) }), !playing);
  }

  // The confusion matrix of the test points: a count per (true, predicted) class, each a button
  // that rings those points on the map (Rust finds them; training on takes the rings away).
  const cells = [...document.querySelectorAll('#confusion [data-cell]')];
  function renderConfusion() {
    const c = app.confusion();
    const shown = c.cell ? `${c.cell[0]},${c.cell[1]}` : '';
    for (const button of cells) {
      const [t, p] = button.dataset.cell.split(',').map(Number);
      const n = c.counts[3 * t + p];
      button.textContent = String(n);
      button.classList.toggle('right', t === p);
      button.classList.toggle('wrong', t !== p && n > 0);
      button.setAttribute('aria-pressed', String(button.dataset.cell === shown));
      button.setAttribute('aria-label', ctx.fill('confusion.cell', { n: String(n), truth: ctx.t(`class.${t}`), predicted: ctx.t(`class.${p}`) }));
    }
    for (const td of document.querySelectorAll('#confusion [data-class-right]')) td.textContent = percent(c.classAccuracy[Number(td.dataset.classRight)]);
  }
  for (const button of cells) {
    button.addEventListener('click', () => {
      setPlaying(false);
      const [t, p] = button.dataset.cell.split(',').map(Number);
      if (button.getAttribute('aria-pressed') === 'true') app.set_confusion_cell(-1, -1);
      else app.set_confusion_cell(t, p);
      render();
    });
  }

  // A click on the map picks a point for section 2, or adds a point of the chosen class;
  // shift-click (or a long press) removes the nearest point. Training carries on either way.
  const clickMode = () => document.querySelector('input[name="click-mode"]:checked')?.value ?? 'pick';
  let pressTimer = 0;
  let pressRemoved = false;
  /** After your own points changed the data. */
  function edited() {
    render();
    ctx.render('losses');
    ctx.updateUrl();
  }
  function removeAt(e) {
    const r = $('map-overlay').getBoundingClientRect();
    if (app.remove_point(e.clientX - r.left, e.clientY - r.top)) edited();
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
      if (app.add_point(x, y, Number(mode))) edited();
      return;
    }
    if (app.pick(x, y)) {
      ctx.pickMoved();
      ctx.updateUrl();
    }
  });

  // The animation loop: a few coarse calls per frame.
  let last = performance.now();
  let frameMs = 0;
  let frameCount = 0;
  function frame() {
    if (!playing) return;
    const t0 = performance.now();
    const goOn = app.frame(true);
    frameMs = 0.9 * frameMs + 0.1 * (performance.now() - t0);
    render();
    ctx.gifFrame('train');
    // A picked point's scores change as the network learns: refresh its formulas now and then.
    frameCount += 1;
    if (app.has_pick() && frameCount % 4 === 0) ctx.pickMoved();
    if (frameCount % 15 === 0) ctx.render('losses');
    if (ctx.debug && t0 - last > 250) {
      $('frame-time').textContent = ctx.fill('debug.frame', { ms: frameMs.toFixed(2) });
      last = t0;
    }
    if (!goOn) {
      playing = false;
      render();
      if (ctx.recording() === 'train') ctx.stopGif();
      const s = app.stats();
      ctx.emit('stopped', { section: 'train', rule: s.stopped, text: s.stoppedText, iteration: s.iteration });
      if (s.divergence) ctx.emit('diverged', { section: 'train', text: s.stoppedText });
      return;
    }
    // Schedule ourselves for the next frame.
    requestAnimationFrame(frame);
  }
  function setPlaying(on) {
    if (on === playing) return;
    playing = on;
    render();
    if (playing) requestAnimationFrame(frame);
  }
  $('play').addEventListener('click', () => setPlaying(!playing));
  $('step').addEventListener('click', () => {
    setPlaying(false);
    app.step();
    if (app.has_pick()) ctx.pickMoved();
    ctx.render('losses');
    render();
    ctx.gifFrame('train');
  });
  $('reset').addEventListener('click', () => {
    app.reset();
    if (app.has_pick()) ctx.pickMoved();
    ctx.render('losses');
    render();
  });

  /** The layer boxes and the weights' list, after a new network or language. */
  function sync() {
    renderLayers();
    look.sync();
  }

  return { render, sync, setPlaying, keys: { play: 'play', step: 'step', reset: 'reset' } };
}
