/* Filter and sort for the published table. Without scripts the page is the plain table. */
(function () {
  "use strict";
  var table = document.getElementById("declarations");
  if (!table || !document.querySelectorAll) { return; }
  var controls = document.getElementById("controls");
  var input = document.getElementById("filter");
  var status = document.getElementById("status");
  var blocks = Array.prototype.slice.call(table.querySelectorAll("tbody.block"));
  var sections = Array.prototype.slice.call(table.querySelectorAll("tbody.section"));
  var total = blocks.length;

  function fold(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/[\s\u00a0]+/g, " ").trim();
  }
  blocks.forEach(function (block) { block._text = fold(block.textContent); });

  function applyFilter() {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0, visibleSections = {};
    blocks.forEach(function (block) {
      var ok = words.every(function (w) { return block._text.indexOf(w) !== -1; });
      block.hidden = !ok;
      if (ok) { shown += 1; visibleSections[block.getAttribute("data-section")] = true; }
    });
    sections.forEach(function (section) { section.hidden = !visibleSections[section.getAttribute("data-section")]; });
    status.textContent = words.length ? "Показано: " + shown + " из " + total : "Всего: " + total;
  }

  var keys = {
    number: function (b) { return Number(b.getAttribute("data-number")); },
    name: function (b) { return fold(b.getAttribute("data-name")); },
    income: function (b) { var v = b.getAttribute("data-income"); return v === "" ? -1 : Number(v); }
  };

  function sortBy(kind, descending) {
    var key = keys[kind];
    var order = [], groups = {};
    blocks.forEach(function (b) {
      var s = b.getAttribute("data-section");
      if (!groups[s]) { groups[s] = []; order.push(s); }
      groups[s].push(b);
    });
    order.forEach(function (s) {
      var header = table.querySelector('tbody.section[data-section="' + s + '"]');
      if (header) { table.appendChild(header); }
      groups[s].sort(function (a, b) {
        var x = key(a), y = key(b), c;
        if (typeof x === "string") { c = x.localeCompare(y, "ru"); } else { c = x - y; }
        if (c === 0) { c = keys.number(a) - keys.number(b); }
        return descending ? -c : c;
      });
      groups[s].forEach(function (b) { table.appendChild(b); });
    });
  }

  var headers = Array.prototype.slice.call(table.querySelectorAll("thead th[data-sort]"));
  headers.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.setAttribute("data-sort", th.getAttribute("data-sort"));
    while (th.firstChild) { button.appendChild(th.firstChild); }
    var arrow = document.createElement("span");
    arrow.className = "arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.appendChild(arrow);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (other) {
        other.removeAttribute("aria-sort");
        other.querySelector(".arrow").textContent = "";
      });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      arrow.textContent = descending ? " ▼" : " ▲";
      sortBy(th.getAttribute("data-sort"), descending);
    });
  });

  var numberHeader = table.querySelector('thead th[data-sort="number"]');
  if (numberHeader) {
    numberHeader.setAttribute("aria-sort", "ascending");
    numberHeader.querySelector(".arrow").textContent = " ▲";
  }
  input.addEventListener("input", applyFilter);
  controls.hidden = false;
  applyFilter();
})();
