/*
 * Ranked ballots: turns the rank <select>s (which work without JavaScript) into a list the voter
 * orders by keyboard (Move up / Move down buttons, or the arrow keys on a focused candidate) or by
 * dragging the grip (pointer events: mouse, pen and touch). Every change is written back into the
 * selects, so the form submits exactly what it would without this script.
 */
(function () {
  "use strict";

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function enhance(fieldset, index) {
    var rows = Array.prototype.slice.call(fieldset.querySelectorAll(".rank-row"));
    if (!rows.length) return;
    var prefix = "ranker-" + index;
    var ranker = make("div", "ranker");
    var rankedHeading = make("p", "ranker-heading", "Your ranking");
    rankedHeading.id = prefix + "-ranked";
    var ranked = make("ol", "ranked");
    ranked.setAttribute("aria-labelledby", prefix + "-ranked");
    var emptyNote = make("p", "ranker-empty", "Nobody ranked yet: add candidates from the list below, or drag them here.");
    var unrankedHeading = make("p", "ranker-heading", "Not ranked");
    unrankedHeading.id = prefix + "-unranked";
    var unranked = make("ul", "unranked");
    unranked.setAttribute("aria-labelledby", prefix + "-unranked");
    var live = make("p", "visually-hidden");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    var hint = make("p", "helptext", "Use the buttons, or focus a candidate and press the up and down arrow keys. With a mouse or a finger, drag a candidate by its grip.");
    ranker.append(hint, rankedHeading, ranked, emptyNote, unrankedHeading, unranked, live);

    var items = rows.map(function (row) {
      var select = row.querySelector("select");
      var label = row.querySelector("label").textContent.trim();
      var item = make("li", "rank-item");
      item.tabIndex = 0;
      item.dataset.position = row.dataset.position;
      item.dataset.label = label;
      item._select = select;
      var grip = make("span", "grip");
      grip.setAttribute("aria-hidden", "true");
      grip.title = "Drag to reorder";
      var name = make("span", "rank-label", label);
      var controls = make("span", "rank-controls");
      var buttons = [
        ["up", "Move up", "Move " + label + " up"],
        ["down", "Move down", "Move " + label + " down"],
        ["remove", "Remove", "Remove " + label + " from my ranking"],
        ["add", "Add to my ranking", "Add " + label + " to my ranking"],
      ];
      buttons.forEach(function (spec) {
        var button = make("button", "rank-" + spec[0] + " secondary", spec[1]);
        button.type = "button";
        button.setAttribute("aria-label", spec[2]);
        button.dataset.act = spec[0];
        controls.append(button);
      });
      item.append(grip, name, controls);
      return item;
    });

    var initial = items.filter(function (item) { return item._select.value; });
    initial.sort(function (a, b) { return Number(a._select.value) - Number(b._select.value); });
    initial.forEach(function (item) { ranked.append(item); });
    items.forEach(function (item) { if (!item._select.value) unranked.append(item); });

    function rankedItems() { return Array.prototype.slice.call(ranked.children); }

    function sync() {
      var order = rankedItems();
      items.forEach(function (item) { item._select.value = ""; });
      order.forEach(function (item, position) { item._select.value = String(position + 1); });
      emptyNote.hidden = order.length > 0;
    }

    function say(text) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function placeOf(item) {
      var order = rankedItems();
      return "rank " + (order.indexOf(item) + 1) + " of " + order.length;
    }

    function move(item, step) {
      if (item.parentNode !== ranked) return;
      var sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling) {
        say(item.dataset.label + " is already " + (step < 0 ? "first." : "last."));
        return;
      }
      ranked.insertBefore(item, step < 0 ? sibling : sibling.nextElementSibling);
      sync();
      say(item.dataset.label + " moved to " + placeOf(item) + ".");
    }

    ranker.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-act]");
      if (!button) return;
      var item = button.closest(".rank-item");
      var act = button.dataset.act;
      if (act === "up" || act === "down") {
        move(item, act === "up" ? -1 : 1);
        button.focus();
      } else if (act === "add") {
        ranked.append(item);
        sync();
        say(item.dataset.label + " added at " + placeOf(item) + ".");
        item.focus();
      } else if (act === "remove") {
        var next = item.nextElementSibling || item.previousElementSibling;
        unranked.append(item);
        sync();
        say(item.dataset.label + " removed from your ranking.");
        (next || item).focus();
      }
    });

    ranker.addEventListener("keydown", function (event) {
      var item = event.target;
      if (!item.classList || !item.classList.contains("rank-item")) return;
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        if (item.parentNode === unranked) {
          say("Add " + item.dataset.label + " to your ranking first.");
          return;
        }
        move(item, event.key === "ArrowUp" ? -1 : 1);
        item.focus();
      }
    });

    // Dragging by the grip with pointer events: the item moves in the lists as the pointer does.
    var dragged = null;
    ranker.addEventListener("pointerdown", function (event) {
      var grip = event.target.closest(".grip");
      if (!grip || event.button !== 0) return;
      dragged = grip.closest(".rank-item");
      dragged.classList.add("dragging");
      grip.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    ranker.addEventListener("pointermove", function (event) {
      if (!dragged) return;
      var list = listAt(event.clientX, event.clientY);
      if (!list) return;
      var before = null;
      Array.prototype.slice.call(list.children).some(function (other) {
        if (other === dragged) return false;
        var box = other.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) {
          before = other;
          return true;
        }
        return false;
      });
      if (dragged.parentNode !== list || dragged.nextElementSibling !== before) {
        list.insertBefore(dragged, before);
      }
    });
    function endDrag() {
      if (!dragged) return;
      var item = dragged;
      dragged = null;
      item.classList.remove("dragging");
      sync();
      say(item.parentNode === ranked
        ? item.dataset.label + " moved to " + placeOf(item) + "."
        : item.dataset.label + " is not ranked.");
      item.focus();
    }
    ranker.addEventListener("pointerup", endDrag);
    ranker.addEventListener("pointercancel", endDrag);

    function listAt(x, y) {
      var lists = [ranked, unranked];
      for (var i = 0; i < lists.length; i += 1) {
        var box = lists[i].getBoundingClientRect();
        if (y >= box.top && y <= box.bottom) return lists[i];
      }
      var rankedBox = ranked.getBoundingClientRect();
      return y < rankedBox.top ? ranked : (y > unranked.getBoundingClientRect().bottom ? unranked : null);
    }

    var help = fieldset.querySelector(".helptext");
    if (help && fieldset.dataset.enhancedHelp) help.textContent = fieldset.dataset.enhancedHelp;
    fieldset.querySelector(".rank-selects").after(ranker);
    fieldset.classList.add("ranking-enhanced");
    var form = fieldset.closest("form");
    if (form) form.addEventListener("submit", sync);
    sync();
  }

  document.querySelectorAll("[data-ranking]").forEach(enhance);
})();
