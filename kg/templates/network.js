/* diplomatic-kg page of a pyvis Network: renders the nodes, edges and options in #kg-data with vis-network,
 * under the same rules as the `kg view` page. A node or edge `title` (markup, for pyvis users) never reaches
 * vis (which would show it as raw text) nor the DOM as markup: the page parses it in an inert document and
 * copies only its text and a few formatting tags, without attributes, into the tooltip. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = DATA.meta, NODES = DATA.nodes, EDGES = DATA.edges, TIMES = DATA.times;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // ---------------------------------------------------------------- titles as safe tooltips
  var KEEP = { B: 1, STRONG: 1, I: 1, EM: 1, U: 1, SMALL: 1, BR: 1, P: 1, DIV: 1, SPAN: 1, UL: 1, OL: 1, LI: 1,
               H1: 1, H2: 1, H3: 1, H4: 1, CODE: 1, PRE: 1, HR: 1, SUB: 1, SUP: 1, TABLE: 1, TBODY: 1, TR: 1,
               TD: 1, TH: 1, DL: 1, DT: 1, DD: 1 };
  var DROP = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, NOSCRIPT: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, TITLE: 1,
               TEXTAREA: 1, SELECT: 1, SVG: 1, MATH: 1, svg: 1, math: 1 };
  function copyInto(from, to) {
    for (var c = from.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        to.appendChild(document.createTextNode(c.nodeValue));
      } else if (c.nodeType === 1 && !DROP[c.tagName]) {
        if (KEEP[c.tagName]) {
          var e = document.createElement(c.tagName.toLowerCase());
          copyInto(c, e);
          to.appendChild(e);
        } else {
          copyInto(c, to);      // an unknown element: keep its text, not the element
        }
      }
    }
  }
  /* a title (text or markup) as a detached element: its text and formatting tags, never attributes */
  function titleElement(title) {
    var box = el("div", "kg-title-html");
    if (typeof title !== "string") { box.textContent = String(title); return box; }
    var doc = new DOMParser().parseFromString(title, "text/html");   // inert: no scripts, no loads
    copyInto(doc.body, box);
    return box;
  }

  var titles = { nodes: {}, edges: {} }, hiddenByUser = { nodes: {}, edges: {} };
  NODES.forEach(function (n) {
    if (n.title !== undefined && n.title !== null && n.title !== "") titles.nodes[n.id] = n.title;
    delete n.title;
    if (n.hidden) hiddenByUser.nodes[n.id] = true;
  });
  EDGES.forEach(function (e, i) {
    if (e.id === undefined || e.id === null) e.id = "kg-edge-" + i;
    if (e.title !== undefined && e.title !== null && e.title !== "") titles.edges[e.id] = e.title;
    delete e.title;
    if (e.hidden) hiddenByUser.edges[e.id] = true;
  });

  // ---------------------------------------------------------------- time
  var state = { since: "", until: "", undated: true, fade: false };
  function edgeTimes(i) { return TIMES[i] || []; }
  function shownAt(i) {     // null: hidden by the time filter; else the newest date in the window ("" if undated)
    var ts = edgeTimes(i), newest = null;
    if (!ts.length) return state.undated ? "" : null;
    for (var j = 0; j < ts.length; j++) {
      var d = ts[j];
      if (d === null) { if (state.undated && newest === null) newest = ""; continue; }
      if (state.since && d < state.since) continue;
      if (state.until && d > state.until) continue;
      if (newest === null || newest === "" || d > newest) newest = d;
    }
    return newest;
  }
  var nodeIndex = {};
  NODES.forEach(function (n, i) { nodeIndex[n.id] = i; });
  var degree = new Array(NODES.length).fill(0);
  EDGES.forEach(function (e) {
    if (nodeIndex[e.from] !== undefined) degree[nodeIndex[e.from]]++;
    if (nodeIndex[e.to] !== undefined) degree[nodeIndex[e.to]]++;
  });

  var FADE = [1, 0.6, 0.4, 0.25];
  function faded(e, level) {
    var c = e.color;
    if (c === undefined || c === null) return undefined;
    var o = FADE[level];
    if (typeof c === "string") return { color: c, highlight: c, hover: c, opacity: o };
    var copy = {};
    Object.keys(c).forEach(function (k) { copy[k] = c[k]; });
    copy.opacity = (c.opacity === undefined ? 1 : c.opacity) * o;
    return copy;
  }

  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet();
  var shown = { nodes: {}, edges: {} };
  var api = window.kgView = { network: null, nodes: nodesDS, edges: edgesDS, data: DATA, state: state, ready: false,
                              titleElement: titleElement, timeline: null, visibleEdges: 0 };

  function render() {
    var nodeOn = new Array(NODES.length).fill(false), edgeUpdates = [], nodeUpdates = [], onEdges = 0;
    EDGES.forEach(function (e, i) {
      var at = hiddenByUser.edges[e.id] ? null : shownAt(i);
      var level = 0;
      if (at !== null) {
        onEdges++;
        if (nodeIndex[e.from] !== undefined) nodeOn[nodeIndex[e.from]] = true;
        if (nodeIndex[e.to] !== undefined) nodeOn[nodeIndex[e.to]] = true;
        if (state.fade && at && timeline) level = Math.max(0, Math.min(3, timeline.age(at)));
      }
      var key = (at === null ? "h" : "v") + level;
      if (shown.edges[e.id] === key) return;
      var item;
      if (shown.edges[e.id] === undefined) {
        item = {}; Object.keys(e).forEach(function (k) { item[k] = e[k]; });
      } else {
        item = { id: e.id };
      }
      item.hidden = at === null;
      if (level || (shown.edges[e.id] && shown.edges[e.id].charAt(1) !== "0")) {
        var c = level ? faded(e, level) : e.color;
        if (c !== undefined) item.color = c;
      }
      shown.edges[e.id] = key;
      edgeUpdates.push(item);
    });
    NODES.forEach(function (n, i) {
      var on = !hiddenByUser.nodes[n.id] && (degree[i] === 0 || nodeOn[i]), key = on ? "v" : "h";
      if (shown.nodes[n.id] === key) return;
      var item;
      if (shown.nodes[n.id] === undefined) {
        item = {}; Object.keys(n).forEach(function (k) { item[k] = n[k]; });
      } else {
        item = { id: n.id };
      }
      item.hidden = !on;
      shown.nodes[n.id] = key;
      nodeUpdates.push(item);
    });
    if (nodeUpdates.length) nodesDS.update(nodeUpdates);
    if (edgeUpdates.length) edgesDS.update(edgeUpdates);
    api.visibleEdges = onEdges;
    document.getElementById("kg-counts").textContent =
      plural(NODES.length, "node") + ", " + plural(EDGES.length, "edge") +
      (onEdges !== EDGES.length ? " \u2014 showing " + plural(onEdges, "edge") : "") +
      (meta.min_date ? " \u00b7 " + meta.min_date + " to " + meta.max_date : "");
  }

  var timeline = null;
  var tlBox = document.getElementById("kg-timeline");
  if (meta.dated) {
    var all = [];
    TIMES.forEach(function (ts) { ts.forEach(function (d) { if (d) all.push(d); }); });
    timeline = window.kgTimeline(tlBox, {
      dates: all, undated: meta.undated,
      onChange: function (a, b, withUndated, playing) {
        state.since = a; state.until = b; state.undated = withUndated; state.fade = playing;
        render();
      }
    });
  } else {
    tlBox.hidden = true;
  }
  api.timeline = timeline;

  // ---------------------------------------------------------------- network
  var options = DATA.options || {};
  options.interaction = options.interaction || {};
  options.interaction.hover = true;
  if (options.configure && options.configure.enabled) {
    var conf = document.getElementById("kg-config");
    conf.hidden = false;
    options.configure.container = conf;
  } else {
    delete options.configure;
  }
  var container = document.getElementById("kg-graph");
  render();
  var network = api.network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);

  var tip = document.getElementById("kg-tip"), mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (ev) { mouse.x = ev.clientX; mouse.y = ev.clientY; placeTip(); });
  function placeTip() {
    if (tip.hidden) return;
    var w = tip.offsetWidth, h = tip.offsetHeight, x = mouse.x + 14, y = mouse.y + 14;
    if (x + w > window.innerWidth - 4) x = Math.max(4, mouse.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function showTip(t) {
    if (t === undefined) return;
    clear(tip); tip.appendChild(titleElement(t)); tip.hidden = false; placeTip();
  }
  function hideTip() { tip.hidden = true; clear(tip); }
  network.on("hoverNode", function (p) { showTip(titles.nodes[p.node]); });
  network.on("hoverEdge", function (p) { showTip(titles.edges[p.edge]); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  api.edgeClientPoint = function (id) {
    var p = network.body.edges[id].edgeType.getPoint(0.5), d = network.canvasToDOM(p),
        r = container.getBoundingClientRect();
    return { x: r.left + d.x, y: r.top + d.y };
  };
  api.nodeClientPoint = function (id) {
    var p = network.getPositions([id])[id], d = network.canvasToDOM(p), r = container.getBoundingClientRect();
    return { x: r.left + d.x, y: r.top + d.y };
  };
  api.render = render;
  function ready() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  if (NODES.length === 0) ready();
  else network.once("afterDrawing", ready);
})();
