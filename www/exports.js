// Exports of a section for places where no script runs: its charts as one PNG or one SVG (drawn
// again by the Rust chart code through plotters' SVG backend), and a run as an animated GIF.

/** The exports of the page of `app`; `text(key)` gives a string of the page's language. */
export function exporter({ app, text, fill }) {
  const $ = (id) => document.getElementById(id);
  /** Where each visible canvas of a section goes in an export, in CSS pixels: every canvas where
   * it sits across the page, rows of charts stacked with the text between them left out; within a
   * row in the page's order, so an overlay comes after (over) its raster. */
  function sectionLayout(section) {
    const box = $(section).getBoundingClientRect();
    const GAP = 16;
    const canvases = [...$(section).querySelectorAll('canvas')]
      .filter((c) => c.offsetParent !== null && c.width > 0)
      .map((c, order) => ({ c, r: c.getBoundingClientRect(), order }))
      .sort((a, b) => a.r.top - b.r.top);
    // Rows: canvases that overlap vertically (a map's raster and its overlay, charts side by side).
    const rows = [];
    for (const item of canvases) {
      const row = rows.at(-1);
      if (row && item.r.top < row.bottom) {
        row.items.push(item);
        row.bottom = Math.max(row.bottom, item.r.bottom);
      } else rows.push({ top: item.r.top, bottom: item.r.bottom, items: [item] });
    }
    const placed = [];
    let y = 0;
    for (const row of rows) {
      row.items.sort((a, b) => a.order - b.order);
      for (const { c, r } of row.items) {
        placed.push({ c, x: r.left - box.left, y: y + r.top - row.top, w: r.width, h: r.height });
      }
      y += row.bottom - row.top + GAP;
    }
    return { width: box.width, height: Math.max(1, y - GAP), placed };
  }
  /** Draws a section's layout onto `ctx` at `scale` device pixels per CSS pixel, on white. */
  function paintLayout(ctx, layout, scale) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    for (const { c, x, y, w, h } of layout.placed) ctx.drawImage(c, x * scale, y * scale, w * scale, h * scale);
  }
  /** The section's charts as one PNG on white, at the screen's pixel ratio. Resolves to a Blob. */
  function sectionPng(section) {
    const layout = sectionLayout(section);
    const dpr = window.devicePixelRatio || 1;
    const out = document.createElement('canvas');
    out.width = Math.round(layout.width * dpr);
    out.height = Math.round(layout.height * dpr);
    paintLayout(out.getContext('2d'), layout, dpr);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }
  /** The section's charts as one SVG document, laid out as the PNG: every chart drawn again by
   * the same plotters code into SVG (text stays text), rasters (maps, heatmaps) as embedded PNG
   * images. A Blob. */
  function sectionSvg(section) {
    const svgs = new Map(app.charts_svg());
    const layout = sectionLayout(section);
    const n = (v) => String(Math.round(v * 100) / 100);
    const parts = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}">`,
      '<rect width="100%" height="100%" fill="#fff"/>',
    ];
    for (const { c, x, y, w, h } of layout.placed) {
      const svg = svgs.get(c);
      if (svg === undefined) {
        parts.push(
          `<image x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" preserveAspectRatio="none" href="${c.toDataURL('image/png')}"/>`,
        );
      } else {
        // The chart's own document (in canvas pixels) nested and scaled to its place.
        parts.push(`<g transform="translate(${n(x)} ${n(y)}) scale(${w / c.width} ${h / c.height})">`);
        parts.push(svg.replace(/^<\?xml[^>]*>\s*/, ''), '</g>');
      }
    }
    parts.push('</svg>');
    return new Blob([parts.join('\n')], { type: 'image/svg+xml' });
  }
  function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // An animated GIF of a run (training or descent): frames are the section's charts as the PNG
  // shows them, scaled to at most GIF_WIDTH pixels wide, one per drawn frame of the run.
  const GIF_WIDTH = 640;
  const GIF_DELAY = 6; // hundredths of a second a frame
  const GIF_MAX_FRAMES = 150;
  let recording = null; // { section, rec, canvas, ctx, scale }
  // The GIF encoder is a WebAssembly module of its own, loaded with the first recording.
  let recorderClass = null;
  function gifRecorder() {
    recorderClass ??= import('../pkg/losslab_gif.js').then(
      async (module) => {
        await module.default();
        return module.GifRecorder;
      },
      (err) => {
        recorderClass = null; // a later click tries again
        throw err;
      },
    );
    return recorderClass;
  }
  /** Starts recording `section` (once the encoder is loaded). */
  async function startGif(section) {
    const GifRecorder = await gifRecorder();
    const layout = sectionLayout(section);
    const scale = Math.min(1, GIF_WIDTH / layout.width);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(layout.width * scale));
    canvas.height = Math.max(1, Math.round(layout.height * scale));
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    recording = { section, rec: new GifRecorder(canvas.width, canvas.height), canvas, ctx, scale };
    gifFrame(section);
  }
  /** Adds the section's current look to the GIF being recorded of it, if any. */
  function gifFrame(section) {
    if (!recording || recording.section !== section) return;
    const { ctx, canvas, scale, rec } = recording;
    paintLayout(ctx, sectionLayout(section), scale);
    rec.add_frame(ctx.getImageData(0, 0, canvas.width, canvas.height).data, GIF_DELAY);
    if (rec.frames() >= GIF_MAX_FRAMES) stopGif();
    else syncGifButtons();
  }
  function stopGif() {
    if (!recording) return;
    const { section, rec } = recording;
    recording = null;
    download(new Blob([rec.finish()], { type: 'image/gif' }), `losslab-${section}.gif`);
    rec.free();
    syncGifButtons();
  }
  function syncGifButtons() {
    for (const button of document.querySelectorAll('[data-gif]')) {
      const on = recording?.section === button.dataset.gif;
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on
        ? fill('export.gif.recording', { n: String(recording.rec.frames()) })
        : text('export.gif') ?? 'GIF';
    }
  }
  return {
    sectionPng,
    sectionSvg,
    download,
    startGif,
    gifFrame,
    stopGif,
    syncGifButtons,
    /** The section whose run is being recorded, or null. */
    recording: () => recording?.section ?? null,
  };
}
