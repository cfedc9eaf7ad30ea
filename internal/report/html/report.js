// The report's findings arrive once, as compact JSON (see htmlData in
// html.go). Filters run over typed arrays, not over the DOM, and only the
// files in view are rendered, a chunk at a time, so that a library's tens
// of thousands of findings load in about a second and filter in a few
// milliseconds. The filter lives in the URL fragment
// (#q=text&rule=ID/check&sev=error,warning&cat=compliance) so that a view
// can be bookmarked or shared with the file. Article text only ever goes
// into the page as textContent.
(function () {
  "use strict";
  var SEVS = ["error", "warning", "info"];
  var CATS = ["style", "compliance"];
  // A chunk is rendered at a time: files until about this many findings
  // (and at least one file), each file's first FINDINGS_PER_FILE.
  var FINDINGS_PER_CHUNK = 120;
  var FILES_PER_CHUNK = 25;
  var FINDINGS_PER_FILE = 50;
  var timing = { start: Math.round(performance.now()) };

  setupDueTable();
  timing.reviews = Math.round(performance.now());
  var form = document.getElementById("filter");
  var dataEl = document.getElementById("report-data");
  if (!form || !dataEl) {
    ready();
    return;
  }
  var D = JSON.parse(dataEl.textContent);
  timing.parsed = Math.round(performance.now());
  var F = D.f;
  var n = F.length;
  var fileOf = new Int32Array(n), ruleOf = new Int32Array(n), checkOf = new Int32Array(n);
  var sevOf = new Uint8Array(n), catOf = new Uint8Array(n);
  var fileStart = new Int32Array(D.files.length + 1);
  var i;
  for (i = 0; i < n; i++) {
    var row = F[i];
    fileOf[i] = row[0];
    ruleOf[i] = row[1];
    checkOf[i] = row[2];
    sevOf[i] = row[3];
    catOf[i] = D.cats[row[1]];
  }
  for (i = n - 1; i >= 0; i--) {
    fileStart[fileOf[i]] = i;
  }
  fileStart[D.files.length] = n;
  // Search matches a finding when the text is in its path, rule/check or
  // message: each distinct string is lower-cased once, on the first
  // search, and tested once per search.
  var lowerFiles = null, lowerMsgs = null, lowerRules = null;

  var q = document.getElementById("filter-q");
  var ruleSelect = document.getElementById("filter-rule");
  var sevBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="sev"]'));
  var catBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="cat"]'));
  var count = document.getElementById("filter-count");
  var filesEl = document.getElementById("files");
  var none = document.getElementById("none-shown");
  var moreBox = document.getElementById("more-files");
  var moreButton = document.getElementById("show-more");

  var checkKey = {}; // "rule/check" -> [rule index, check index]
  fillRuleOptions();

  var matched = new Uint8Array(n);
  var shownFiles = []; // indexes of the files with a finding that matches
  var fileCounts = new Int32Array(D.files.length * 3);
  var rendered = 0;
  var observer = null;

  function fillRuleOptions() {
    var perRule = new Int32Array(D.rules.length);
    var perCheck = {};
    for (var i = 0; i < n; i++) {
      perRule[ruleOf[i]]++;
      if (checkOf[i] > 0) {
        var k = ruleOf[i] + ":" + checkOf[i];
        perCheck[k] = (perCheck[k] || 0) + 1;
      }
    }
    var frag = document.createDocumentFragment();
    var group = null, groupCat = -1;
    D.rules.forEach(function (id, r) {
      if (D.cats[r] !== groupCat) {
        groupCat = D.cats[r];
        group = document.createElement("optgroup");
        group.label = groupCat ? "Compliance" : "Style";
        frag.appendChild(group);
      }
      group.appendChild(option(id, id + " (" + perRule[r] + ")"));
      Object.keys(perCheck).filter(function (k) { return +k.split(":")[0] === r; })
        .map(function (k) { return +k.split(":")[1]; })
        .sort(function (a, b) { return D.checks[a] < D.checks[b] ? -1 : 1; })
        .forEach(function (c) {
          var key = id + "/" + D.checks[c];
          checkKey[key] = [r, c];
          group.appendChild(option(key, "\u00a0\u00a0\u00a0" + key + " (" + perCheck[r + ":" + c] + ")"));
        });
    });
    ruleSelect.appendChild(frag);
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  function lowerAll(list) {
    return list.map(function (x) { return x.toLowerCase(); });
  }

  function hits(list, needle) {
    var out = new Uint8Array(list.length);
    for (var i = 0; i < list.length; i++) {
      out[i] = list[i].indexOf(needle) >= 0 ? 1 : 0;
    }
    return out;
  }

  // searchHits returns, for the needle, which findings it matches (null
  // for an empty needle).
  function searchHits(needle) {
    if (!needle) {
      return null;
    }
    if (lowerFiles === null) {
      lowerFiles = lowerAll(D.files);
      lowerMsgs = lowerAll(D.msgs);
      lowerRules = [];
      for (var r = 0; r < D.rules.length; r++) {
        for (var c = 0; c < D.checks.length; c++) {
          lowerRules.push((D.rules[r] + "/" + D.checks[c]).toLowerCase());
        }
      }
    }
    var fh = hits(lowerFiles, needle), mh = hits(lowerMsgs, needle), rh = hits(lowerRules, needle);
    var out = new Uint8Array(n), nc = D.checks.length;
    for (var i = 0; i < n; i++) {
      var row = F[i];
      out[i] = fh[row[0]] | mh[row[8]] | rh[row[1] * nc + row[2]];
    }
    return out;
  }

  // filter computes which findings match, and the per-file counts.
  function filter() {
    var rule = -1, check = -1;
    var v = ruleSelect.value;
    if (v) {
      if (checkKey[v]) {
        rule = checkKey[v][0];
        check = checkKey[v][1];
      } else {
        rule = D.rules.indexOf(v);
      }
    }
    var sevOn = sevBoxes.map(function (b) { return b.checked; });
    var catOn = [catBoxes[1].checked, catBoxes[0].checked]; // style, compliance
    var found = searchHits(q.value.trim().toLowerCase());
    fileCounts.fill(0);
    shownFiles = [];
    var total = 0, last = -1;
    for (var i = 0; i < n; i++) {
      var ok = sevOn[sevOf[i]] && catOn[catOf[i]] && (rule < 0 || ruleOf[i] === rule) &&
        (check < 0 || checkOf[i] === check) && (found === null || found[i] === 1);
      matched[i] = ok ? 1 : 0;
      if (ok) {
        total++;
        fileCounts[fileOf[i] * 3 + sevOf[i]]++;
        if (fileOf[i] !== last) {
          last = fileOf[i];
          shownFiles.push(last);
        }
      }
    }
    return total;
  }

  function apply() {
    var total = filter();
    count.textContent = plural(total, "finding") + " in " + plural(shownFiles.length, "file") +
      (total === n ? "" : " (of " + n + ")");
    none.hidden = total !== 0;
    filesEl.textContent = "";
    rendered = 0;
    renderMore();
  }

  function plural(k, word) {
    return k + " " + word + (k === 1 ? "" : "s");
  }

  function renderMore() {
    var frag = document.createDocumentFragment();
    var end = Math.min(rendered + FILES_PER_CHUNK, shownFiles.length);
    var budget = FINDINGS_PER_CHUNK;
    for (; rendered < end && budget > 0; rendered++) {
      var f = shownFiles[rendered];
      frag.appendChild(renderFile(f));
      budget -= fileCounts[f * 3] + fileCounts[f * 3 + 1] + fileCounts[f * 3 + 2];
    }
    filesEl.appendChild(frag);
    var left = shownFiles.length - rendered;
    moreBox.hidden = left <= 0;
    moreButton.textContent = "Show more files (" + left + " left)";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function renderFile(f) {
    var sec = el("section", "file");
    sec.id = "file-" + f;
    var h = el("h3", "file-h");
    var a = el("a", "", D.files[f]);
    a.href = "#file-" + f;
    h.appendChild(a);
    var counts = el("span", "counts");
    for (var s = 0; s < 3; s++) {
      var c = fileCounts[f * 3 + s];
      if (c) {
        var b = el("span", "badge sev-" + SEVS[s], String(c));
        b.title = plural(c, SEVS[s]);
        counts.appendChild(b);
      }
    }
    h.appendChild(counts);
    sec.appendChild(h);
    var ol = el("ol", "findings");
    var shown = 0, hiddenLeft = [];
    for (var i = fileStart[f]; i < fileStart[f + 1]; i++) {
      if (!matched[i]) {
        continue;
      }
      if (shown < FINDINGS_PER_FILE) {
        ol.appendChild(renderFinding(i));
        shown++;
      } else {
        hiddenLeft.push(i);
      }
    }
    sec.appendChild(ol);
    if (hiddenLeft.length) {
      var more = el("button", "more", "Show " + plural(hiddenLeft.length, "more finding") + " in this file");
      more.type = "button";
      more.addEventListener("click", function () {
        var frag = document.createDocumentFragment();
        hiddenLeft.forEach(function (j) { frag.appendChild(renderFinding(j)); });
        ol.appendChild(frag);
        more.remove();
      });
      sec.appendChild(more);
    }
    return sec;
  }

  function renderFinding(i) {
    var row = F[i];
    var li = el("li", "finding");
    var sev = SEVS[row[3]];
    li.setAttribute("data-rule", D.rules[row[1]]);
    li.setAttribute("data-sev", sev);
    var head = el("div", "head");
    head.appendChild(el("span", "badge sev-" + sev, sev));
    var whole = (row[9] & 2) !== 0;
    head.appendChild(el("span", "loc", whole ? "whole file" : "line " + row[4] + ", column " + row[5]));
    var check = D.checks[row[2]];
    head.appendChild(el("code", "rule", D.rules[row[1]] + (check ? "/" + check : "")));
    if (catOf[i]) {
      head.appendChild(el("span", "cat cat-compliance", "compliance"));
    }
    if (row[9] & 1) {
      head.appendChild(el("span", "fixable", "fixable with --fix"));
    }
    li.appendChild(head);
    li.appendChild(el("p", "msg", D.msgs[row[8]]));
    if (!whole && row.length > 10) {
      li.appendChild(renderSource(row));
    }
    return li;
  }

  var surrogate = /[\uD800-\uDFFF]/;

  // renderSource shows the kept lines, the flagged columns (runes) marked.
  function renderSource(row) {
    var pre = el("pre", "src");
    var line = row[4], col = row[5], endLine = row[6], endCol = row[7];
    for (var k = 10; k < row.length; k++) {
      var num = line + k - 10;
      var text = D.lines[row[k]];
      var chars = surrogate.test(text) ? Array.from(text) : null;
      var len = chars ? chars.length : text.length;
      var from = num === line ? Math.min(Math.max(col - 1, 0), len) : 0;
      var to = num === endLine ? Math.min(Math.max(endCol - 1, from), len) : len;
      var part = function (a, b) { return chars ? chars.slice(a, b).join("") : text.slice(a, b); };
      var span = el("span", "line");
      var ln = el("span", "ln", String(num));
      ln.setAttribute("aria-hidden", "true");
      span.appendChild(ln);
      span.appendChild(document.createTextNode(part(0, from)));
      span.appendChild(el("mark", "", part(from, to)));
      span.appendChild(document.createTextNode(part(to, len)));
      pre.appendChild(span);
    }
    if (row[9] & 4) {
      var more = el("span", "line more");
      var dots = el("span", "ln", "…");
      dots.setAttribute("aria-hidden", "true");
      more.appendChild(dots);
      pre.appendChild(more);
    }
    return pre;
  }

  // showFile renders the files up to f and scrolls to it, clearing the
  // filter when it hides the file.
  function showFile(f) {
    if (shownFiles.indexOf(f) < 0) {
      q.value = "";
      ruleSelect.value = "";
      sevBoxes.concat(catBoxes).forEach(function (b) { b.checked = true; });
      apply();
      writeHash();
    }
    var at = shownFiles.indexOf(f);
    while (at >= rendered && rendered < shownFiles.length) {
      renderMore();
    }
    var sec = document.getElementById("file-" + f);
    if (sec) {
      sec.scrollIntoView();
    }
  }

  function writeHash() {
    var parts = [];
    if (q.value.trim()) {
      parts.push("q=" + encodeURIComponent(q.value.trim()));
    }
    if (ruleSelect.value) {
      parts.push("rule=" + encodeURIComponent(ruleSelect.value));
    }
    var sevs = sevBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (sevs.length !== sevBoxes.length) {
      parts.push("sev=" + sevs.join(","));
    }
    var cats = catBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (cats.length !== catBoxes.length) {
      parts.push("cat=" + cats.join(","));
    }
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file: pages; the filter still works.
    }
  }

  // readHash sets the filter from the fragment; it returns the file a
  // #file-N fragment names, or -1.
  function readHash() {
    var hash = location.hash.replace(/^#/, "");
    var m = /^file-(\d+)$/.exec(hash);
    if (m) {
      return +m[1];
    }
    if (hash.indexOf("=") < 0) {
      return -1;
    }
    var params = new URLSearchParams(hash);
    q.value = params.get("q") || "";
    var rule = params.get("rule") || "";
    var known = Array.prototype.some.call(ruleSelect.options, function (o) { return o.value === rule; });
    ruleSelect.value = known ? rule : "";
    var sevs = params.has("sev") ? params.get("sev").split(",") : SEVS;
    sevBoxes.forEach(function (b) { b.checked = sevs.indexOf(b.value) >= 0; });
    var cats = params.has("cat") ? params.get("cat").split(",") : CATS;
    catBoxes.forEach(function (b) { b.checked = cats.indexOf(b.value) >= 0; });
    return -1;
  }

  function changed() {
    apply();
    writeHash();
  }

  q.addEventListener("input", changed);
  ruleSelect.addEventListener("change", changed);
  sevBoxes.concat(catBoxes).forEach(function (b) { b.addEventListener("change", changed); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  moreButton.addEventListener("click", renderMore);
  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        renderMore();
      }
    }, { rootMargin: "600px" });
    observer.observe(moreBox);
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.rule-link"), function (b) {
    b.addEventListener("click", function () {
      ruleSelect.value = b.getAttribute("data-rule");
      changed();
      form.scrollIntoView();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-file]"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      showFile(+a.getAttribute("data-file"));
    });
  });
  window.addEventListener("hashchange", function () {
    var f = readHash();
    if (f >= 0) {
      showFile(f);
      return;
    }
    apply();
  });
  var target = readHash();
  apply();
  if (target >= 0) {
    showFile(target);
  }
  ready();

  function ready() {
    var root = document.documentElement;
    void document.body.offsetHeight; // lay the page out before taking the time
    timing.ready = Math.round(performance.now());
    root.setAttribute("data-ready-ms", String(timing.ready));
    root.setAttribute("data-timing", JSON.stringify(timing));
    root.setAttribute("data-filter-ready", "true");
  }

  // setupDueTable fills the reviews table from its JSON data: sortable by
  // each column, filtered by how soon the reviews are due, a hundred rows
  // at a time.
  function setupDueTable() {
    var table = document.getElementById("due-table");
    var dataEl = document.getElementById("review-data");
    if (!table || !dataEl) {
      return;
    }
    var rows = JSON.parse(dataEl.textContent);
    var ROWS = 100;
    var tbody = table.tBodies[0];
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var countEl = document.getElementById("due-count");
    var moreBox = document.getElementById("due-more");
    var moreButton = document.getElementById("due-show-more");
    var order = { never: 0, overdue: 1, "30": 2, "60": 3, "90": 4 };
    var fields = { due: "d", days: "n", last: "l", reviewer: "r", path: "p" };
    var sortKey = "due", dir = 1, limit = 4, view = [], shown = 0;
    rows.forEach(function (r, i) { r.i = i; });
    function key(r) {
      var v = r[fields[sortKey]];
      if (sortKey === "days") {
        return r.b === "never" ? -1e9 : v;
      }
      if (sortKey === "due") {
        return (r.b === "never" ? "" : "~") + (v || "");
      }
      return (v || "\uffff").toLowerCase(); // pages without a value last
    }
    function cell(tr, text, cls) {
      var td = document.createElement("td");
      if (cls) {
        td.className = cls;
      }
      td.textContent = text;
      tr.appendChild(td);
      return td;
    }
    function note(td, text) {
      var d = document.createElement("div");
      d.className = "note";
      d.textContent = text;
      td.appendChild(d);
    }
    function renderRows() {
      var frag = document.createDocumentFragment();
      var end = Math.min(shown + ROWS, view.length);
      for (; shown < end; shown++) {
        var r = view[shown];
        var tr = document.createElement("tr");
        cell(tr, r.d || "—", "date");
        var when = cell(tr, "");
        var st = document.createElement("span");
        st.className = "status st-" + r.b;
        st.textContent = r.w;
        when.appendChild(st);
        if (r.t) {
          note(when, r.t);
        }
        var last = cell(tr, r.l ? r.l + (r.u ? " (update)" : "") : "—", "date");
        last.title = r.u ? "an update date, counted as the review (accept-updated)" : "";
        var rev = cell(tr, r.r || "—");
        if (!r.r) {
          rev.title = "no reviewer named";
        }
        var page = cell(tr, "", "path");
        var code = document.createElement("code");
        code.textContent = r.p;
        page.appendChild(code);
        frag.appendChild(tr);
      }
      tbody.appendChild(frag);
      var left = view.length - shown;
      moreBox.hidden = left <= 0;
      moreButton.textContent = "Show " + Math.min(left, ROWS) + " more (" + left + " left)";
    }
    function render() {
      view = rows.filter(function (r) { return order[r.b] <= limit; });
      view.forEach(function (r) { r.k = key(r); });
      view.sort(function (a, b) {
        if (a.k < b.k) {
          return -dir;
        }
        if (a.k > b.k) {
          return dir;
        }
        return a.i - b.i;
      });
      tbody.textContent = "";
      shown = 0;
      countEl.textContent = view.length + (view.length === 1 ? " page" : " pages");
      renderRows();
      ths.forEach(function (th) {
        var k = th.querySelector("button").getAttribute("data-key");
        if (k === sortKey) {
          th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
    }
    ths.forEach(function (th) {
      var b = th.querySelector("button");
      b.addEventListener("click", function () {
        var k = b.getAttribute("data-key");
        dir = k === sortKey ? -dir : 1;
        sortKey = k;
        render();
      });
    });
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".due-filter button"));
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        limit = order[b.getAttribute("data-due")];
        buttons.forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        render();
      });
    });
    moreButton.addEventListener("click", renderRows);
    render();
  }
})();
