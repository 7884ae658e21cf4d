// Side-by-side runs from the same start: four losses (section 3), none/L1/L2 (section 4), each a
// small decision map (raster + overlay), optionally a bar chart of its weights, and a caption.

/** Builds one figure per run of the runs `name` in `container`, with a bar chart of
 * the weights if `bars`; returns its parts, in run order. */
function buildRuns(App, name, container, bars) {
  return App.runs(name).map((key) => {
    const figure = document.createElement('figure');
    figure.className = 'mini';
    figure.dataset.run = key;
    const stack = document.createElement('div');
    stack.className = 'map-stack';
    const heat = document.createElement('canvas');
    heat.className = 'map-heat';
    heat.setAttribute('aria-hidden', 'true');
    const overlay = document.createElement('canvas');
    overlay.className = 'mini-overlay';
    overlay.setAttribute('role', 'img');
    stack.append(heat, overlay);
    const caption = document.createElement('figcaption');
    const title = document.createElement('strong');
    const numbers = document.createElement('span');
    numbers.className = 'mini-stats';
    caption.append(title, numbers);
    figure.append(stack);
    let chart = null;
    if (bars) {
      chart = document.createElement('canvas');
      chart.className = 'weight-bars';
      chart.setAttribute('role', 'img');
      figure.append(chart);
    }
    figure.append(caption);
    container.append(figure);
    return { key, heat, overlay, chart, title, numbers };
  });
}

/** The side-by-side runs `name` of the page `ctx`: their figures, play state and captions. */
export function runs(ctx, name, container, { bars, title, caption, play, playKey, restart, playText }) {
  const { app, fill } = ctx;
  const text = (key) => ctx.t(key);
  const parts = buildRuns(ctx.App, name, container, bars);
  const state = { playing: false };
  function render() {
    const stats = app.runs_stats(name);
    parts.forEach((part, i) => {
      const s = stats[i];
      part.title.textContent = title(part.key);
      part.overlay.setAttribute('aria-label', fill(bars ? 'penalty-runs.map' : 'loss-runs.map', { run: title(part.key) }));
      if (part.chart) part.chart.setAttribute('aria-label', fill('penalty-runs.bars', { run: title(part.key) }));
      const why = s?.stoppedText || (s?.bouncing ? text('note.bouncing-short') : '');
      if (s) part.numbers.textContent = why ? `${caption(s)} · ${why}` : caption(s);
    });
    playText.textContent = text(state.playing ? 'loss-runs.pause' : playKey) ?? '';
    play.setAttribute('aria-pressed', String(state.playing));
  }
  function frame() {
    if (!state.playing) return;
    if (!app.runs_frame(name)) state.playing = false;
    render();
    if (state.playing) requestAnimationFrame(frame);
  }
  function setPlaying(on) {
    if (on === state.playing) return;
    state.playing = on;
    render();
    if (on) requestAnimationFrame(frame);
  }
  play.addEventListener('click', () => setPlaying(!state.playing));
  restart.addEventListener('click', () => {
    app.runs_restart(name);
    render();
  });
  return {
    attach: () => app.attach_runs(name, parts.map((x) => x.heat), parts.map((x) => x.overlay), bars ? parts.map((x) => x.chart) : []),
    render,
    setPlaying,
  };
}
