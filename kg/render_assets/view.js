/* kg analyst view: reads the JSON data block, draws it with vis-network, wires search, filters and panels.
 * Safety rule: data (names, sentences, ids) only ever reaches the DOM through textContent or
 * attribute setters, never innerHTML; vis-network gets no `title` (its tooltip renders HTML). */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var META = DATA.meta;
  // The interface's words, per language code (kg/render_assets/interface.json).
  var UI = JSON.parse(document.getElementById("kg-ui").textContent);
  var COLORS = {
    Person: "#e15759", Country: "#4e79a7", Organization: "#f28e2b", Region: "#76b7b2",
    Place: "#59a14f", Event: "#edc948", Project: "#b07aa1", Actor: "#9c9c9c"
  };
  // Above this many actors the layout is cheaper: no improvedLayout, straight edges, no hover.
  var BIG = DATA.nodes.length > 300 || DATA.edges.length > 1500;
  var MEASURES = ["degree", "pagerank", "betweenness"];

  var nodeById = new Map();
  var edgeById = new Map();
  var incident = new Map();
  DATA.nodes.forEach(function (n) {
    nodeById.set(n.id, n);
    incident.set(n.id, []);
    n.search = n.names.concat(Object.values(n.labels)).map(fold);
  });
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });
  var dateIndex = {};
  META.dates.forEach(function (d, i) { dateIndex[d] = i; });

  var state = {
    labelLang: META.labelLang,
    relations: new Set(META.relations),
    classes: new Set(META.classes),
    languages: new Set(META.languages),
    dateFrom: 0,
    dateTo: Math.max(META.dates.length - 1, 0),
    minConfidence: 0,  // index into META.confidences: sentences read with less are left out
    showIsolated: false,
    showUnasserted: false,  // what only Hypothetical or Denied sentences tell of: no relation, drawn on request
    focused: null,
    panel: null
  };

  // Every word of the page, in the language chosen (view_text.js).
  var text = window.kgText(META, UI, function () { return state.labelLang; });
  var t = text.t, relationName = text.relationName, className = text.className, languageName = text.languageName;
  var LABEL_FALLBACK = text.fallback;
  // What each sentence claims: modality, speaker, happening; the lines and the evidence (view_claims.js).
  var claims = window.kgClaims({
    data: DATA, text: text, el: el, labelOf: labelOf, nodeById: nodeById, passes: mentionPasses,
    actorLink: nodeLink, openEdge: selectEdge
  });
  var totalRelations = DATA.edges.filter(function (e) { return claims.asserts(e.modality); }).length;

  // ---- helpers -------------------------------------------------------------------------------
  function fold(s) {
    return String(s).toLocaleLowerCase().replace(/ё/g, "е");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function labelOf(n, lang) {
    lang = lang || state.labelLang;
    var order = [lang].concat(LABEL_FALLBACK);
    for (var i = 0; i < order.length; i++) {
      var v = n.labels[order[i]];
      if (v) return v;
    }
    var langs = Object.keys(n.labels).sort();
    if (langs.length) return n.labels[langs[0]];
    return n.names.length ? n.names[0] : n.id.replace(/\/+$/, "").split("/").pop();
  }

  function colorFor(type) {
    var c = COLORS[type] || COLORS.Actor;
    return { background: c, border: "#33333355", highlight: { background: c, border: "#000" },
             hover: { background: c, border: "#000" } };
  }

  function edgeWidth(w) {
    return w <= 1 ? 1 : Math.min(1 + 1.5 * (w - 1), 10);
  }

  // ---- filters -------------------------------------------------------------------------------
  function mentionPasses(m) {
    if (!state.languages.has(m.lang)) return false;
    if (m.date && META.dates.length) {
      var i = dateIndex[m.date];
      if (i < state.dateFrom || i > state.dateTo) return false;
    }
    // A sentence with no recorded confidence is not below any threshold.
    if (typeof m.confidence === "number" && META.confidences.length &&
        m.confidence < META.confidences[state.minConfidence]) return false;
    return true;
  }

  function edgePasses(e) {
    if (!state.relations.has(e.relation)) return false;
    if (!state.classes.has(nodeById.get(e.from).type) || !state.classes.has(nodeById.get(e.to).type)) return false;
    // An asserted relation with no recorded sentence cannot be placed in time or language: keep it.
    return e.mentions.length === 0 || e.mentions.some(mentionPasses);
  }

  // What the filters let through. An actor is drawn only with a relation that is: whether it never
  // had one (a company or a place only mentioned) or lost its relations to a filter, it is hidden
  // unless the analyst asks for actors without relations.
  function visibility() {
    var edges = new Map();
    var degree = new Map();
    DATA.edges.forEach(function (e) {
      // a relation is drawn by what its sentences within the filters claim
      e.kind = claims.kind(e);
      var show = edgePasses(e) && (claims.asserts(e.kind) || state.showUnasserted);
      edges.set(e.id, show);
      if (show) {
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
    });
    var nodes = new Map();
    DATA.nodes.forEach(function (n) {
      nodes.set(n.id, state.classes.has(n.type) && (degree.has(n.id) || state.showIsolated));
    });
    return { nodes: nodes, edges: edges };
  }

  // Hidden from the start, so the first layout is fitted to what is shown.
  var initial = visibility();
  DATA.nodes.forEach(function (n) { n.hidden = !initial.nodes.get(n.id); });
  DATA.edges.forEach(function (e) { e.hidden = !initial.edges.get(e.id); });

  // ---- vis data ------------------------------------------------------------------------------
  var pairCount = new Map();
  var visNodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return { id: n.id, label: labelOf(n), size: n.size, color: colorFor(n.type), hidden: n.hidden };
  }));
  var visEdges = new vis.DataSet(DATA.edges.map(function (e) {
    var item = Object.assign({
      id: e.id, from: e.from, to: e.to, label: "", width: edgeWidth(e.width),
      arrows: e.symmetric ? "" : "to", hidden: e.hidden
    }, claims.line(e.kind));
    e.drawn = e.kind;
    if (!BIG) {
      // Parallel edges between the same two actors would be drawn on top of each other: bend them apart.
      var a = e.from < e.to ? e.from : e.to, b = e.from < e.to ? e.to : e.from;
      var key = a + "\u0000" + b;
      var k = pairCount.get(key) || 0;
      pairCount.set(key, k + 1);
      if (k > 0) {
        var cw = (k % 2 === 1) === (e.from === a);
        item.smooth = { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(k / 2) };
      }
    }
    return item;
  }));

  var container = document.getElementById("kg-network");
  var options = {
    autoResize: true,
    nodes: {
      shape: "dot", borderWidth: 1,
      font: { size: 14, face: "system-ui, Noto Sans, DejaVu Sans, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      font: { size: 10, align: "middle", color: "#444", strokeWidth: 3, strokeColor: "#ffffff" },
      color: { color: "#9aa4b1", highlight: "#d62728", hover: "#555", inherit: false },
      arrows: { to: { enabled: false, scaleFactor: 0.5 } },
      smooth: BIG ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      selectionWidth: 2
    },
    interaction: { hover: !BIG, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, keyboard: false, tooltipDelay: 300 },
    layout: { improvedLayout: !BIG, randomSeed: 7 },
    physics: {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.01, springLength: 110, springConstant: 0.08, avoidOverlap: 0.3 },
      // Bounded: about 55 ms an iteration for 2,000 actors / 10,000 relations on a 2-core machine.
      stabilization: { enabled: true, iterations: BIG ? 100 : 300, updateInterval: BIG ? 25 : 20, fit: true },
      timestep: 0.5,
      minVelocity: 1
    }
  };
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);

  var progress = document.getElementById("kg-progress");
  progress.textContent = t("layingOutStart");
  var api = {
    network: network, nodes: visNodes, edges: visEdges, data: DATA, state: state, stabilized: false
  };
  window.kgView = api;

  // ---- edge labels ---------------------------------------------------------------------------
  // In a dense cluster the relations' names overlap into a smudge: a relation is named on the canvas
  // only while it or one of its actors is hovered or selected, or once the view is zoomed in past
  // LABEL_SCALE (where the cluster has spread out). The names follow the chosen language.
  var LABEL_SCALE = 1.5;
  var hovered = { node: null, edge: null };
  var labelled = new Map();  // edge id -> the label it shows
  function updateEdgeLabels() {
    var zoomed = network.getScale() >= LABEL_SCALE;
    var nodes = new Set(network.getSelectedNodes());
    var edges = new Set(network.getSelectedEdges());
    if (hovered.node !== null) nodes.add(hovered.node);
    if (hovered.edge !== null) edges.add(hovered.edge);
    var updates = [];
    DATA.edges.forEach(function (e) {
      var want = zoomed || edges.has(e.id) || nodes.has(e.from) || nodes.has(e.to) ? relationName(e.relation) : "";
      if ((labelled.get(e.id) || "") !== want) {
        updates.push({ id: e.id, label: want });
        if (want) labelled.set(e.id, want); else labelled.delete(e.id);
      }
    });
    if (updates.length) visEdges.update(updates);
  }
  api.labelScale = LABEL_SCALE;
  network.on("hoverNode", function (p) { hovered.node = p.node; updateEdgeLabels(); });
  network.on("blurNode", function () { hovered.node = null; updateEdgeLabels(); });
  network.on("hoverEdge", function (p) { hovered.edge = p.edge; updateEdgeLabels(); });
  network.on("blurEdge", function () { hovered.edge = null; updateEdgeLabels(); });
  ["select", "deselectNode", "deselectEdge", "zoom", "animationFinished"].forEach(function (name) {
    network.on(name, updateEdgeLabels);
  });

  function freeze() {
    if (api.stabilized) return;
    api.stabilized = true;
    // Stop physics for good: a large graph keeps the CPU busy and the nodes drifting otherwise.
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    updateEdgeLabels();  // the layout is fitted: its scale says whether to name every relation
    document.body.setAttribute("data-stabilized", "true");
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = t("layingOut", { percent: Math.round((100 * p.iterations) / Math.max(p.total, 1)) });
  });
  network.once("stabilizationIterationsDone", freeze);
  network.once("stabilized", freeze);
  // Belt and braces: whatever happens to the events, physics stops within this bound.
  setTimeout(freeze, 15000);

  // ---- banner --------------------------------------------------------------------------------
  var banner = document.getElementById("kg-banner");
  function showBanner() {
    if (!META.truncated) return;
    banner.textContent = t("truncated", { shown: META.shownNodes, total: META.totalNodes, measure: t("measure_" + META.sizeBy) });
    banner.hidden = false;
  }
  showBanner();

  function applyFilters() {
    var shown = visibility();
    var edgeUpdates = [];
    var shownEdges = 0, shownOthers = 0;
    DATA.edges.forEach(function (e) {
      var show = shown.edges.get(e.id);
      if (show && claims.asserts(e.kind)) shownEdges++; else if (show) shownOthers++;
      var update = !!e.hidden === show ? { id: e.id, hidden: !show } : null;
      if (e.drawn !== e.kind) {  // the filters changed what its sentences claim
        update = Object.assign(update || { id: e.id }, claims.line(e.kind));
        e.drawn = e.kind;
      }
      if (update) edgeUpdates.push(update);
      e.hidden = !show;
    });
    var nodeUpdates = [];
    var shownNodes = 0;
    DATA.nodes.forEach(function (n) {
      var show = shown.nodes.get(n.id);
      if (show) shownNodes++;
      if (!!n.hidden === show) nodeUpdates.push({ id: n.id, hidden: !show });
      n.hidden = !show;
    });
    if (nodeUpdates.length) visNodes.update(nodeUpdates);
    if (edgeUpdates.length) visEdges.update(edgeUpdates);
    document.getElementById("kg-status").textContent = t("status", {
      nodes: shownNodes, totalNodes: DATA.nodes.length, edges: shownEdges, totalEdges: totalRelations
    }) + (shownOthers ? " " + t("statusUnasserted", { n: shownOthers }) : "");
    if (state.panel) state.panel();
  }
  api.applyFilters = applyFilters;
  api.visibleNodeIds = function () {
    return visNodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
  };
  api.visibleEdgeIds = function () {
    return visEdges.get({ filter: function (e) { return !e.hidden; } }).map(function (e) { return e.id; });
  };

  function checkItem(list, text, count, checked, onChange, swatch) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    label.appendChild(box);
    if (swatch) {
      var sw = el("span", "swatch");
      sw.style.background = swatch;
      label.appendChild(sw);
    }
    box.text = el("span", null, text);  // the name, rewritten when the language changes
    label.appendChild(box.text);
    label.appendChild(el("span", "count", count));
    li.appendChild(label);
    list.appendChild(li);
    return box;
  }

  function counts(items, key) {
    var c = {};
    items.forEach(function (x) { var k = key(x); c[k] = (c[k] || 0) + 1; });
    return c;
  }

  var classCounts = counts(DATA.nodes, function (n) { return n.type; });
  var classList = document.getElementById("kg-classes");
  var classBoxes = META.classes.map(function (c) {
    var box = checkItem(classList, className(c), classCounts[c], true, function (on) {
      if (on) state.classes.add(c); else state.classes.delete(c);
    }, COLORS[c] || COLORS.Actor);
    box.setAttribute("data-class", c);
    return box;
  });
  var isolated = checkItem(classList, t("showIsolated"), "", false, function (on) {
    state.showIsolated = on;
  });
  isolated.id = "kg-show-isolated";
  isolated.parentNode.parentNode.classList.add("hint");

  var sizeLegend = document.getElementById("kg-size-legend");
  function showLegend() {
    sizeLegend.textContent = t("size_" + META.sizeBy) + " " + t("width");
  }
  showLegend();

  var relCounts = counts(DATA.edges.filter(function (e) { return claims.asserts(e.modality); }),
                         function (e) { return e.relation; });
  var relList = document.getElementById("kg-relations");
  function relationEntry(r) {
    return relationName(r) + (META.symmetric.indexOf(r) >= 0 ? " ↔" : " →");
  }
  var relBoxes = META.relations.map(function (r) {
    var box = checkItem(relList, relationEntry(r), relCounts[r] || 0, true, function (on) {
      if (on) state.relations.add(r); else state.relations.delete(r);
    });
    box.setAttribute("data-relation", r);
    return box;
  });
  function setAllRelations(on) {
    relBoxes.forEach(function (b) { b.checked = on; });
    state.relations = new Set(on ? META.relations : []);
    applyFilters();
  }
  document.getElementById("kg-rel-all").addEventListener("click", function () { setAllRelations(true); });
  document.getElementById("kg-rel-none").addEventListener("click", function () { setAllRelations(false); });

  // Off by default: what is only supposed or denied is no relation. The legend says what each line is.
  var unasserted = checkItem(document.getElementById("kg-unasserted"), t("showUnasserted"),
                             DATA.edges.length - totalRelations, false, function (on) { state.showUnasserted = on; });
  unasserted.id = "kg-show-unasserted";
  var lineLegend = document.getElementById("kg-line-legend");
  claims.legend(lineLegend);

  var langCounts = {};
  DATA.edges.forEach(function (e) { e.mentions.forEach(function (m) { langCounts[m.lang] = (langCounts[m.lang] || 0) + 1; }); });
  var langList = document.getElementById("kg-languages");
  META.languages.forEach(function (l) {
    var box = checkItem(langList, languageName(l), langCounts[l], true, function (on) {
      if (on) state.languages.add(l); else state.languages.delete(l);
    });
    box.setAttribute("data-lang", l);
  });

  var dateFrom = document.getElementById("kg-date-from");
  var dateTo = document.getElementById("kg-date-to");
  var dateText = document.getElementById("kg-date-text");
  function showDates() {
    dateText.textContent = META.dates.length
      ? t("dateRange", { from: META.dates[state.dateFrom], to: META.dates[state.dateTo],
                         n: state.dateTo - state.dateFrom + 1, total: META.dates.length })
      : t("noDates");
  }
  [dateFrom, dateTo].forEach(function (input) {
    input.max = String(Math.max(META.dates.length - 1, 0));
    input.disabled = META.dates.length < 2;
  });
  dateFrom.value = "0";
  dateTo.value = input_max();
  function input_max() { return String(Math.max(META.dates.length - 1, 0)); }
  function onDate(moved) {
    var a = parseInt(dateFrom.value, 10), b = parseInt(dateTo.value, 10);
    // The handles may not cross: the one being moved pushes the other.
    if (a > b) { if (moved === dateFrom) { dateTo.value = String(a); b = a; } else { dateFrom.value = String(b); a = b; } }
    state.dateFrom = a;
    state.dateTo = b;
    showDates();
    applyFilters();
  }
  dateFrom.addEventListener("input", function () { onDate(dateFrom); });
  dateTo.addEventListener("input", function () { onDate(dateTo); });
  showDates();

  // The confidence slider steps through the confidences the sentences were read with.
  var confidenceMin = document.getElementById("kg-confidence-min");
  var confidenceText = document.getElementById("kg-confidence-text");
  var allMentions = [];
  DATA.edges.forEach(function (e) { Array.prototype.push.apply(allMentions, e.mentions); });
  confidenceMin.max = String(Math.max(META.confidences.length - 1, 0));
  confidenceMin.disabled = META.confidences.length < 2;
  confidenceMin.value = "0";
  function showConfidence() {
    if (!META.confidences.length) { confidenceText.textContent = t("noConfidences"); return; }
    var min = META.confidences[state.minConfidence];
    var kept = allMentions.filter(function (m) { return typeof m.confidence !== "number" || m.confidence >= min; });
    confidenceText.textContent = t("confidenceRange", { value: min.toFixed(2), n: kept.length, total: allMentions.length });
  }
  confidenceMin.addEventListener("input", function () {
    state.minConfidence = parseInt(confidenceMin.value, 10);
    showConfidence();
    applyFilters();
  });
  showConfidence();

  // ---- language: the interface, the relations' and classes' names and the actors' labels ------
  var langSelect = document.getElementById("kg-lang");
  META.languageTable.forEach(function (l) {
    var option = el("option", null, l.native);
    option.value = l.code;
    langSelect.appendChild(option);
  });
  langSelect.value = state.labelLang;

  function setLanguage(code) {
    state.labelLang = code;
    text.translatePage();
    classBoxes.forEach(function (b) { b.text.textContent = className(b.getAttribute("data-class")); });
    isolated.text.textContent = t("showIsolated");
    unasserted.text.textContent = t("showUnasserted");
    claims.legend(lineLegend);
    relBoxes.forEach(function (b) { b.text.textContent = relationEntry(b.getAttribute("data-relation")); });
    showLegend();
    showBanner();
    showDates();
    showConfidence();
    if (!DATA.nodes.length) progress.textContent = t("noActors");
    else if (!api.stabilized) progress.textContent = t("layingOutStart");
    visNodes.update(DATA.nodes.map(function (n) { return { id: n.id, label: labelOf(n) }; }));
    labelled.clear();
    visEdges.update(DATA.edges.map(function (e) { return { id: e.id, label: "" }; }));
    updateEdgeLabels();
    if (searchBox.value.trim()) showResults();
    applyFilters();  // the status line, and the open panel
  }
  api.setLanguage = setLanguage;
  langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });

  // ---- panels --------------------------------------------------------------------------------
  var panel = document.getElementById("kg-panel");

  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
  }

  function row(table, key, value) {
    var tr = el("tr");
    tr.appendChild(el("td", "k", key));
    var td = el("td");
    if (value instanceof Node) td.appendChild(value); else td.textContent = value;
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function nodeLink(id) {
    var b = el("button", "linkish", labelOf(nodeById.get(id)));
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    state.panel = function () { showNode(id); };
    clearPanel();
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", id);
    var h = el("h2", null, labelOf(n));
    panel.appendChild(h);
    var type = el("div");
    var sw = el("span", "swatch");
    sw.style.background = COLORS[n.type] || COLORS.Actor;
    type.appendChild(sw);
    type.appendChild(document.createTextNode(" " + className(n.type) + (n.hidden ? t("hiddenSuffix") : "")));
    panel.appendChild(type);

    panel.appendChild(el("h3", null, t("labels")));
    var table = el("table");
    var langs = Object.keys(n.labels).sort();
    if (!langs.length) row(table, "—", t("noLabel"));
    langs.forEach(function (l) { row(table, l || "—", n.labels[l]); });
    panel.appendChild(table);
    var labelSet = new Set(Object.values(n.labels));
    var others = n.names.filter(function (x) { return !labelSet.has(x); });
    if (others.length) {
      panel.appendChild(el("h3", null, t("alsoKnownAs")));
      panel.appendChild(el("div", "names", others.join(" · ")));
    }
    panel.appendChild(el("h3", null, t("centrality")));
    var ct = el("table");
    MEASURES.forEach(function (m) {
      row(ct, t("measure_" + m) + (m === META.sizeBy ? " " + t("sizeMark") : ""), Number(n.centrality[m] || 0).toFixed(4));
    });
    panel.appendChild(ct);

    var edges = incident.get(id);
    panel.appendChild(el("h3", null, t("neighbours", { n: edges.length })));
    var ul = el("ul", "plain neighbours");
    edges.slice().sort(function (a, b) { return relationName(a.relation).localeCompare(relationName(b.relation)); })
      .forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li", e.hidden ? "faded" : null);
        var arrow = e.symmetric ? " ↔ " : e.from === id ? " → " : " ← ";
        li.appendChild(el("span", "rel", relationName(e.relation) + arrow));
        li.appendChild(nodeLink(other));
        if (e.kind !== META.modalities[0]) li.appendChild(el("span", "modality", claims.modalityName(e.kind)));
        var ev = el("button", "linkish", " (" + t("sentences", { n: e.width }) + ")");
        ev.type = "button";
        ev.addEventListener("click", function () { selectEdge(e.id); });
        li.appendChild(ev);
        ul.appendChild(li);
      });
    panel.appendChild(ul);
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    state.panel = function () { showEdge(id); };
    clearPanel();
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", id);
    var h = el("h2");
    h.appendChild(nodeLink(e.from));
    h.appendChild(el("span", "rel", (e.symmetric ? " ↔ " : " — ") + relationName(e.relation) + (e.symmetric ? " ↔ " : " → ")));
    h.appendChild(nodeLink(e.to));
    panel.appendChild(h);
    panel.appendChild(el("div", "hint", t("supportingSentences", { n: e.width })));
    claims.evidence(panel, e);
  }

  function selectEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    if (!e.hidden) network.selectEdges([id]);
    updateEdgeLabels();
    showEdge(id);
  }

  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) return false;
    state.focused = id;
    showNode(id);
    if (n.hidden) {
      document.getElementById("kg-status").textContent = t("isHidden", { name: labelOf(n) });
      return false;
    }
    network.selectNodes([id], true);
    updateEdgeLabels();
    // vis animates by frame count, not time: on a large graph each frame is slow, so jump instead.
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.2), locked: false,
      animation: BIG ? false : { duration: 400, easingFunction: "easeInOutQuad" }
    });
    if (BIG) updateEdgeLabels();  // the jump is not an animation: no animationFinished
    return true;
  }
  api.focus = focusNode;
  // for view_export.js
  api.text = text;
  api.labelOf = labelOf;
  api.nodeById = nodeById;
  api.mentionPasses = mentionPasses;
  api.showEdge = selectEdge;
  api.claims = claims;

  network.on("click", function (params) {
    if (params.nodes.length) {
      state.focused = params.nodes[0];
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });

  // ---- search --------------------------------------------------------------------------------
  function search(query) {
    var q = fold(query.trim());
    if (!q) return [];
    var hits = [];
    DATA.nodes.forEach(function (n) {
      var best = 3;
      var which = "";
      n.search.forEach(function (s, i) {
        var rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 3;
        if (rank < best) { best = rank; which = i < n.names.length ? n.names[i] : ""; }
      });
      if (best < 3) hits.push({ id: n.id, rank: best, name: which, weight: n.size });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.weight - a.weight || (a.id < b.id ? -1 : 1); });
    return hits;
  }
  api.search = function (q) { return search(q).map(function (h) { return h.id; }); };

  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-search-results");
  var lastHits = [];
  function showResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    lastHits = search(searchBox.value);
    if (searchBox.value.trim() && !lastHits.length) {
      results.appendChild(el("li", "hint", t("noMatch")));
      return;
    }
    lastHits.slice(0, 12).forEach(function (h) {
      var n = nodeById.get(h.id);
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-id", h.id);
      var sw = el("span", "swatch");
      sw.style.background = COLORS[n.type] || COLORS.Actor;
      b.appendChild(sw);
      b.appendChild(el("span", n.hidden ? "faded" : null, labelOf(n)));
      if (h.name && h.name !== labelOf(n)) b.appendChild(el("span", "alt", h.name));
      b.addEventListener("click", function () { focusNode(h.id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (lastHits.length > 12) results.appendChild(el("li", "hint", t("more", { n: lastHits.length - 12 })));
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      showResults();
      if (lastHits.length) focusNode(lastHits[0].id);
    }
  });

  text.translatePage();
  applyFilters();
  if (!DATA.nodes.length) {
    progress.textContent = t("noActors");
    freeze();
    progress.hidden = false;
  }
})();
