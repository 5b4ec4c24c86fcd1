// Progressive enhancement for the draft editor. Without it the editor still works: rows are
// reordered by their position numbers and added by a submit button. With it, rows are dragged
// (SortableJS) or moved with arrow buttons, each row's position field follows the order on screen,
// and moves are announced to screen readers.
(function () {
  "use strict";

  let dirty = false;

  function announce(message) {
    const status = document.getElementById("editor-status");
    if (status) status.textContent = message;
  }

  function rows(list) {
    return Array.from(list.querySelectorAll(":scope > .item-row"));
  }

  function renumber(list) {
    rows(list).forEach(function (row, index) {
      const order = row.querySelector("input.item-order");
      if (order) order.value = index + 1;
      const number = row.querySelector(".item-index");
      if (number) number.textContent = index + 1;
    });
    // The guidance panel checks the lists in their new order.
    document.body.dispatchEvent(new CustomEvent("jd:rows-changed"));
  }

  function enhance(list) {
    if (list.dataset.enhanced) return;
    list.dataset.enhanced = "true";
    if (window.Sortable) {
      window.Sortable.create(list, {
        handle: ".item-handle",
        draggable: ".item-row",
        animation: 150,
        onEnd: function () {
          renumber(list);
          dirty = true;
          announce("Order changed. Save the draft to keep it.");
        },
      });
    }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const row = button.closest(".item-row");
    const list = row.parentElement;
    if (button.dataset.move === "up" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (button.dataset.move === "down" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    } else {
      return;
    }
    renumber(list);
    dirty = true;
    button.focus();
    const all = rows(list);
    announce("Moved to position " + (all.indexOf(row) + 1) + " of " + all.length + ". Save the draft to keep the new order.");
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const list = event.detail.target;
    if (!list.matches || !list.matches("[data-item-list]")) return;
    renumber(list);
    const added = rows(list).pop();
    const field = added && added.querySelector("textarea, input:not([type=hidden]), select");
    if (field) field.focus();
    dirty = true;
  });

  // The guidance panel's "Go to the text" moves focus to the field, not only the view to it.
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[data-focus]");
    const field = link && document.getElementById(link.dataset.focus);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  // Textareas grow with their text; CSS does it where the browser knows field-sizing.
  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }
  const cssGrows = window.CSS && CSS.supports("field-sizing", "content");
  if (!cssGrows) {
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches("textarea.form-control")) grow(event.target);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!cssGrows) document.querySelectorAll("textarea.form-control").forEach(grow);
    const form = document.getElementById("editor-form");
    if (!form) return;
    form.querySelectorAll("[data-item-list]").forEach(enhance);
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) event.preventDefault();
    });
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
