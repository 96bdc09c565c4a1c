"""A poll slide on the audience's phones (plain HTML, a fixed style sheet and a fixed script; no Streamlit).

``poll_html(ds, slide, crux)``: the crux's question, one line on the evidence for each end of the
scale, and the answer form: a slider and a number box whose accessible names say "credence" (0-100 %;
a thumb drags the slider, a keyboard steps it with the arrows and Page Up/Down, a screen reader hears
the value and the side it leans to) and a "Send" button. The room's answers are not in the page: the
script asks for them once this phone has answered, and the server gives them to no phone that has
not (a histogram of ten bars with the phone's own answer marked, the median and "N answers").
"""

from __future__ import annotations

import html

from dashboard.analysis import polls
from dashboard.pack import models as m


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def poll_html(slide: m.Slide, crux: m.Crux) -> str:
    ends = polls.sides(crux)
    low = next((s for s in ends if s.side == "low"), None)
    high = next((s for s in ends if s.side == "high"), None)
    items = "".join(f"<li><strong>{s.credence} = {_e(s.label)}.</strong> {_e(s.evidence)}</li>" for s in ends)
    low_label = _e(low.label if low else "0")
    high_label = _e(high.label if high else "100")
    return (
        f'<section class="poll" data-poll="{_e(slide.id)}" data-low="{low_label}" data-high="{high_label}" '
        'aria-labelledby="poll-question">'
        f'<p id="poll-question" class="question">{_e(polls.poll_question(crux))}</p>'
        f'<ul class="sides" aria-label="The evidence on each side">{items}</ul>'
        '<form class="poll-form" novalidate><fieldset disabled>'
        '<legend class="visually-hidden">Your answer</legend>'
        '<label for="credence" class="credence-label">Your credence, 0 to 100 %</label>'
        '<div class="credence-row">'
        '<input id="credence" name="credence" type="range" min="0" max="100" step="1" value="50" '
        'aria-describedby="credence-ends" aria-valuetext="50 %, undecided">'
        '<input id="credence-typed" name="credence-typed" type="number" inputmode="numeric" min="0" max="100" '
        'step="1" value="50" aria-label="Your credence in %, typed" aria-describedby="credence-ends">'
        "</div>"
        f'<p id="credence-ends" class="ends"><span>0 = {low_label}</span><span>100 = {high_label}</span></p>'
        '<button type="submit" class="send">Send</button>'
        "</fieldset></form>"
        '<p class="poll-status" role="status"></p>'
        '<div class="poll-result" hidden></div>'
        "</section>"
    )


POLL_CSS = """
.poll .question { font-size: 1.2rem; font-weight: 700; margin: 0.2rem 0 0.5rem; }
.poll .sides { padding-left: 1.1rem; margin: 0 0 0.8rem; }
.poll .sides li { margin: 0.25rem 0; }
.poll fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.poll .credence-label { display: block; font-weight: 700; margin-bottom: 0.3rem; }
.poll .credence-row { display: flex; gap: 0.8rem; align-items: center; }
.poll input[type=range] { flex: 1 1 auto; min-width: 0; height: 48px; accent-color: #1f5fbf; }
.poll input[type=number] { width: 5.2rem; min-height: 48px; font: inherit; font-size: 1.2rem; padding: 0 0.4rem;
  color: var(--fg); background: var(--bg); border: 2px solid var(--muted); border-radius: 0.4rem; }
.poll .ends { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.9rem; color: var(--muted); margin: 0.1rem 0 0.6rem; }
.poll .send { min-height: 48px; min-width: 8rem; font: inherit; font-weight: 700; font-size: 1.1rem; color: #ffffff;
  background: #1f5fbf; border: 0; border-radius: 0.5rem; padding: 0 1.2rem; }
.poll fieldset:disabled .send { background: #5c5c5c; }
.poll fieldset:disabled { opacity: 0.85; }
.poll .poll-status { min-height: 1.4em; font-weight: 600; margin: 0.6rem 0; }
.poll .poll-status.refused { border-left: 4px solid currentColor; padding-left: 0.5rem; }
.poll .poll-summary { font-size: 1.2rem; margin: 0.2rem 0 0.4rem; }
.poll .bars { display: flex; align-items: flex-end; gap: 3px; height: 9rem; border-bottom: 2px solid var(--fg); }
.poll .bar { flex: 1 1 0; background: #7aa7e0; position: relative; min-height: 2px; }
.poll .bar.yours { background: #1f5fbf; outline: 3px solid var(--fg); outline-offset: 1px; }
.poll .axis { display: flex; justify-content: space-between; font-size: 0.85rem; color: var(--muted); margin: 0.2rem 0; }
.poll .yours-note { margin: 0.3rem 0 0; }
"""

