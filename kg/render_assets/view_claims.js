/* kg analyst view, what the sentences claim (ONTOLOGY.md, "Modality, attribution and happenings"): each
 * sentence's modality, speaker and the happening it reports. A relation's line is drawn by the strongest
 * modality of its sentences that pass the filters: solid when one states it as fact, dashed when they only
 * plan it (a plan is asserted), dotted or dash-dotted, and only on request, when they only suppose or deny
 * it (then it is no relation). The evidence panel puts the sentences that report one happening together.
 * view.js makes one with kgClaims(page) and asks it for the lines, their legend and the panel's sentences.
 * Data reaches the DOM through textContent only, as in view.js. */
(function () {
  "use strict";

  // Each modality's line: its colour and vis-network's dashes ([dash, gap, ...] in pixels; false: solid).
  var LINES = {
    Asserted: { color: "#9aa4b1", dashes: false },
    Planned: { color: "#2f6db5", dashes: [10, 6] },
    Hypothetical: { color: "#8e44ad", dashes: [2, 5] },
    Denied: { color: "#c0392b", dashes: [12, 4, 2, 4] }
  };
  var SELECTED = { highlight: "#d62728", hover: "#555" };

  window.kgClaims = function (page) {
    var META = page.data.meta;
    var text = page.text, t = text.t, el = page.el;
    var order = META.modalities;  // strongest first: Asserted, Planned, Hypothetical, Denied
    var asserting = new Set(META.asserting);

    // Which edge holds each happening, so that talks lead to the meeting they were part of.
    var happenings = new Map();
    page.data.edges.forEach(function (e) {
      e.mentions.forEach(function (m) { if (m.happening) happenings.set(m.happening.id, { edge: e, happening: m.happening }); });
    });

    function strongest(mentions) {
      var best = order.length - 1;
      mentions.forEach(function (m) { best = Math.min(best, Math.max(order.indexOf(m.modality), 0)); });
      return order[best];
    }

    // What an edge's sentences within the filters claim (all of them when none is); one without a
    // sentence is a relation the graph asserts.
    function kind(e) {
      if (!e.mentions.length) return order[0];
      var within = e.mentions.filter(page.passes);
      return strongest(within.length ? within : e.mentions);
    }

    function asserts(k) {
      return asserting.has(k);
    }

    // The edge's look in vis-network for its kind.
    function line(k) {
      var l = LINES[k] || LINES.Asserted;
      return { dashes: l.dashes, color: { color: l.color, highlight: SELECTED.highlight, hover: SELECTED.hover, inherit: false } };
    }

    function modalityName(k) {
      var found = text.pick(META.modalityLabels[k]);
      return found ? found.value : k;
    }

    // A legend sample: the line's dashes as a CSS gradient, so the page needs no picture.
    function sample(k) {
      var l = LINES[k], span = el("span", "line");
      if (!l.dashes) { span.style.background = l.color; return span; }
      var stops = [], at = 0;
      l.dashes.forEach(function (len, i) {
        var c = i % 2 ? "transparent" : l.color;
        stops.push(c + " " + at + "px " + (at + len) + "px");
        at += len;
      });
      span.style.background = "repeating-linear-gradient(90deg, " + stops.join(", ") + ")";
      return span;
    }

    function legend(list) {
      while (list.firstChild) list.removeChild(list.firstChild);
      order.forEach(function (k) {
        var li = el("li");
        li.setAttribute("data-modality", k);
        li.appendChild(sample(k));
        li.appendChild(el("span", null, text.capitalise(modalityName(k)) + ": " + t("line_" + k)));
        list.appendChild(li);
      });
    }

    // An interface string with one slot filled by a DOM node (a link), the rest as text.
    function withNode(key, slot, node, params) {
      var frag = document.createDocumentFragment();
      var p = Object.assign({}, params || {});
      p[slot] = "\u0000";
      var parts = t(key, p).split("\u0000");
      frag.appendChild(document.createTextNode(parts[0]));
      frag.appendChild(node);
      frag.appendChild(document.createTextNode(parts.slice(1).join("")));
      return frag;
    }

    // An actor a sentence names: a link when it is drawn, else its label from the view's table.
    function actor(id) {
      if (page.nodeById.has(id)) return page.actorLink(id);
      var found = text.pick(page.data.mentionActors[id]);
      return el("span", "actor", found ? found.value : id.replace(/\/+$/, "").split("/").pop());
    }

    function mentionBox(m) {
      var box = el("div", "mention" + (page.passes(m) ? "" : " out"));
      box.setAttribute("data-modality", m.modality);
      box.appendChild(el("p", "evidence", m.evidence));
      if (m.modality !== order[0] || m.speaker) {
        var claim = el("div", "claim");
        if (m.modality !== order[0]) {
          var tag = el("span", "modality", modalityName(m.modality));
          tag.style.borderColor = (LINES[m.modality] || LINES.Asserted).color;
          claim.appendChild(tag);
        }
        if (m.speaker) {
          if (claim.firstChild) claim.appendChild(document.createTextNode(" · "));
          claim.appendChild(withNode("saidBy", "name", actor(m.speaker)));
        }
        box.appendChild(claim);
      }
      var src = [m.article ? t("article", { id: m.article }) : t("articleUnknown"), m.date || t("undated"),
                 text.languageName(m.lang)];
      if (typeof m.confidence === "number") src.push(t("confidence", { value: m.confidence.toFixed(2) }));
      if (m.extractor) src.push(m.extractor);
      if (!page.passes(m)) src.push(t("outside"));
      box.appendChild(el("div", "src", src.join(" · ")));
      return box;
    }

    function distinct(values) {
      return Array.from(new Set(values)).sort();
    }

    // One happening and every sentence of the edge that reports it.
    function happeningBox(mentions) {
      var h = mentions[0].happening;
      var box = el("section", "happening");
      box.setAttribute("data-happening", h.id);
      var date = h.date || t("undated");
      box.appendChild(el("h3", null, t("happening", { date: date }) + (h.fromReport ? " " + t("dateOfReport") : "")));
      var langs = distinct(mentions.map(function (m) { return m.lang; }));
      box.appendChild(el("div", "hint reports", t("reports", {
        sentences: t("sentences", { n: mentions.length }),
        articles: t("articles", { n: distinct(mentions.map(function (m) { return m.article; })).length }),
        languages: t("languages", { n: langs.length }) + " (" + langs.map(text.languageName).join(", ") + ")"
      })));
      if (h.place) {
        var place = el("div", "hint place");
        place.appendChild(withNode("place", "name", actor(h.place)));
        box.appendChild(place);
      }
      var whole = h.partOf && happenings.get(h.partOf);
      if (whole) {
        var e = whole.edge;
        var link = el("button", "linkish", page.labelOf(page.nodeById.get(e.from)) + " — " + text.relationName(e.relation) +
                      " — " + page.labelOf(page.nodeById.get(e.to)) + ", " + (whole.happening.date || t("undated")));
        link.type = "button";
        link.addEventListener("click", function () { page.openEdge(e.id); });
        var partOf = el("div", "hint part-of");
        partOf.appendChild(withNode("partOf", "happening", link));
        box.appendChild(partOf);
      }
      mentions.forEach(function (m) { box.appendChild(mentionBox(m)); });
      return box;
    }

    // The edge's sentences into the panel: what they claim together, then each happening with its reports
    // (by date), then the sentences that report none.
    function evidence(panel, e) {
      var k = kind(e);
      if (k !== order[0]) panel.appendChild(el("div", "claim-note", t(asserts(k) ? "edgePlanned" : "edgeUnasserted")));
      var groups = new Map();
      var others = [];
      e.mentions.forEach(function (m) {
        if (!m.happening) { others.push(m); return; }
        if (!groups.has(m.happening.id)) groups.set(m.happening.id, []);
        groups.get(m.happening.id).push(m);
      });
      var ordered = Array.from(groups.values()).sort(function (a, b) {
        var x = a[0].happening, y = b[0].happening;
        return x.date < y.date ? -1 : x.date > y.date ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
      });
      ordered.forEach(function (ms) { panel.appendChild(happeningBox(ms)); });
      if (ordered.length && others.length) panel.appendChild(el("h3", null, t("otherSentences")));
      others.forEach(function (m) { panel.appendChild(mentionBox(m)); });
    }

    return {
      kind: kind, asserts: asserts, line: line, legend: legend, modalityName: modalityName, evidence: evidence
    };
  };
})();
