// How the page is shown: every section or one alone (panel), embedded in another page (its height
// told to that page), presenter mode with its keys; and the buttons beside each section's title
// (Embed, PNG, SVG, GIF).

/** The layout of the page `ctx`; `exports` gives the section exports (see exports.js). */
export function view(ctx, exports) {
  const { app, $ } = ctx;
  const sectionIds = [...document.querySelectorAll('main > section')].map((s) => s.id);

  function render() {
    const { panel, present, embed } = app.view();
    // An embedded lesson shows the sections its steps work in; otherwise `panel` says.
    const lesson = embed ? app.lesson() : null;
    for (const id of sectionIds) {
      $(id).hidden = lesson ? !lesson.lessonSections.includes(id) : panel !== 'all' && panel !== id;
    }
    document.body.classList.toggle('embed', embed);
    document.body.classList.toggle('present', present);
    document.documentElement.classList.toggle('present', present);
    $('keys-legend').hidden = !present;
    $('present-text').textContent = ctx.t(present ? 'present.exit' : 'present.button');
    $('present-toggle').setAttribute('aria-pressed', String(present));
    app.set_type_scale(present ? 1.35 : 1);
    $('embed-open').hidden = !embed;
    $('embed-open').href = `${location.pathname}?${app.page_query()}`;
    app.resize();
    postHeight();
  }
  /** Tells the page embedding this one how tall the content is, so its iframe can fit it. */
  function postHeight() {
    const { embed, panel } = app.view();
    if (!embed || window.parent === window) return;
    const style = getComputedStyle(document.body);
    const height = Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    window.parent.postMessage({ losslab: 'height', panel, height }, '*');
  }
  new ResizeObserver(() => postHeight()).observe(document.body);

  // "Embed": a snippet that shows one section with the current settings in another page.
  function embedSnippet(section) {
    const src = `${location.origin}${location.pathname}?${app.embed_query(section)}`;
    const title = `losslab: ${ctx.t(`choice.panel.${section}`) || section}`;
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
  const { sectionPng, sectionSvg, download, startGif, stopGif, recording } = exports;
  for (const id of sectionIds) {
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
    // A section with a run of its own records it as a GIF.
    const section = ctx.sections[id];
    if (section.setPlaying) {
      const gif = titleButton('gif', id, null, 'export.gif.label', async () => {
        if (recording() === id) return stopGif();
        stopGif();
        await startGif(id);
        section.setPlaying(true);
      });
      gif.setAttribute('aria-pressed', 'false');
      gif.textContent = ctx.t('export.gif') || 'GIF';
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
    $('embed-status').textContent = ctx.t('embed.copied');
  });
  $('embed-close').addEventListener('click', () => $('embed-dialog').close());

  // Presenter mode: full screen, large type, high contrast, and keys.
  function setPresenting(on) {
    ctx.controls.rendered(app.set_present(on).redraw);
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
    if (!on && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  }
  $('present-toggle').addEventListener('click', () => setPresenting(!app.view().present));
  /** The section being looked at: the last visible one whose top is above a third of the screen. */
  function currentSection() {
    let current = sectionIds.find((id) => !$(id).hidden);
    for (const id of sectionIds) {
      if (!$(id).hidden && $(id).getBoundingClientRect().top <= innerHeight / 3) current = id;
    }
    return current;
  }
  /** Whether `e`'s key scrolls the box that has the focus (a formula or the network diagram
   * wider or taller than it shows), which it is then left to do. */
  function scrollsFocusedBox(e) {
    const box = e.target instanceof HTMLElement ? e.target.closest('[role="region"][tabindex]') : null;
    if (!box) return false;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') return box.scrollWidth > box.clientWidth;
    if (e.key === ' ') return box.scrollHeight > box.clientHeight;
    return false;
  }
  document.addEventListener('keydown', (e) => {
    if (!app.view().present || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea, dialog')) return;
    if (scrollsFocusedBox(e)) return;
    const keys = ctx.sections[currentSection()]?.keys ?? {};
    const press = (name) => {
      if (keys[name]) $(keys[name]).click();
    };
    // In a lesson, → and ← move between its steps (in place: full screen stays).
    const inLesson = Boolean(app.lesson());
    if (inLesson && e.key === 'ArrowRight') ctx.sections.lesson.go('next');
    else if (inLesson && e.key === 'ArrowLeft') ctx.sections.lesson.go('previous');
    else if (e.key === ' ') press('play');
    else if (e.key === 'ArrowRight') press('step');
    else if (e.key === 'r' || e.key === 'R') press('reset');
    else if (e.key === 'l' || e.key === 'L') $('lang-switch').click();
    else if (e.key === 'Escape') setPresenting(false);
    else if (/^[1-5]$/.test(e.key)) $(sectionIds[Number(e.key) - 1]).scrollIntoView({ behavior: ctx.reducedMotion() ? 'auto' : 'smooth' });
    else return;
    e.preventDefault();
  });

  return { render };
}
