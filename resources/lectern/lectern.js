// The speaker's clock on a phone: follows the run screen, read-only.
//
// The server pushes snapshots over a websocket (desktop_app/domain/lectern.py says what is
// in them). A running clock comes as a start mark on the server's clock; this page measures
// the offset between its own monotonic clock and the server's by round trips (GET time) and
// computes the digits from the mark, so it never counts ticks and keeps time while the
// connection is down. It sends nothing on the websocket.
//
// window.lecternClock, when a page defines it before this script runs, replaces the page's
// clock (seconds): tests inject a clock they move by hand, as the Python side does.
"use strict";
(() => {
  const PULSE_S = 1.6;
  const PULSE_PERIOD_S = 0.2;
  const SAMPLES = 3;
  const RESYNC_MS = 10 * 60 * 1000;
  const SILENCE_MS = 6000; // the server beats every 2 s; longer silence: the link is dead
  const clock = () =>
    typeof window.lecternClock === "function" ? window.lecternClock() : performance.now() / 1000;
  const base = location.pathname.replace(/[^/]*$/, "");
  const chair = /\/chair$/.test(location.pathname);
  const $ = (id) => document.getElementById(id);

  let state = null;
  let offset = null;
  let socket = null;
  let lastHeard = 0;
  let retries = 0;
  let retryTimer = null;
  let expired = false;
  const shown = {};

  function format(seconds, roundUp) {
    let whole = roundUp ? Math.ceil(seconds - 1e-9) : Math.floor(seconds + 1e-9);
    whole = Math.max(whole, 0);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }

  function length(seconds) {
    const whole = Math.max(Math.floor(seconds), 0);
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = String(whole % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  // What the projector shows at server time `now` (the twin of LiveTimer on the server).
  function face(snap, now) {
    const run = snap.running;
    if (!run) {
      return { text: snap.text, phase: snap.phase, progress: snap.progress, pulse: false };
    }
    const elapsed = Math.max(now - run.start_mark, 0);
    if (run.count_up) {
      return { text: format(elapsed, false), phase: "normal", progress: 0, pulse: false };
    }
    const remaining = run.allowed_s - elapsed;
    let phase = "normal";
    if (remaining <= 0) phase = "overtime";
    else if (remaining <= run.final_s) phase = "final";
    else if (remaining <= run.warning_s) phase = "warning";
    const text = remaining < 0 ? "+" + format(-remaining, false) : format(remaining, true);
    const progress = run.allowed_s <= 0 ? 1 : Math.min(Math.max(elapsed / run.allowed_s, 0), 1);
    const since = -remaining;
    const pulse = since >= 0 && since < PULSE_S && Math.floor(since / PULSE_PERIOD_S) % 2 === 0;
    return { text, phase, progress, pulse };
  }

  function set(id, key, value, apply) {
    if (shown[id + key] === value) return;
    shown[id + key] = value;
    apply($(id), value);
  }

  function render() {
    if (!state || offset === null) return;
    const now = clock() + offset;
    const f = face(state, now);
    const classes = [`phase-${f.phase || "idle"}`];
    if (f.pulse) classes.push("pulse");
    if (!state.timed) classes.push("untimed");
    if (state.blackout) classes.push("blackout");
    if (chair) classes.push("chair");
    set("face", "class", classes.join(" "), () => (document.body.className = classes.join(" ")));
    set("digits", "text", state.timed ? f.text : "", (el, v) => (el.textContent = v));
    // Sized by the text's length, so "+12:34" fits where "4:59" is shown larger.
    set("digits", "chars", Math.max(f.text.length, 4), (el, v) => el.style.setProperty("--chars", v));
    set("fill", "width", `${(f.progress * 100).toFixed(1)}%`, (el, v) => (el.style.width = v));
    set("title", "text", state.title, (el, v) => (el.textContent = v));
    set("subtitle", "text", state.subtitle, (el, v) => (el.textContent = v));
    set("item", "text", state.item, (el, v) => (el.textContent = v));
    set("next", "text", state.next_up, (el, v) => (el.textContent = v));
    set("message", "text", state.message, (el, v) => {
      el.textContent = v;
      el.hidden = !v;
    });
    set("paused", "hidden", !(state.timed && state.paused), (el, v) => (el.hidden = v));
    set("black", "hidden", !state.blackout, (el, v) => (el.hidden = v));
    if (chair) renderAgenda(now);
  }

  function renderAgenda(now) {
    const rows = state.agenda.map((line) => {
      let spent = line.length_s;
      if (spent === null && line.since_mark !== null) spent = Math.max(now - line.since_mark, 0);
      const over = spent !== null && line.planned_s && spent > line.planned_s;
      return [
        line.current ? "current" : "",
        String(line.number),
        line.title,
        line.planned_s ? length(line.planned_s) : "—",
        line.started,
        spent === null ? "" : length(spent),
        over ? "over" : "",
      ];
    });
    set("rows", "html", JSON.stringify(rows), (el) => {
      el.replaceChildren(
        ...rows.map(([current, ...cells]) => {
          const tr = document.createElement("tr");
          tr.className = current;
          cells.slice(0, 5).forEach((text, i) => {
            const td = document.createElement("td");
            td.textContent = text;
            if (i === 4 && cells[5]) td.className = cells[5];
            tr.appendChild(td);
          });
          return tr;
        }),
      );
    });
  }

  function link(kind, text) {
    document.body.dataset.link = kind;
    $("link").textContent = text;
  }

  class Refused extends Error {}

  async function sync() {
    let best = null;
    for (let i = 0; i < SAMPLES; i++) {
      const sent = clock();
      const reply = await fetch(base + "time", { cache: "no-store" });
      if (reply.status === 403) throw new Refused();
      if (!reply.ok) throw new Error(String(reply.status));
      const server = (await reply.json()).now;
      const back = clock();
      const trip = back - sent;
      if (best === null || trip < best.trip) best = { trip, offset: server - (sent + back) / 2 };
    }
    offset = best.offset;
    document.body.dataset.synced = String(Date.now());
  }

  function connect() {
    retryTimer = null;
    if (expired) return;
    sync().then(open, (error) => (error instanceof Refused ? expire() : later()));
  }

  function open() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + base + "ws");
    socket = ws;
    ws.onopen = () => (lastHeard = performance.now());
    ws.onmessage = (event) => {
      lastHeard = performance.now();
      const message = JSON.parse(event.data);
      if (message.type === "snapshot") {
        state = message.state;
        retries = 0;
        link("live", "已连接");
        render();
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === 1008) expire(); // policy: the token is no longer valid
      else later();
    };
  }

  function later() {
    if (expired || retryTimer !== null) return;
    link("lost", "连接中断,正在重连…");
    const delay = Math.min(500 * 2 ** retries, 5000);
    retries += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function drop() {
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
    later();
  }

  function expire() {
    expired = true;
    link("expired", "地址已失效");
    $("expired").hidden = false;
  }

  let lastWall = Date.now();
  let lastMono = performance.now();

  function watch() {
    const wall = Date.now();
    const mono = performance.now();
    // A phone that slept may not have counted the time asleep on its monotonic clock (it
    // does not on Android): when the two clocks part, measure the offset again.
    const slept = Math.abs(wall - lastWall - (mono - lastMono)) > 1000;
    lastWall = wall;
    lastMono = mono;
    if (socket && socket.readyState === WebSocket.OPEN && mono - lastHeard > SILENCE_MS) {
      drop(); // Wi-Fi gone without a goodbye: reconnect instead of waiting for TCP
    } else if (slept && socket) {
      sync().catch(() => drop());
    }
  }

  // Keep the phone's screen on while the page shows (where the browser allows it: the
  // Wake Lock API needs a secure context, so on plain http it is simply not there).
  async function keepAwake() {
    try {
      if (navigator.wakeLock && document.visibilityState === "visible") {
        await navigator.wakeLock.request("screen");
      }
    } catch (error) {
      // Refused (battery saver, no permission): the screen may dim as usual.
    }
  }
  document.addEventListener("visibilitychange", () => {
    keepAwake();
    if (document.visibilityState === "visible" && socket) sync().catch(() => drop());
  });
  keepAwake();

  $("agenda").hidden = !chair;
  if (chair) document.title = "述职计时 · 主持人";
  window.addEventListener("online", () => {
    if (socket === null && retryTimer !== null) {
      clearTimeout(retryTimer); // the network is back: do not wait out the back-off
      connect();
    }
  });
  setInterval(render, 50);
  setInterval(watch, 1000);
  setInterval(() => socket && sync().catch(() => drop()), RESYNC_MS);
  connect();
})();
