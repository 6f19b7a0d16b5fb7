/* diplomatic-kg timeline: a histogram of dated items per month with a draggable window and a play button.
 * Shared by the `kg view` page and pages written from a pyvis Network. Builds its DOM with createElement
 * and textContent only. window.kgTimeline(box, opts) returns a controller; opts:
 *   dates:    ISO dates ("YYYY-MM-DD" or "YYYY-MM") of the items to count (more can be given by update())
 *   undated:  how many items have no date (shown beside the undated toggle)
 *   onChange: function (since, until, undated, playing) — since/until are "YYYY-MM-DD" or "" for open ends
 *   stepMs:   milliseconds per month while playing (default 800)
 */
(function () {
  "use strict";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function monthOf(d) { var m = /^(\d{4})-(\d{2})/.exec(String(d || "")); return m ? (+m[1]) * 12 + (+m[2]) - 1 : null; }
  function label(m) { var y = Math.floor(m / 12), mm = m % 12 + 1; return y + "-" + (mm < 10 ? "0" : "") + mm; }
  function firstDay(m) { return label(m) + "-01"; }
  function lastDay(m) {
    var y = Math.floor(m / 12), mm = m % 12 + 1, days = new Date(Date.UTC(y, mm, 0)).getUTCDate();
    return label(m) + "-" + (days < 10 ? "0" : "") + days;
  }

  window.kgTimeline = function (box, opts) {
    var months = (opts.dates || []).map(monthOf).filter(function (m) { return m !== null; });
    var undatedCount = opts.undated || 0;
    var onChange = opts.onChange || function () {};
    var stepMs = opts.stepMs || 800;
    var lo = months.length ? months.reduce(function (a, b) { return a < b ? a : b; }) : null;
    var hi = months.length ? months.reduce(function (a, b) { return a > b ? a : b; }) : null;
    var n = lo === null ? 0 : hi - lo + 1;
    var win = { a: 0, b: Math.max(0, n - 1) };          // inclusive month indices into [lo, hi]
    var counts = [], timer = null, undatedOn = true;

    var bar = el("div", "kg-tl-bar");
    var play = el("button", "kg-tl-play", "\u25b6 play");
    play.type = "button"; play.id = "kg-play"; play.setAttribute("aria-label", "Play: step the window month by month");
    var range = el("span", "kg-tl-range");
    var undatedBox = el("label", "kg-check kg-tl-undated"), undatedInput = el("input");
    undatedInput.type = "checkbox"; undatedInput.checked = true; undatedInput.id = "kg-undated";
    undatedBox.appendChild(undatedInput);
    var undatedText = el("span", null, "include undated events (" + undatedCount + ")");
    undatedBox.appendChild(undatedText);
    var reset = el("button", "kg-tl-reset", "all dates"); reset.type = "button";
    bar.appendChild(play); bar.appendChild(range); bar.appendChild(reset); bar.appendChild(undatedBox);
    var track = el("div", "kg-tl-track"), canvas = el("canvas", "kg-tl-hist");
    var win_el = el("div", "kg-tl-window"), left = el("div", "kg-tl-handle kg-tl-left"),
        right = el("div", "kg-tl-handle kg-tl-right");
    win_el.appendChild(left); win_el.appendChild(right);
    track.appendChild(canvas); track.appendChild(win_el);
    var axis = el("div", "kg-tl-axis");
    box.appendChild(bar); box.appendChild(track); box.appendChild(axis);
    if (n === 0) { track.hidden = true; axis.hidden = true; play.disabled = true; reset.disabled = true; }

    function count(dates) {
      counts = new Array(n).fill(0);
      dates.forEach(function (d) { var m = monthOf(d); if (m !== null && m >= lo && m <= hi) counts[m - lo]++; });
    }
    function draw() {
      if (!n) return;
      var w = track.clientWidth || 600, h = track.clientHeight || 48, dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      var max = Math.max.apply(null, counts.concat([1])), bw = w / n;
      for (var i = 0; i < n; i++) {
        var bh = counts[i] ? Math.max(2, (h - 4) * counts[i] / max) : 0;
        ctx.fillStyle = i >= win.a && i <= win.b ? "#4477aa" : "#c9d3de";
        ctx.fillRect(i * bw + (bw > 4 ? 1 : 0), h - bh, Math.max(1, bw - (bw > 4 ? 2 : 0)), bh);
      }
      win_el.style.left = (win.a * bw) + "px";
      win_el.style.width = Math.max(6, (win.b - win.a + 1) * bw) + "px";
    }
    function drawAxis() {
      while (axis.firstChild) axis.removeChild(axis.firstChild);
      if (!n) return;
      var ticks = Math.min(n, 8);
      for (var t = 0; t < ticks; t++) {
        var i = ticks === 1 ? 0 : Math.round(t * (n - 1) / (ticks - 1));
        var s = el("span", "kg-tl-tick", label(lo + i));
        s.style.left = ((i + 0.5) / n * 100) + "%";
        axis.appendChild(s);
      }
    }
    function full() { return win.a === 0 && win.b === n - 1; }
    function emit() {
      range.textContent = n ? (label(lo + win.a) + (win.b > win.a ? " \u2013 " + label(lo + win.b) : "")) +
        (full() ? " (all)" : "") : "no dated events";
      draw();
      onChange(full() ? "" : firstDay(lo + win.a), full() ? "" : lastDay(lo + win.b), undatedOn, !!timer);
    }
    function setWindow(a, b, quiet) {
      a = Math.max(0, Math.min(n - 1, a)); b = Math.max(a, Math.min(n - 1, b));
      if (a === win.a && b === win.b && quiet) return;
      win.a = a; win.b = b;
      if (!quiet) emit(); else draw();
    }
    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      play.textContent = "\u25b6 play"; play.classList.remove("on");
    }
    function step() {
      if (win.b >= n - 1) { stop(); emit(); return false; }
      setWindow(win.a + 1, win.b + 1);
      return true;
    }
    function start() {
      if (!n) return;
      var width = full() ? Math.max(1, Math.min(3, Math.ceil(n / 6))) : win.b - win.a + 1;
      if (full() || win.b >= n - 1) { win.a = 0; win.b = width - 1; }
      play.textContent = "\u275a\u275a pause"; play.classList.add("on");
      timer = setInterval(step, stepMs);
      emit();
    }
    play.addEventListener("click", function () { if (timer) { stop(); emit(); } else start(); });
    reset.addEventListener("click", function () { stop(); setWindow(0, n - 1); });
    undatedInput.addEventListener("change", function () { undatedOn = undatedInput.checked; emit(); });

    // drag the window (move) or its handles (resize), in whole months
    var drag = null;
    function monthAt(x) {
      var r = track.getBoundingClientRect();
      return Math.floor(Math.max(0, Math.min(r.width - 0.001, x - r.left)) / r.width * n);
    }
    function down(ev, mode) {
      ev.preventDefault(); ev.stopPropagation(); stop();
      drag = { mode: mode, m0: monthAt(ev.clientX), a: win.a, b: win.b };
      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", up);
    }
    function move(ev) {
      if (!drag) return;
      var m = monthAt(ev.clientX), d = m - drag.m0, w = drag.b - drag.a;
      if (drag.mode === "move") { var a = Math.max(0, Math.min(n - 1 - w, drag.a + d)); setWindow(a, a + w); }
      else if (drag.mode === "left") setWindow(Math.min(m, drag.b), drag.b);
      else if (drag.mode === "right") setWindow(drag.a, Math.max(m, drag.a));
      else setWindow(Math.min(m, drag.m0), Math.max(m, drag.m0));
    }
    function up() {
      drag = null;
      document.removeEventListener("pointermove", move);
      document.removeEventListener("pointerup", up);
    }
    win_el.addEventListener("pointerdown", function (ev) { down(ev, "move"); });
    left.addEventListener("pointerdown", function (ev) { down(ev, "left"); });
    right.addEventListener("pointerdown", function (ev) { down(ev, "right"); });
    track.addEventListener("pointerdown", function (ev) { down(ev, "new"); move(ev); });
    window.addEventListener("resize", draw);

    count(opts.dates || []);
    range.textContent = n ? label(lo) + (n > 1 ? " \u2013 " + label(hi) : "") + " (all)" : "no dated events";
    drawAxis();
    requestAnimationFrame(draw);
    return {
      months: n, first: lo === null ? null : label(lo), last: hi === null ? null : label(hi),
      /* recount the histogram (e.g. after a type filter) without moving the window */
      update: function (dates) { count(dates); draw(); },
      /* move the window to cover since..until ("" = open end) without calling onChange */
      follow: function (since, until) {
        if (!n) return;
        var a = since ? monthOf(since) - lo : 0, b = until ? monthOf(until) - lo : n - 1;
        setWindow(isNaN(a) ? 0 : a, isNaN(b) ? n - 1 : b, true);
        range.textContent = label(lo + win.a) + (win.b > win.a ? " \u2013 " + label(lo + win.b) : "") +
          (full() ? " (all)" : "");
      },
      setWindow: function (a, b) { setWindow(a, b); },
      window: function () { return { a: win.a, b: win.b, since: firstDay(lo + win.a), until: lastDay(lo + win.b) }; },
      play: start, stop: stop, step: step,
      playing: function () { return !!timer; },
      setUndated: function (on) { undatedOn = !!on; undatedInput.checked = undatedOn; emit(); },
      /* months between the window's end and `date` (0 = in the last month of the window) */
      age: function (date) { var m = monthOf(date); return m === null ? null : lo + win.b - m; }
    };
  };
})();
