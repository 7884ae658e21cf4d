// Where losslab is: ../index.html beside this page, or ?page=, an http(s) URL on this page's
// own host name (another port: how the tests give it a second origin); nothing else is framed.
const page = (() => {
  const given = new URLSearchParams(location.search).get('page');
  try {
    const url = new URL(given ?? '../index.html', location.href);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === location.hostname) return url;
  } catch {}
  return new URL('../index.html', location.href);
})();
const frames = { descent: document.getElementById('embed-descent'), lesson: document.getElementById('embed-lesson') };
for (const frame of Object.values(frames)) {
  frame.src = `${page.href.split('?')[0]}?${frame.dataset.query}&host=${encodeURIComponent(location.origin)}`;
}
const send = (frame, message) => frame.contentWindow.postMessage(message, page.origin);
const log = (id, text, className = '') => {
  const p = document.getElementById(id);
  p.textContent = text;
  p.className = `log ${className}`;
};

// The post drives the descent embed: η, then reset and play.
let current = null;
function useRate(lr) {
  if (lr === current) return;
  current = lr;
  send(frames.descent, { losslab: 'set', settings: { 'd-lr': lr } });
  send(frames.descent, { losslab: 'reset' });
  send(frames.descent, { losslab: 'play' });
  log('descent-log', `η = ${lr}：小球出发了……`);
}
for (const button of document.querySelectorAll('button[data-lr]')) button.addEventListener('click', () => useRate(button.dataset.lr));
let ready = false;
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) if (e.isIntersecting && ready) useRate(e.target.dataset.lr);
}, { threshold: 0.6 });

// What the embeds say: only from the embeds themselves, at losslab's origin.
addEventListener('message', (e) => {
  const frame = Object.values(frames).find((f) => f.contentWindow === e.source);
  if (!frame || e.origin !== page.origin || !e.data || typeof e.data.losslab !== 'string') return;
  const m = e.data;
  // Each embed says how tall its content is; the iframe fits it.
  if (m.losslab === 'height' && Number.isFinite(m.height)) frame.height = Math.min(Math.max(m.height, 100), 20000);
  if (frame === frames.descent) {
    if (m.losslab === 'ready') {
      ready = true;
      for (const beat of document.querySelectorAll('.beat')) observer.observe(beat);
    }
    if (m.losslab === 'stopped') log('descent-log', `η = ${current ?? '…'}：小球停下了。${m.text}`);
    if (m.losslab === 'diverged') log('descent-log', `η = ${current}：发散了！${m.text}`, 'alarm');
  }
  if (frame === frames.lesson && m.losslab === 'goal') log('lesson-log', `✓ 目标达成：${m.text}`, 'reached');
});
