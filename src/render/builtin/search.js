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

  var backend = root.dataset.shards
    ? shards()
    : (location.protocol === "file:" || !root.dataset.pagefind)
      ? fallback()
      : pagefind().catch(function () { return fallback(); });

  // ---- The sharded index, served or from disk ----
  // Every file is a script calling broadsheetSearch(name, data), loaded with a <script>
  // tag, so it works from disk too. meta.js lists each shard's first word; a query loads
  // the shards of its words, then the blocks of the documents it shows, nothing else.
  function shards() {
    var base = new URL(root.dataset.shards, location.href).href.replace(/meta\.js$/, "");
    var waiting = {}, loaded = {};
    window.broadsheetSearch = function (name, data) {
      if (waiting[name]) waiting[name](data);
    };
    function get(name, file) {
      if (!loaded[name]) {
        loaded[name] = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          waiting[name] = function (data) { delete waiting[name]; resolve(data); };
          script.src = base + file;
          script.onload = function () {
            script.remove();
            if (waiting[name]) { delete loaded[name]; reject(new Error(file)); }
          };
          script.onerror = function () { script.remove(); delete loaded[name]; reject(new Error(file)); };
          document.head.appendChild(script);
        });
      }
      return loaded[name];
    }
    return get("meta", "meta.js").then(function (meta) {
      // The shard that holds `key`: the last whose first key is not after it.
      function shardOf(key) {
        var lo = 0, hi = meta.shards.length - 1;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (before(key, meta.shards[mid])) hi = mid - 1; else lo = mid;
        }
        return lo;
      }
      function shard(n) { return get("t" + n, "t/" + n + ".js"); }
      function postings(entry) {
        if (!entry) return null;
        var ids = [], at = 0;
        for (var i = 0; i < entry[1].length; i++) { at += entry[1][i]; ids.push(at); }
        var top = entry[3] || 0;
        return { df: entry[0], ids: ids, scores: (entry[2] || []).map(function (q) { return q * top / 999; }) };
      }
      // The entries of the shards that hold `key` and, with `prefix`, the keys it begins
      // (at most three shards), as [key, value] pairs.
      function lookup(key, prefix) {
        if (!meta.shards.length || !key) return Promise.resolve([]); // an empty site
        var first = shardOf(key), last = prefix ? shardOf(key + "\u{10ffff}") : first;
        if (last - first > 2) last = first + 2;
        var wanted = [];
        for (var n = first; n <= last; n++) wanted.push(shard(n));
        return Promise.all(wanted).then(function (loadedShards) {
          var found = [];
          loadedShards.forEach(function (entries) {
            Object.keys(entries).forEach(function (k) {
              if (k === key || (prefix && k.indexOf(key) === 0)) found.push([k, entries[k]]);
            });
          });
          return found;
        });
      }
      // Documents holding `word`, as a map from document to score; `capped` when the
      // index kept only a word's best documents. As Pagefind does, the word is stemmed (the
      // index knows the stem of each word it holds), and every stem it begins counts too,
      // less the more its length differs; a filter value (`#name:value`) is looked up as is.
      function find(word, prefix) {
        if (word.charAt(0) === "#") return collect(new Map([[word, 1]]));
        if (isHan(word)) return findCjk(word);
        return lookup("=" + word, prefix).then(function (forms) {
          var exact = forms.filter(function (e) { return e[0] === "=" + word; })[0];
          var stem = exact ? exact[1] : word;
          return lookup(stem, true).then(function (stems) {
            var weights = new Map();
            stems.forEach(function (e) {
              if (/^[#=~]/.test(e[0])) return;
              weights.set(e[0], likeness(Array.from(e[0]).length - Array.from(stem).length));
            });
            // A word still being typed: the stems of the words it begins.
            if (!weights.size && prefix) {
              forms.forEach(function (e) {
                weights.set(e[1], Math.max(weights.get(e[1]) || 0, likeness(e[0].length - 1 - word.length)));
              });
            }
            return collect(weights);
          });
        });
      }
      // The documents of each key of `weights`, their scores weighted and summed.
      function collect(weights) {
        var keys = Array.from(weights.keys()).slice(0, 40);
        return Promise.all(keys.map(function (k) { return lookup(k, false); })).then(function (lists) {
          var found = { docs: new Map(), capped: false, df: 0 };
          lists.forEach(function (list, i) {
            var weight = weights.get(keys[i]);
            list.forEach(function (e) {
              if (e[0] !== keys[i]) return;
              var p = postings(e[1]);
              if (p.df > p.ids.length) found.capped = true;
              found.df = Math.max(found.df, p.df);
              p.ids.forEach(function (id, j) {
                var score = p.scores.length ? p.scores[j] * weight : 0;
                found.docs.set(id, (found.docs.get(id) || 0) + score);
              });
            });
          });
          return found;
        });
      }
      // A Chinese or Japanese word: its own entry, else (a word the build's segmenter cut
      // otherwise) the articles holding each of its characters, ranked higher for holding
      // the index's words that make it up (the fewest such words, found by their keys).
      function findCjk(word) {
        var chars = Array.from(word), n = chars.length, subs = [word];
        for (var i = 0; i < n; i++) {
          for (var j = i + 1; j <= Math.min(n, i + 6); j++) subs.push(chars.slice(i, j).join(""));
        }
        return Promise.all(subs.map(function (sub) { return lookup(sub, false); })).then(function (found) {
          var known = new Set();
          found.forEach(function (list) { list.forEach(function (e) { known.add(e[0]); }); });
          if (known.has(word)) return collect(new Map([[word, 1]]));
          // best[j]: the fewest pieces that make up chars[0..j), and the last piece.
          var best = [{ pieces: 0 }];
          for (var j = 1; j <= n; j++) {
            for (var i = Math.max(0, j - 6); i < j; i++) {
              var piece = chars.slice(i, j).join("");
              var ok = known.has(piece) || j - i === 1;
              if (!ok || !best[i]) continue;
              if (!best[j] || best[i].pieces + 1 < best[j].pieces) {
                best[j] = { pieces: best[i].pieces + 1, from: i, piece: piece };
              }
            }
          }
          var boosts = new Map();
          for (var at = n; at > 0; at = best[at].from) {
            if (known.has(best[at].piece)) boosts.set(best[at].piece, 1);
          }
          var required = chars.map(function (c) { return collect(new Map([["~" + c, 1]])); });
          return Promise.all([Promise.all(required), collect(boosts)]).then(function (both) {
            var hits = matches(both[0], true), docs = new Map();
            hits.forEach(function (h) { docs.set(h.id, h.score + (both[1].docs.get(h.id) || 0)); });
            var capped = both[0].some(function (f) { return f.capped; });
            return { docs: docs, capped: capped, df: hits.length };
          });
        });
      }
      // How much a stem `d` characters longer or shorter than the query's counts: 1 for the
      // same length, decaying like Pagefind's term similarity.
      function likeness(d) {
        var n = Math.abs(d) + 1;
        return Math.exp(Math.exp(-n * n / 8) - 1) / Math.exp(Math.exp(-1 / 8) - 1);
      }
      function doc(id) {
        var block = Math.floor(id / meta.block);
        return get("d" + block, "d/" + block + ".js").then(function (docs) {
          return docs[id % meta.block];
        });
      }
      return {
        search: function (query, filters, order) {
          var words = fold(query).split(/[^\p{Alphabetic}\p{M}\p{N}]+/u).filter(Boolean);
          var wanted = [];
          words.forEach(function (w, i) {
            var keys = cjkKeys(w);
            // The last word may still be being typed: it also finds the words it begins.
            if (!keys) wanted.push(find(w, i === words.length - 1));
            else keys.forEach(function (k) { wanted.push(find(k, false)); });
          });
          var chosen = Object.keys(filters).map(function (name) {
            return find("#" + name + ":" + filters[name][0], false);
          });
          return Promise.all([Promise.all(wanted), Promise.all(chosen)]).then(function (both) {
            var hits = matches(both[0], true);
            if (!hits.length && both[0].length > 1 && both[0].some(function (f) { return f.capped; })) {
              // Common words keep only their best documents: none may hold all of them.
              hits = matches(both[0], false);
            }
            if (!both[0].length) hits = null;
            both[1].forEach(function (f) {
              hits = hits === null
                ? Array.from(f.docs.keys()).map(function (id) { return { id: id, score: 0 }; })
                : hits.filter(function (h) { return f.docs.has(h.id); });
            });
            hits = hits || [];
            // A common word keeps its best documents only: the count is then its own, or
            // for several words an estimate (as if they were independent).
            var total = hits.length, terms = both[0];
            if (terms.some(function (f) { return f.capped; })) {
              var all = terms.concat(both[1]).map(function (f) { return f.df || f.docs.size; });
              total = Math.round(all.reduce(function (n, df) { return n * df / meta.docs; }, meta.docs));
              total = Math.max(hits.length, total);
            }
            hits.sort(order === "date"
              ? function (a, b) { return a.id - b.id; }
              : function (a, b) { return b.score - a.score || a.id - b.id; });
            var shown = hits.slice(0, LIMIT);
            return Promise.all(shown.map(function (h) { return doc(h.id); })).then(function (docs) {
              return {
                total: total,
                hits: docs.map(function (d) {
                  return {
                    url: d[0], title: d[1], date: d[2], section: d[3],
                    excerpt: highlight(d[4], words), lang: d[5]
                  };
                })
              };
            });
          });
        }
      };
    });
  }

  // Documents found for every term (`all`), else for any, with their summed scores.
  function matches(found, all) {
    var scores = new Map(), counts = new Map();
    found.forEach(function (f) {
      f.docs.forEach(function (score, id) {
        scores.set(id, (scores.get(id) || 0) + score);
        counts.set(id, (counts.get(id) || 0) + 1);
      });
    });
    var hits = [];
    scores.forEach(function (score, id) {
      if (!all || counts.get(id) === found.length) hits.push({ id: id, score: score });
    });
    return hits;
  }

  // Chinese and Japanese: a run is cut into words as the index cut its text (the
  // browser's word segmenter and the build's use the same ICU dictionary), each required;
  // other letters around them are words of their own. Null for a word with no such
  // characters.
  function cjkKeys(word) {
    if (!isHan(word)) return null;
    var keys = [];
    var cut = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    word.split(/([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/u).forEach(function (run) {
      if (!run) return;
      if (!isHan(run) || !cut) { keys.push(run); return; }
      Array.from(cut.segment(run)).forEach(function (s) { if (s.isWordLike) keys.push(s.segment); });
    });
    return keys;
  }

  function isHan(text) {
    return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u.test(text);
  }

  // Code-point order, the order the index's keys are in (JavaScript's < compares UTF-16
  // units, which differs past U+FFFF).
  function before(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0);
    }
    return x.length < y.length;
  }

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
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
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
      // The sharded index's entry may have failed to load: the next search tries again.
      if (root.dataset.shards) backend = shards();
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