# Fixed script: the poll on a slide (found again after each new slide). The phone's voter id is random
# and kept in this browser only (localStorage), so that its later answer replaces its earlier one.
POLL_JS = """
(() => {
  let voter = null;
  try { voter = localStorage.getItem('talk-voter'); } catch (e) { voter = null; }
  if (!voter || !/^[A-Za-z0-9_-]{8,64}$/.test(voter)) {
    voter = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    try { localStorage.setItem('talk-voter', voter); } catch (e) { /* private mode: this page only */ }
  }
  const base = () => document.body.dataset.events.replace(/\\/events$/, '');
  let timer = null;
  const lean = (v, sec) => v > 60 ? 'towards ' + sec.dataset.high : v < 40 ? 'towards ' + sec.dataset.low : 'undecided';
  const say = (sec, text, refused) => {
    const s = sec.querySelector('.poll-status');
    s.textContent = text;
    s.classList.toggle('refused', !!refused);
  };
  const result = (sec, d) => {
    const box = sec.querySelector('.poll-result');
    if (!d) { box.hidden = true; return; }
    const max = Math.max(1, ...d.counts);
    const own = d.yours === null ? -1 : Math.min(Math.floor(d.yours / 10), 9);
    const bars = d.counts.map((c, i) => '<div class="bar' + (i === own ? ' yours' : '') + '" style="height:' +
      Math.round(100 * c / max) + '%"></div>').join('');
    const words = d.counts.map((c, i) => c + ' between ' + (i * 10) + ' and ' + (i === 9 ? 100 : i * 10 + 9)).join(', ');
    box.innerHTML = '<p class="poll-summary"><strong>' + d.label + '</strong> · ' + d.median_label + '</p>' +
      '<div class="bars" role="img" aria-label="The room\\'s answers: ' + words + '.">' + bars + '</div>' +
      '<p class="axis" aria-hidden="true"><span>0 %</span><span>50 %</span><span>100 %</span></p>' +
      '<p class="yours-note">Your answer: <strong>' + d.yours + ' %</strong> (the outlined bar).</p>';
    box.hidden = false;
  };
  const show = (sec, st) => {
    const fs = sec.querySelector('fieldset');
    fs.disabled = st.state !== 'open';
    if (st.state === 'waiting') say(sec, 'The poll opens when the presenter opens it.');
    else if (st.state === 'closed') say(sec, st.answered ? 'The poll is closed. The room answered:' : 'The poll is closed: this phone did not answer.');
    else if (!st.answered) say(sec, 'The poll is open: set your credence and press Send. The room\\'s answers show once you have sent yours.');
    if (st.distribution) {
      result(sec, st.distribution);
      if (st.distribution.yours !== null && !sec.dataset.touched) set(sec, st.distribution.yours);
    }
    clearTimeout(timer);
    if (st.state === 'open' && st.answered) timer = setTimeout(() => refresh(sec), 4000 + Math.random() * 2000);
  };
  const set = (sec, v) => {
    const r = sec.querySelector('#credence'), t = sec.querySelector('#credence-typed');
    r.value = v; t.value = v;
    r.setAttribute('aria-valuetext', v + ' %, ' + lean(Number(v), sec));
  };
  const refresh = async (sec) => {
    if (!sec.isConnected) return;
    try {
      const r = await fetch(base() + '/poll/' + sec.dataset.poll + '?c=' + voter, { cache: 'no-store' });
      if (r.ok) show(sec, await r.json());
    } catch (e) { /* offline for a moment: the next event or timer tries again */ }
  };
  const send = async (sec) => {
    const typed = sec.querySelector('#credence-typed').value.trim();
    const value = typed === '' ? NaN : Number(typed);
    say(sec, 'Sending…');
    let r, d;
    try {
      r = await fetch(base() + '/answer', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ poll: sec.dataset.poll, credence: Number.isFinite(value) ? value : typed, voter }) });
      d = await r.json();
    } catch (e) { say(sec, 'Not sent: no connection. Try again.', true); return; }
    if (!r.ok) {
      const why = 'Not sent: ' + (d.error || ('HTTP ' + r.status));
      if (r.status === 409) await refresh(sec);  // the poll's state: closed, the form disabled, the room's answers
      say(sec, why, true);  // the reason stays in view (the state's own sentence replaced it at once)
      return;
    }
    delete sec.dataset.touched;
    say(sec, 'Sent: your credence is ' + d.stored + ' %. You can change it until the poll closes.');
    show(sec, d);
  };
  const bind = () => {
    const sec = document.querySelector('section.poll');
    if (!sec || sec.dataset.bound) { if (sec) refresh(sec); return; }
    sec.dataset.bound = '1';
    const r = sec.querySelector('#credence'), t = sec.querySelector('#credence-typed');
    r.addEventListener('input', () => { sec.dataset.touched = '1'; set(sec, r.value); });
    t.addEventListener('input', () => {
      sec.dataset.touched = '1';
      const v = Number(t.value);
      if (t.value !== '' && v >= 0 && v <= 100) { r.value = v; r.setAttribute('aria-valuetext', v + ' %, ' + lean(v, sec)); }
    });
    sec.querySelector('form').addEventListener('submit', (ev) => { ev.preventDefault(); send(sec); });
    refresh(sec);
  };
  document.addEventListener('DOMContentLoaded', bind);
  document.addEventListener('talk-slide', bind);
})();
"""
