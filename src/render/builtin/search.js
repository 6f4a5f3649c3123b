// Broadsheet search page. Served over http(s) it asks Pagefind (pagefind/<bundle>/);
// opened from disk, where browsers refuse module imports and fetch, it loads the small
// fallback index (assets/search-index.js) with a plain <script> tag and searches that.
// Without JavaScript none of this runs and the page shows its plain message instead.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = form.querySelector("input[type=search]");
  var sort = form.querySelector("#search-sort");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var LIMIT = 50;
  var GLOBAL = "broadsheetSearchIndex";
  var latest = 0;

  root.querySelector(".search-nojs").hidden = true;
  form.hidden = false;

  var backend = (location.protocol === "file:" || !root.dataset.pagefind)
    ? fallback()
    : pagefind().catch(function () { return fallback(); });

  // ---- Pagefind, over http(s) ----
  // One bundle for the newest month, then one per year, newest first (data-pagefind lists
  // their modules): each is searched, then their results are merged, by score for best
  // match, else bundle by bundle.
  function pagefind() {
    var modules = root.dataset.pagefind.split(" ").map(function (m) {
      return new URL(m, location.href).href;
    });
    return import(modules[0]).then(function (pf) {
      // An instance starts loading as soon as it is created. The instances share one
      // Pagefind worker and its one WebAssembly module, which the first to load sets up;
      // loads that race leave some instances pointing into a module that was replaced
      // ("memory access out of bounds", or no results). So the first bundle is created
      // alone and asked for its filters, which answer only once its module is running;
      // then the others, which find the module loaded, are created together.
      function start(module) {
        var shard = pf.createInstance({ basePath: module.replace(/pagefind\.js$/, "") });
        return shard.options({ excerptLength: 28 }).then(function () {
          return shard.init(); // fetch the index now, not on the first keystroke
        }).then(function () { return shard; });
      }
      return start(modules[0]).then(function (first) {
        return first.filters().then(function () { return first; });
      }).then(function (first) {
        return Promise.all(modules.slice(1).map(start)).then(function (rest) {
          return [first].concat(rest);
        });
      }).then(function (shards) {
        return {
          search: function (query, filters, order) {
            var options = { filters: filters };
            if (order === "date") options.sort = { date: "desc" };
            return Promise.all(shards.map(function (shard) {
              return shard.search(query || null, options);
            })).then(function (found) {
              return query ? trueMatches(found, query) : found;
            }).then(function (found) {
              var results = [];
              found.forEach(function (f) { results = results.concat(f.results); });
              if (order !== "date") {
                results.sort(function (a, b) { return b.score - a.score; });
              }
              var shown = results.slice(0, LIMIT).map(function (r) { return r.data(); });
              return Promise.all(shown).then(function (data) {
                return { total: results.length, hits: data.map(fromPagefind) };
              });
            });
          }
        };
      });
    });
  }

  // A word a bundle's index lacks, Pagefind matches by its longest prefix the bundle has
  // ("dévoilé" finds "de" and "dès" where no article says "dévoilé"). One index would find
  // the word itself; split in bundles, every bundle without it answers with such prefixes,
  // and with high scores, since its articles are few. So each bundle's best hit is read:
  // when some bundle matches every term (or its stem: all but its last three letters),
  // the bundles that only matched prefixes are dropped.
  function trueMatches(found, query) {
    var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return Promise.all(found.map(function (f) {
      if (!f.results.length) return false;
      return f.results[0].data().then(function (d) {
        var words = String(d.content || "").split(/\s+/);
        var matched = (d.locations || []).map(function (i) { return fold(words[i] || ""); });
        return terms.every(function (t) {
          return matched.some(function (w) { return whole(t, w); });
        });
      }, function () { return true; });
    })).then(function (whole) {
      if (whole.indexOf(true) < 0) return found;
      return found.filter(function (f, i) { return whole[i]; });
    });
  }

  // Does matched word `w` hold term `t`, or its stem, rather than a shorter prefix of it?
  function whole(t, w) {
    if (isCjk(t)) return w.indexOf(t) >= 0 || t.indexOf(w.replace(/[^\p{L}\p{N}]/gu, "")) >= 0;
    var n = 0;
    while (n < t.length && n < w.length && t[n] === w[n]) n++;
    return n >= Math.min(t.length, Math.max(4, t.length - 3));
  }

  function fromPagefind(d) {
    return {
      url: d.url,
      title: (d.meta && d.meta.title) || d.url,
      date: d.meta && d.meta.date,
      section: d.meta && d.meta.section,
      excerpt: d.excerpt,
      lang: null
    };
  }

  // ---- The fallback index, from disk ----
  function fallback() {
    return load().then(function (records) {
      records.forEach(function (r) {
        r.folded = fold(r.title + " " + r.words);
        r.titleWords = fold(r.title).split(/[^\p{L}\p{N}]+/u);
        r.allWords = r.folded.split(/[^\p{L}\p{N}]+/u);
      });
      return {
        search: function (query, filters, order) {
          var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
          var hits = [];
          records.forEach(function (r) {
            if (!passes(r, filters)) return;
            var score = terms.length ? scoreOf(r, terms) : 1;
            if (score > 0) hits.push({ record: r, score: score });
          });
          hits.sort(order === "date" ? byDate : byScore);
          return Promise.resolve({
            total: hits.length,
            hits: hits.slice(0, LIMIT).map(function (h) { return fromRecord(h.record, terms); })
          });
        }
      };
    });
  }

  function load() {
    if (window[GLOBAL]) return Promise.resolve(window[GLOBAL]);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.fallback;
      script.onload = function () { resolve(window[GLOBAL] || []); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function isCjk(term) {
    return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/.test(term);
  }

  // Every term must start a word (or, for Chinese and Japanese, appear anywhere).
  function scoreOf(r, terms) {
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var starts = function (w) { return w.indexOf(t) === 0; };
      if (r.titleWords.some(starts)) score += 3;
      else if (r.allWords.some(starts) || (isCjk(t) && r.folded.indexOf(t) >= 0)) score += 1;
      else return 0;
    }
    return score;
  }

  function passes(r, filters) {
    return Object.keys(filters).every(function (name) {
      return (r.filters[name] || []).indexOf(filters[name][0]) >= 0;
    });
  }

  function byDate(a, b) {
    var x = a.record.date || "", y = b.record.date || "";
    return x < y ? 1 : x > y ? -1 : b.score - a.score;
  }

  function byScore(a, b) {
    return b.score - a.score || byDate(a, b);
  }

  function fromRecord(r, terms) {
    return {
      url: r.url,
      title: r.title,
      date: r.shown,
      section: r.section,
      excerpt: highlight(r.summary, terms),
      lang: r.lang
    };
  }

  function highlight(text, terms) {
    var html = escape(text);
    if (!terms.length) return html;
    var pattern = terms.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    return html.replace(new RegExp("(^|[^\\p{L}\\p{N}])(" + pattern + ")", "giu"), "$1<mark>$2</mark>");
  }

  // ---- The page ----
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (s) { if (s.value) filters[s.dataset.filter] = [s.value]; });
    return filters;
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    remember(query);
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    backend.then(function (b) { return b.search(query, filters, sort.value); }).then(function (found) {
      if (ticket !== latest) return;
      show(found, query);
    }, function () {
      if (ticket !== latest) return;
      list.textContent = "";
      status.textContent = root.dataset.labelFailed;
    });
  }

  function show(found, query) {
    list.textContent = "";
    status.textContent = found.total
      ? counted(found.total).replace("{n}", String(found.total))
      : root.dataset.labelNone.replace("{query}", query);
    found.hits.forEach(function (hit) { list.appendChild(item(hit)); });
  }

  // The results label in the form the page's language gives n (CLDR plural rules, as
  // the browser knows them): data-label-results-few for Polish 2–4, and so on. A form
  // the page does not carry falls back to the general label (a search.html copied
  // before the forms existed has only `data-label-result-one` and the plural).
  function counted(n) {
    var form = n === 1 ? "one" : "other";
    try {
      form = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch (e) { /* an unknown language tag: English's rule */ }
    var key = "labelResults" + form.charAt(0).toUpperCase() + form.slice(1);
    return root.dataset[key] || (form === "one" && root.dataset.labelResultOne) ||
      root.dataset.labelResults;
  }

  function item(hit) {
    var li = document.createElement("li");
    li.className = "search-hit";
    if (hit.lang) li.lang = hit.lang;
    li.dir = "auto";
    var head = hit.section ? '<p class="kicker">' + escape(hit.section) + "</p>" : "";
    var href = escape(new URL(hit.url, location.href).href);
    li.innerHTML = head + '<h2 class="story-title"><a href="' + href + '">' + escape(hit.title) + "</a></h2>" +
      (hit.excerpt ? '<p class="story-dek">' + hit.excerpt + "</p>" : "") +
      (hit.date ? '<p class="story-meta">' + escape(hit.date) + "</p>" : "");
    return li;
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    if (sort.value !== "date") params.set("sort", sort.value);
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    } catch (e) {
      // Some browsers refuse to change the address of a page opened from disk.
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) { s.value = params.get(s.name) || ""; });
    if (params.get("sort") === "relevance") sort.value = "relevance";
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  // Every keystroke searches; `latest` drops answers to queries typed over since.
  input.addEventListener("input", run);
  form.addEventListener("change", function (e) { if (e.target !== input) run(); });
  restore();
  run();
})();
