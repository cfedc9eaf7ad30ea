// Filters the findings by rule and severity, in the page, without a
// server. The state lives in the URL fragment (#rule=ID&sev=error,warning)
// so that a filtered view can be bookmarked or shared with the file.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) {
    return;
  }
  var ruleSelect = document.getElementById("filter-rule");
  var sevBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="sev"]'));
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var count = document.getElementById("filter-count");
  var none = document.getElementById("none-shown");

  function selectedSeverities() {
    var out = {};
    sevBoxes.forEach(function (b) {
      if (b.checked) {
        out[b.value] = true;
      }
    });
    return out;
  }

  function writeHash() {
    var sevs = sevBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var parts = [];
    if (ruleSelect.value) {
      parts.push("rule=" + encodeURIComponent(ruleSelect.value));
    }
    if (sevs.length !== sevBoxes.length) {
      parts.push("sev=" + sevs.join(","));
    }
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file: pages; the filter still works.
    }
  }

  function apply() {
    var rule = ruleSelect.value;
    var sevs = selectedSeverities();
    var shown = 0;
    findings.forEach(function (li) {
      var ok = (!rule || li.getAttribute("data-rule") === rule) && sevs[li.getAttribute("data-sev")] === true;
      li.hidden = !ok;
      if (ok) {
        shown++;
      }
    });
    files.forEach(function (section) {
      section.hidden = section.querySelector("li.finding:not([hidden])") === null;
    });
    count.textContent = shown + (shown === 1 ? " finding" : " findings") + " shown";
    none.hidden = shown !== 0;
  }

  function readHash() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) {
      return; // a link to a file section
    }
    var params = new URLSearchParams(hash);
    if (params.has("rule")) {
      var rule = params.get("rule");
      var known = Array.prototype.some.call(ruleSelect.options, function (o) { return o.value === rule; });
      ruleSelect.value = known ? rule : "";
    }
    if (params.has("sev")) {
      var sevs = params.get("sev").split(",");
      sevBoxes.forEach(function (b) { b.checked = sevs.indexOf(b.value) >= 0; });
    }
  }

  ruleSelect.addEventListener("change", function () { apply(); writeHash(); });
  sevBoxes.forEach(function (b) {
    b.addEventListener("change", function () { apply(); writeHash(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.rule-link"), function (b) {
    b.addEventListener("click", function () {
      ruleSelect.value = b.getAttribute("data-rule");
      apply();
      writeHash();
      form.scrollIntoView();
    });
  });
  window.addEventListener("hashchange", function () { readHash(); apply(); });
  readHash();
  apply();
  document.documentElement.setAttribute("data-filter-ready", "true");
})();
