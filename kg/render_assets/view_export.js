/* kg analyst view, export: what the filters let through, taken away as two CSV files (the actors; the
 * relations with how many of their sentences pass) and the picture as PNG. Every file is made in the
 * page and saved from a blob: URL, so it works offline from file:// and asks nothing of any server. */
(function () {
  "use strict";

  var view = window.kgView;
  var DATA = view.data;

  // A cell as RFC 4180 quotes it. Text a spreadsheet would run as a formula (a name from an article
  // starting with =, +, - or @) is written with a leading apostrophe, as spreadsheets themselves do.
  function cell(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // With a byte-order mark, so that spreadsheets read the Cyrillic as UTF-8.
  function csv(rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    // The browser has the file once the click is handled; the URL is let go of a while later.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function shownEdges() {
    return DATA.edges.filter(function (e) { return !e.hidden; });
  }

  function passing(e) {
    return e.mentions.filter(view.mentionPasses);
  }

  // One row per actor drawn: its shown relations and their passing sentences, and its centralities.
  function actorRows() {
    var relations = new Map();
    var sentences = new Map();
    shownEdges().forEach(function (e) {
      var n = passing(e).length;
      (e.from === e.to ? [e.from] : [e.from, e.to]).forEach(function (id) {
        relations.set(id, (relations.get(id) || 0) + 1);
        sentences.set(id, (sentences.get(id) || 0) + n);
      });
    });
    var rows = [["id", "label", "class", "relations", "sentences", "degree", "pagerank", "betweenness"]];
    DATA.nodes.forEach(function (n) {
      if (n.hidden) return;
      rows.push([n.id, view.labelOf(n), n.type, relations.get(n.id) || 0, sentences.get(n.id) || 0,
                 n.centrality.degree, n.centrality.pagerank, n.centrality.betweenness]);
    });
    return rows;
  }

  // One row per relation drawn, with how many of its sentences pass the filters, of how many, and when.
  function relationRows() {
    var rows = [["source", "source_label", "relation", "relation_label", "target", "target_label", "symmetric",
                 "sentences", "sentences_all", "first_date", "last_date", "modality"]];
    shownEdges().forEach(function (e) {
      var dates = passing(e).map(function (m) { return m.date; }).filter(Boolean).sort();
      rows.push([e.from, view.labelOf(view.nodeById.get(e.from)), e.relation, view.text.relationName(e.relation),
                 e.to, view.labelOf(view.nodeById.get(e.to)), e.symmetric ? "yes" : "no",
                 passing(e).length, e.mentions.length, dates[0] || "", dates[dates.length - 1] || "", e.kind]);
    });
    return rows;
  }

  // The canvas as drawn, on white (the network's own canvas is transparent).
  function picture() {
    var drawn = document.querySelector("#kg-network canvas");
    var out = document.createElement("canvas");
    out.width = drawn.width;
    out.height = drawn.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(drawn, 0, 0);
    out.toBlob(function (blob) { save(blob, "kg-view.png"); }, "image/png");
  }

  document.getElementById("kg-export-actors").addEventListener("click", function () {
    save(new Blob([csv(actorRows())], { type: "text/csv;charset=utf-8" }), "kg-actors.csv");
  });
  document.getElementById("kg-export-relations").addEventListener("click", function () {
    save(new Blob([csv(relationRows())], { type: "text/csv;charset=utf-8" }), "kg-relations.csv");
  });
  document.getElementById("kg-export-picture").addEventListener("click", picture);
})();
