/* diplomatic-kg view: renders the JSON in #kg-data with vis-network.
 * Every string from the data reaches the page through textContent, never as markup,
 * and no node or edge gets a vis `title`, so vis never builds a popup from content. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = DATA.meta, KINDS = DATA.kinds, TYPES = DATA.types, EVENTS = DATA.events;
  var NODES = DATA.nodes, EDGES = DATA.edges;
  var large = !!meta.large;

  // ---------------------------------------------------------------- helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function rgb(hex) {
    var n = parseInt(String(hex).slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  function shade(hex, f) {
    var c = rgb(hex).map(function (v) { return Math.max(0, Math.min(255, Math.round(v * f))); });
    return "#" + c.map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join("");
  }
  function light(hex) {
    var c = rgb(hex);
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 150;
  }
  function typeColor(t) { return (TYPES[t] && TYPES[t].color) || "#777777"; }
  function kindOf(k) { return KINDS[k] || KINDS.unknown || { color: "#dddddd", shape: "dot", label: String(k) }; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // ---------------------------------------------------------------- state and filters
  var state = { types: {}, since: meta.min_date || "", until: meta.max_date || "", undated: true, selected: null,
                fade: false };
  Object.keys(TYPES).forEach(function (t) { state.types[t] = true; });

  function eventVisible(i) {
    var e = EVENTS[i];
    if (!state.types[e.type]) return false;
    if (!e.date) return state.undated;
    if (state.since && e.date < state.since) return false;
    if (state.until && e.date > state.until) return false;
    return true;
  }

  var degree = new Array(NODES.length).fill(0);
  EDGES.forEach(function (e) { degree[e.from]++; degree[e.to]++; });

  // parallel edges between one pair curve apart (small graphs only)
  var smoothOf = {};
  if (!large) {
    var pairs = {};
    EDGES.forEach(function (e) {
      var a = Math.min(e.from, e.to), b = Math.max(e.from, e.to), k = a + "-" + b;
      (pairs[k] = pairs[k] || []).push(e);
    });
    Object.keys(pairs).forEach(function (k) {
      var g = pairs[k];
      g.forEach(function (e, i) {
        var r = (i - (g.length - 1) / 2) * 0.22;
        if (Math.abs(r) < 1e-9) { smoothOf[e.id] = { enabled: false }; return; }
        if (e.from > e.to) r = -r;
        smoothOf[e.id] = { enabled: true, type: r > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(r) };
      });
    });
  }

  function nodeSize(n) { return n.hub ? 9 : Math.min(12 + 4 * Math.sqrt(n.n || 0), 40); }
  function edgeWidth(c) { return Math.min(2.2 + 2.6 * Math.log2(Math.max(c, 1)), 11); }
  function arrowsOf(e) {
    var a = e.arrows || "";
    return { to: { enabled: a.indexOf("to") >= 0, scaleFactor: 0.55 },
             from: { enabled: a.indexOf("from") >= 0, scaleFactor: 0.55 } };
  }

  var DIM_NODE = { background: "#eeeeee", border: "#dddddd" };
  function nodeItem(n, visible, dim) {
    var k = n.hub ? { color: typeColor(n.type), shape: "hexagon" } : kindOf(n.kind);
    var fill = dim ? DIM_NODE.background : k.color, border = dim ? DIM_NODE.border : shade(k.color, 0.7);
    return {
      id: n.id, label: n.name, hidden: !visible, shape: k.shape, size: nodeSize(n),
      color: { background: fill, border: border, highlight: { background: k.color, border: "#111111" },
               hover: { background: k.color, border: "#111111" } },
      borderWidth: n.hub ? 1 : 1.5, borderWidthSelected: 3,
      font: n.hub ? { size: 10, color: dim ? "#cccccc" : "#666666", strokeWidth: 3, strokeColor: "#ffffff" }
                  : { size: 14, color: dim ? "#bbbbbb" : "#222222", strokeWidth: 4, strokeColor: "#ffffff" }
    };
  }
  var FADE = [0.9, 0.6, 0.4, 0.25];   // opacity by months since an edge's newest event, while the timeline plays
  function edgeItem(e, count, dim, fade) {
    var c = dim ? "#e8e8e8" : typeColor(e.type);
    var item = {
      id: e.id, from: e.from, to: e.to, hidden: count === 0, width: edgeWidth(count),
      dashes: e.negated ? [7, 5] : false, arrows: arrowsOf(e),
      color: { color: c, highlight: typeColor(e.type), hover: typeColor(e.type), opacity: dim ? 0.6 : FADE[fade] },
      label: meta.collapse && !e.hub && count > 1 ? "\u00d7" + count : "",
      font: { size: 11, color: dim ? "#cccccc" : "#444444", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }
    };
    if (!large && smoothOf[e.id]) item.smooth = smoothOf[e.id];
    return item;
  }

  // ---------------------------------------------------------------- network
  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet();
  var container = document.getElementById("kg-graph");
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { shapeProperties: { interpolation: false }, scaling: { label: { drawThreshold: large ? 9 : 5 } } },
    edges: { smooth: large ? false : { enabled: false }, selectionWidth: 1.5, hoverWidth: 1.5 },
    interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   multiselect: false, navigationButtons: false, keyboard: false },
    physics: large ? { enabled: false } : {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -7000, centralGravity: 0.6, springLength: 170, springConstant: 0.025,
                   avoidOverlap: 0.7 },
      stabilization: { enabled: false }
    }
  };
  var network = null;   // made once the data sets are filled (one bulk load, not thousands of updates)

  var shown = { nodes: {}, edges: {} };   // the style key of what vis has, to update only changes

  function neighbourhood(id) {
    var keep = {}, keepEdges = {}, hubs = {};
    keep[id] = true;
    EDGES.forEach(function (e) {
      if (e.from === id || e.to === id) {
        keepEdges[e.id] = true; keep[e.from] = true; keep[e.to] = true;
        if (e.hub) hubs[e.to] = true;
      }
    });
    // a meeting hub is transparent: the other parties of a meeting are neighbours too
    EDGES.forEach(function (e) {
      if (e.hub && hubs[e.to]) { keepEdges[e.id] = true; keep[e.from] = true; }
    });
    return { nodes: keep, edges: keepEdges };
  }

  function render() {
    var counts = new Array(EDGES.length), nodeOn = new Array(NODES.length).fill(false);
    var fades = new Array(EDGES.length).fill(0);
    var typeCount = {};
    var visibleEvents = 0, seen = {};
    EDGES.forEach(function (e, i) {
      var c = 0, newest = null;
      for (var j = 0; j < e.events.length; j++) {
        if (eventVisible(e.events[j])) {
          c++;
          var d = EVENTS[e.events[j]].date;
          if (d && (newest === null || d > newest)) newest = d;
          if (!seen[e.events[j]]) { seen[e.events[j]] = true; visibleEvents++; }
        }
      }
      counts[i] = c;
      if (state.fade && newest !== null && timeline) fades[i] = Math.max(0, Math.min(3, timeline.age(newest)));
      if (c) { nodeOn[e.from] = true; nodeOn[e.to] = true; }
    });
    EVENTS.forEach(function (ev, i) {
      if (eventVisible(i)) typeCount[ev.type] = (typeCount[ev.type] || 0) + 1;
    });
    NODES.forEach(function (n, i) {
      if (n.hub) nodeOn[i] = eventVisible(n.event);
      else if (degree[i] === 0) nodeOn[i] = true;
    });
    var focus = state.selected !== null && nodeOn[state.selected] ? neighbourhood(state.selected) : null;
    var nodeUpdates = [], edgeUpdates = [];
    NODES.forEach(function (n, i) {
      var dim = !!(focus && !focus.nodes[i]), key = (nodeOn[i] ? "1" : "0") + (dim ? "1" : "0");
      if (shown.nodes[i] === key) return;
      var item = nodeItem(n, nodeOn[i], dim);
      if (shown.nodes[i] === undefined && n.x !== undefined) { item.x = n.x; item.y = n.y; }  // placed once
      shown.nodes[i] = key;
      nodeUpdates.push(item);
    });
    EDGES.forEach(function (e, i) {
      var dim = !!(focus && !focus.edges[e.id]), key = counts[i] + (dim ? "d" : "") + fades[i];
      if (shown.edges[i] === key) return;
      shown.edges[i] = key;
      edgeUpdates.push(edgeItem(e, counts[i], dim, fades[i]));
    });
    if (nodeUpdates.length) nodesDS.update(nodeUpdates);
    if (edgeUpdates.length) edgesDS.update(edgeUpdates);
    var onNodes = nodeOn.filter(Boolean).length, onEdges = counts.filter(Boolean).length;
    document.getElementById("kg-counts").textContent =
      plural(meta.actors, "actor") + ", " + plural(meta.events, "event") + " (" + plural(EDGES.length, "edge") +
      " drawn" + (meta.hubs ? ", " + plural(meta.hubs, "meeting hub") : "") + ")" +
      (onNodes !== NODES.length || onEdges !== EDGES.length || visibleEvents !== EVENTS.length
        ? " \u2014 showing " + plural(visibleEvents, "event") + ", " + plural(onEdges, "edge") : "") +
      (meta.min_date ? " \u00b7 " + meta.min_date + " to " + meta.max_date : "");
    Object.keys(typeRows).forEach(function (t) {
      typeRows[t].count.textContent = String(typeCount[t] || 0);
      typeRows[t].row.classList.toggle("off", !state.types[t]);
      typeRows[t].box.checked = !!state.types[t];
    });
    api.visible = { nodes: nodeOn, edges: counts };
    api.visibleEdges = onEdges;
  }

  // ---------------------------------------------------------------- legend and filters
  var typeRows = {};
  var typesBox = document.getElementById("kg-types");
  var totals = {};
  EVENTS.forEach(function (e) { totals[e.type] = (totals[e.type] || 0) + 1; });
  Object.keys(TYPES).sort(function (a, b) { return (totals[b] || 0) - (totals[a] || 0) || (a < b ? -1 : 1); })
    .forEach(function (t) {
      var row = el("label", "kg-type"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.type = t;
      var sw = el("span", "kg-swatch"); sw.style.background = typeColor(t);
      var name = el("span", "kg-type-name", t); name.title = TYPES[t].description || "";
      var count = el("span", "kg-n", totals[t] || 0);
      row.appendChild(box); row.appendChild(sw); row.appendChild(name); row.appendChild(count);
      box.addEventListener("change", function () { state.types[t] = box.checked; typesChanged(); });
      typesBox.appendChild(row);
      typeRows[t] = { row: row, box: box, count: count };
    });
  function setAllTypes(on) { Object.keys(state.types).forEach(function (t) { state.types[t] = on; }); typesChanged(); }
  function typesChanged() {
    if (timeline) timeline.update(EVENTS.filter(function (e) { return state.types[e.type]; })
                                        .map(function (e) { return e.date; }));
    render();
  }
  document.getElementById("kg-types-all").addEventListener("click", function () { setAllTypes(true); });
  document.getElementById("kg-types-none").addEventListener("click", function () { setAllTypes(false); });

  var since = document.getElementById("kg-since"), until = document.getElementById("kg-until");
  since.value = state.since; until.value = state.until;
  if (meta.min_date) { since.min = until.min = meta.min_date; since.max = until.max = meta.max_date; }
  since.addEventListener("change", function () { state.since = since.value; timeline.follow(since.value, until.value); render(); });
  until.addEventListener("change", function () { state.until = until.value; timeline.follow(since.value, until.value); render(); });

  // the timeline under the graph: its window is the date filter; playing steps it month by month
  var undatedEvents = EVENTS.filter(function (e) { return !e.date; }).length;
  var timeline = window.kgTimeline(document.getElementById("kg-timeline"), {
    dates: EVENTS.map(function (e) { return e.date; }), undated: undatedEvents,
    onChange: function (a, b, withUndated, playing) {
      state.since = a || meta.min_date || ""; state.until = b || meta.max_date || "";
      since.value = state.since; until.value = state.until;
      state.undated = withUndated; state.fade = playing;
      render();
    }
  });

  function shapeIcon(shape, color) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), s;
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("viewBox", "-9 -9 18 18");
    var stroke = shade(color, 0.7);
    var poly = {
      diamond: "0,-7 7,0 0,7 -7,0", triangle: "0,-7 7,6 -7,6", triangleDown: "0,7 7,-6 -7,-6",
      star: "0,-8 2,-2.5 7.6,-2.5 3,1 4.8,6.5 0,3.2 -4.8,6.5 -3,1 -7.6,-2.5 -2,-2.5",
      hexagon: "7,0 3.5,6 -3.5,6 -7,0 -3.5,-6 3.5,-6"
    }[shape];
    if (shape === "square" || shape === "box") {
      s = document.createElementNS(ns, "rect");
      s.setAttribute("x", "-6"); s.setAttribute("y", "-6"); s.setAttribute("width", "12"); s.setAttribute("height", "12");
    } else if (poly) {
      s = document.createElementNS(ns, "polygon"); s.setAttribute("points", poly);
    } else {
      s = document.createElementNS(ns, "circle"); s.setAttribute("r", "6.5");
    }
    s.setAttribute("fill", color); s.setAttribute("stroke", stroke); s.setAttribute("stroke-width", "1.3");
    svg.appendChild(s);
    return svg;
  }
  var kindsBox = document.getElementById("kg-kinds");
  Object.keys(KINDS).forEach(function (k) {
    var row = el("div", "kg-kind");
    row.appendChild(shapeIcon(KINDS[k].shape, KINDS[k].color));
    var label = el("span", null, KINDS[k].label || k); label.title = KINDS[k].description || "";
    row.appendChild(label);
    kindsBox.appendChild(row);
  });
  function lineIcon(dashed, width, arrow) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "34"); svg.setAttribute("height", "12");
    var l = document.createElementNS(ns, "line");
    l.setAttribute("x1", "2"); l.setAttribute("y1", "6"); l.setAttribute("x2", arrow ? "26" : "32"); l.setAttribute("y2", "6");
    l.setAttribute("stroke", "#555"); l.setAttribute("stroke-width", String(width));
    if (dashed) l.setAttribute("stroke-dasharray", "5 3");
    svg.appendChild(l);
    if (arrow) {
      var p = document.createElementNS(ns, "polygon");
      p.setAttribute("points", "25,1 33,6 25,11"); p.setAttribute("fill", "#555"); svg.appendChild(p);
    }
    return svg;
  }
  var edgeLegend = document.getElementById("kg-edge-legend");
  [[false, 1.6, true, "directed: source \u2192 target"], [false, 1.6, false, "mutual (met, agreed, \u2026)"],
   [false, 6, false, "width = number of events"], [true, 1.6, false, "dashed = negated (did not \u2026)"]]
    .forEach(function (spec) {
      var row = el("div", "kg-edge-key");
      row.appendChild(lineIcon(spec[0], spec[1], spec[2])); row.appendChild(el("span", null, spec[3]));
      edgeLegend.appendChild(row);
    });
  if (meta.collapse) {
    var row = el("div", "kg-edge-key");
    row.appendChild(el("span", null, "\u00d7N = N events of one type between a pair (both directions)"));
    edgeLegend.appendChild(row);
  }

  var find = document.getElementById("kg-find");
  NODES.filter(function (n) { return !n.hub; })
    .sort(function (a, b) { return a.name.localeCompare(b.name); })
    .forEach(function (n) {
      var label = n.name + (n.code && n.code !== n.name ? " (" + n.code + ")" : "");
      find.add(new Option(label, String(n.id)));
    });
  find.addEventListener("change", function () {
    if (find.value === "") { select(null); return; }
    var id = Number(find.value);
    network.selectNodes([id]);
    network.focus(id, { scale: large ? 1.0 : 1.3, animation: !large });
    select(id);
  });

  // ---------------------------------------------------------------- tooltip and details
  function eventBlock(i, full) {
    var e = EVENTS[i], box = el("div", "kg-event"), head = el("div", "kg-event-head");
    var badge = el("span", "kg-badge" + (light(typeColor(e.type)) ? " kg-light" : ""), e.type);
    badge.style.background = typeColor(e.type);
    head.appendChild(badge);
    if (e.negated) head.appendChild(el("span", "kg-not", "NOT"));
    var when = e.date || "undated";
    if (e.date_text && e.date_text !== e.date) when += " (\u201c" + e.date_text + "\u201d)";
    if (e.place) when += " \u00b7 " + e.place;
    if (e.mode) when += " \u00b7 " + String(e.mode).replace(/_/g, " ");
    head.appendChild(el("span", "kg-when", when));
    box.appendChild(head);
    if (full && e.participants && e.participants.length > 2) {
      box.appendChild(el("div", "kg-src", "parties: " + e.participants.join(", ")));
    }
    if (e.sentence) {
      var q = /^["\u201c\u201e']/.test(e.sentence) ? e.sentence : "\u201c" + e.sentence + "\u201d";
      box.appendChild(el("div", "kg-quote", q));
    }
    var src = [];
    if (e.source) src.push("source: " + e.source);
    if (e.n_sources > 1) src.push(plural(e.n_sources, "report"));
    if (full && e.confidence !== null && e.confidence !== undefined && e.confidence < 1) {
      src.push("confidence " + e.confidence);
    }
    if (src.length) box.appendChild(el("div", "kg-src", src.join(" \u00b7 ")));
    return box;
  }
  function edgeTitle(e) {
    var a = NODES[e.from], b = NODES[e.to];
    if (e.hub) return a.name + " at " + (EVENTS[b.event].type === "MET" ? "meeting" : EVENTS[b.event].type) +
      (b.name ? " (" + b.name + ")" : "");
    var arrow = e.arrows === "to" ? " \u2192 " : e.arrows === "from" ? " \u2190 " : e.arrows ? " \u2194 " : " \u2014 ";
    return a.name + arrow + b.name;
  }
  function edgeContent(id, full) {
    var e = EDGES[id], box = el("div");
    box.appendChild(el("h3", null, edgeTitle(e)));
    var list = e.events.filter(eventVisible), limit = full ? 200 : 4;
    box.appendChild(el("p", "kg-meta", (e.negated ? "NOT " : "") + e.type + " \u00b7 " + plural(list.length, "event")));
    list.slice(0, limit).forEach(function (i) { box.appendChild(eventBlock(i, full)); });
    if (list.length > limit) {
      box.appendChild(el("div", "kg-more", "+" + (list.length - limit) + " more" + (full ? "" : " \u2014 click the edge")));
    }
    return box;
  }
  function nodeContent(id, full) {
    var n = NODES[id], box = el("div");
    if (n.hub) {
      box.appendChild(el("h3", null, (EVENTS[n.event].type === "MET" ? "Meeting" : EVENTS[n.event].type) +
        " of " + plural(EVENTS[n.event].participants.length, "party").replace("partys", "parties")));
      box.appendChild(eventBlock(n.event, true));
      return box;
    }
    box.appendChild(el("h3", null, n.name));
    var bits = [kindOf(n.kind).label || n.kind];
    if (n.role) bits.push(n.role);
    if (n.code) bits.push(n.code);
    box.appendChild(el("p", "kg-meta", bits.join(" \u00b7 ")));
    box.appendChild(el("p", "kg-meta", "id: " + n.actor + " \u00b7 " + plural(n.n, "event")));
    if (full) {
      var mine = EDGES.filter(function (e) { return e.from === id || e.to === id; });
      var evs = {};
      mine.forEach(function (e) {
        if (e.hub) evs[NODES[e.to].event] = true;
        else e.events.forEach(function (i) { evs[i] = true; });
      });
      var list = Object.keys(evs).map(Number).filter(eventVisible)
        .sort(function (x, y) { return (EVENTS[x].date || "9999") < (EVENTS[y].date || "9999") ? -1 : 1; });
      list.slice(0, 200).forEach(function (i) { box.appendChild(eventBlock(i, true)); });
      if (list.length > 200) box.appendChild(el("div", "kg-more", "+" + (list.length - 200) + " more"));
    }
    return box;
  }

  var tip = document.getElementById("kg-tip"), details = document.getElementById("kg-details");
  var mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (ev) { mouse.x = ev.clientX; mouse.y = ev.clientY; placeTip(); });
  function placeTip() {
    if (tip.hidden) return;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = mouse.x + 14, y = mouse.y + 14;
    if (x + w > window.innerWidth - 4) x = Math.max(4, mouse.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function showTip(content) { clear(tip); tip.appendChild(content); tip.hidden = false; placeTip(); }
  function hideTip() { tip.hidden = true; clear(tip); }
  function showDetails(content) { clear(details); details.appendChild(content); }


  function select(id) {
    state.selected = id;
    find.value = id === null || NODES[id].hub ? "" : String(id);
    render();
    if (id !== null) showDetails(nodeContent(id, true));
  }
  function wire(network) {
    network.on("hoverEdge", function (p) { showTip(edgeContent(p.edge, false)); });
    network.on("blurEdge", hideTip);
    network.on("hoverNode", function (p) { showTip(nodeContent(p.node, false)); });
    network.on("blurNode", hideTip);
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);
    network.on("click", function (p) {
      if (p.nodes.length) { select(p.nodes[0]); return; }
      if (p.edges.length) {
        if (state.selected !== null) select(null);
        showDetails(edgeContent(p.edges[0], true));
        return;
      }
      if (state.selected !== null) select(null);
    });
  }

  // ---------------------------------------------------------------- start
  var api = window.kgView = {
    network: null, nodes: nodesDS, edges: edgesDS, data: DATA, state: state, ready: false,
    render: render, select: select,
    setTypes: function (list) {
      Object.keys(state.types).forEach(function (t) { state.types[t] = list.indexOf(t) >= 0; }); typesChanged();
    },
    setDates: function (a, b, withUndated) {
      state.since = a || ""; state.until = b || ""; since.value = state.since; until.value = state.until;
      timeline.follow(state.since, state.until);
      if (withUndated !== undefined) { state.undated = !!withUndated; document.getElementById("kg-undated").checked = state.undated; }
      render();
    },
    timeline: null,
    /* where edge `id` is drawn, in page (client) coordinates: its midpoint */
    edgeClientPoint: function (id) {
      var edge = network.body.edges[id], p = edge.edgeType.getPoint(0.5);
      var d = network.canvasToDOM(p), r = container.getBoundingClientRect();
      return { x: r.left + d.x, y: r.top + d.y };
    },
    nodeClientPoint: function (id) {
      var p = network.getPositions([id])[id], d = network.canvasToDOM(p), r = container.getBoundingClientRect();
      return { x: r.left + d.x, y: r.top + d.y };
    }
  };
  function ready() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  api.timeline = timeline;
  render();
  network = api.network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  wire(network);
  if (NODES.length === 0) {
    ready();
  } else if (large) {
    network.once("afterDrawing", ready);   // positions come from Python: the first frame is the final layout
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      network.once("afterDrawing", ready);
      network.redraw();
    });
    network.stabilize(200);
  }
})();
