// "Copy" buttons for the text formats in the Download menu and for share links. They exist only
// with JavaScript (the buttons start hidden); without it the downloads and the link fields work
// as they are. The result is announced in the nearest status region.
(function () {
  "use strict";

  function announce(button, message) {
    const scope = button.closest(".download-menu, .share-links") || document;
    const status = scope.querySelector(".copy-status");
    if (status) status.textContent = message;
    // The label as first drawn: a second click while "Copied" shows must not keep that.
    button.dataset.label = button.dataset.label || button.textContent;
    button.textContent = message.startsWith("Copied") ? "Copied" : "Not copied";
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
  }

  async function textOf(button) {
    if (button.dataset.copyUrl) {
      const response = await fetch(button.dataset.copyUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error("download " + response.status);
      return response.text();
    }
    return document.getElementById(button.dataset.copyFrom).value;
  }

  async function copy(button) {
    try {
      // The text is fetched after the click; ClipboardItem takes it as a promise, so the copy
      // still counts as the click's own (Chromium and Safari ask for that).
      const text = textOf(button);
      if (window.ClipboardItem && navigator.clipboard.write) {
        const blob = text.then((value) => new Blob([value], { type: "text/plain" }));
        await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
      } else {
        await navigator.clipboard.writeText(await text);
      }
      announce(button, "Copied to the clipboard.");
    } catch (error) {
      announce(button, "Could not copy. Download the file instead.");
    }
  }

  function setUp() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy-url]").forEach((button) => { button.hidden = false; });
    document.querySelectorAll("input[data-copy-source]").forEach((input) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary mt-1 me-1 copy-button";
      button.textContent = "Copy link";
      button.dataset.copyFrom = input.id;
      input.after(button);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy-url], [data-copy-from]");
    if (button) copy(button);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
