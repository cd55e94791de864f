/* kg analyst view, its words: the interface's strings (the kg-ui data block, from
 * kg/render_assets/interface.json) and the names of languages, relations and classes, in the language
 * the analyst chose. view.js makes one with kgText(meta, ui, chosenLanguage) and asks it for every word. */
(function () {
  "use strict";

  window.kgText = function (META, UI, chosen) {
    // The languages kg reads come from its one language table (kg/languages.py), in fallback order.
    var names = {};
    var fallback = [];
    META.languageTable.forEach(function (l) {
      names[l.code] = l.native + " (" + l.code + ")";
      fallback.push(l.code);
    });
    fallback.push("");
    var pluralRules = {};

    function order() {
      return [chosen()].concat(fallback);
    }

    // The value in the first language of the chosen one and the fallback order that has one.
    function pick(byLang) {
      var langs = order();
      for (var i = 0; i < langs.length; i++) {
        if (byLang && byLang[langs[i]]) return { lang: langs[i], value: byLang[langs[i]] };
      }
      return null;
    }

    // An interface string with {name} filled from params; one with plural forms ({one, few, many,
    // other}) is chosen by params.n, by the plural rules of the language it is in.
    function t(key, params) {
      var found = null;
      order().some(function (code) {
        if (UI[code] && UI[code][key] !== undefined) found = { lang: code, value: UI[code][key] };
        return found !== null;
      });
      if (!found) return key;
      var text = found.value;
      if (typeof text === "object") {
        var rules = pluralRules[found.lang] || (pluralRules[found.lang] = new Intl.PluralRules(found.lang));
        text = text[rules.select(params.n)] || text.other;
      }
      return text.replace(/\{(\w+)\}/g, function (whole, name) {
        return params && params[name] !== undefined ? String(params[name]) : whole;
      });
    }

    function capitalise(s) {
      return s ? s.charAt(0).toLocaleUpperCase(chosen()) + s.slice(1) : s;
    }

    // Relations and classes are named as ontology/kg.ttl labels them.
    function relationName(r) {
      var found = pick(META.relationLabels[r]);
      return found ? found.value : r;
    }

    function className(c) {
      var found = pick(META.classLabels[c]);
      return found ? capitalise(found.value) : c;
    }

    function languageName(code) {
      return names[code] || (code ? code : t("unknownLanguage"));
    }

    // The template's own words carry data-i18n (text) or data-i18n-placeholder attributes.
    function translatePage() {
      document.documentElement.lang = chosen();
      document.title = t("title");
      Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
        node.textContent = t(node.getAttribute("data-i18n"));
      });
      Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (node) {
        node.placeholder = t(node.getAttribute("data-i18n-placeholder"));
      });
    }

    return {
      fallback: fallback, pick: pick, t: t, relationName: relationName, className: className,
      languageName: languageName, translatePage: translatePage, capitalise: capitalise
    };
  };
})();
