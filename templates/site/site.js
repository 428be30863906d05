/* briefgen published site: search and filters for the list of briefs on index.html.
   The list is complete without this script; it only hides the cards that do not match.
   The search index is search-index.js (a global, because file:// pages cannot fetch JSON).
   No request leaves the site, and no text is ever inserted as HTML. */
(function () {
  "use strict";

  var form = document.getElementById("finder");
  var list = document.getElementById("brief-list");
  if (!form || !list) { return; }

  var query = document.getElementById("finder-q");
  var country = document.getElementById("finder-country");
  var tag = document.getElementById("finder-tag");
  var year = document.getElementById("finder-year");
  var status = document.getElementById("finder-status");
  var noResults = document.getElementById("no-results");
  var cards = Array.prototype.slice.call(list.querySelectorAll("li.card"));
  var index = window.BRIEFGEN_SEARCH_INDEX || { briefs: [] };
  var FIELDS = [
    ["title", "Title"],
    ["summary", "Summary"],
    ["participants", "Participant"],
    ["positions", "Position"],
    ["quotes", "Quote"]
  ];

  // Case- and accent-insensitive: "cavusoglu" finds "Çavuşoğlu".
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Per brief id: a list of {field label, original text, folded text}.
  var records = {};
  index.briefs.forEach(function (brief) {
    var parts = [];
    FIELDS.forEach(function (pair) {
      var value = brief[pair[0]];
      var texts = Array.isArray(value) ? value : [value];
      texts.forEach(function (text) {
        if (text) { parts.push({ label: pair[1], text: text, folded: fold(text) }); }
      });
    });
    records[brief.id] = parts;
  });

  function terms(text) {
    return fold(text).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  // A brief matches when every term occurs somewhere in it; returns the first part that holds a term.
  function match(id, words) {
    var parts = records[id] || [];
    var first = null;
    for (var w = 0; w < words.length; w++) {
      var found = null;
      for (var p = 0; p < parts.length; p++) {
        if (parts[p].folded.indexOf(words[w]) !== -1) { found = parts[p]; break; }
      }
      if (!found) { return null; }
      if (!first) { first = found; }
    }
    return first || true;
  }

  // Show where the hit is: a short excerpt around the first term, the term marked.
  function showMatch(card, part, word) {
    var box = card.querySelector(".card-match");
    if (!box) { return; }
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!part || part === true || part.label === "Title") { box.hidden = true; return; }
    var at = part.folded.indexOf(word);
    // Folding can change lengths (rare ligatures); fall back to the start of the text.
    if (fold(part.text).length !== part.text.length) { at = -1; }
    var start = Math.max(0, at - 60);
    if (start > 0) {  // begin the excerpt on a word, not inside one
      var space = part.text.indexOf(" ", start);
      if (space !== -1 && space < at) { start = space + 1; }
    }
    var end = Math.min(part.text.length, (at < 0 ? 0 : at + word.length) + 110);
    var label = document.createElement("span");
    label.className = "match-field";
    label.textContent = part.label;
    box.appendChild(label);
    box.appendChild(document.createTextNode((start > 0 ? "…" : "") + part.text.slice(start, Math.max(at, start))));
    if (at >= 0) {
      var mark = document.createElement("mark");
      mark.textContent = part.text.slice(at, at + word.length);
      box.appendChild(mark);
      box.appendChild(document.createTextNode(part.text.slice(at + word.length, end) + (end < part.text.length ? "…" : "")));
    } else {
      box.appendChild(document.createTextNode(part.text.slice(start, end) + (end < part.text.length ? "…" : "")));
    }
    box.hidden = false;
  }

  function has(card, attribute, value) {
    return !value || (" " + card.getAttribute(attribute) + " ").indexOf(" " + value + " ") !== -1;
  }

  function apply() {
    var words = terms(query.value);
    var shown = 0;
    cards.forEach(function (card) {
      var id = card.getAttribute("data-id");
      var ok = has(card, "data-countries", country.value) && has(card, "data-tags", tag.value) &&
        (!year.value || card.getAttribute("data-year") === year.value);
      var hit = ok && words.length ? match(id, words) : ok;
      card.hidden = !hit;
      showMatch(card, words.length ? hit : null, words[0] || "");
      if (hit) { shown += 1; }
    });
    var filtered = words.length || country.value || tag.value || year.value;
    status.textContent = filtered
      ? shown + " of " + cards.length + " brief" + (cards.length === 1 ? "" : "s") + " match"
      : cards.length + " brief" + (cards.length === 1 ? "" : "s");
    noResults.hidden = shown !== 0;
    saveState();
  }

  // The state lives in the address (#q=lavrov&country=ru) so a filtered list can be shared.
  function saveState() {
    var params = new URLSearchParams();
    if (query.value.trim()) { params.set("q", query.value.trim()); }
    if (country.value) { params.set("country", country.value); }
    if (tag.value) { params.set("tag", tag.value); }
    if (year.value) { params.set("year", year.value); }
    var hash = params.toString();
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    if (location.hash.slice(1) !== hash) {
      try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function choose(select, value) {
    var ok = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = ok ? value : "";
  }

  function loadState() {
    var params = new URLSearchParams(location.hash.slice(1));
    query.value = params.get("q") || "";
    choose(country, params.get("country") || "");
    choose(tag, params.get("tag") || "");
    choose(year, params.get("year") || "");
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  query.addEventListener("input", apply);
  [country, tag, year].forEach(function (select) { select.addEventListener("change", apply); });
  document.getElementById("no-results-reset").addEventListener("click", function (event) {
    event.preventDefault();
    form.reset();
  });
  window.addEventListener("hashchange", function () { loadState(); apply(); });
  loadState();
  apply();
})();
