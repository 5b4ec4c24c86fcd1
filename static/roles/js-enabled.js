// Loaded first, synchronously: lets CSS show the JavaScript controls (drag handles, move buttons)
// and hide the no-JavaScript fallbacks before the page paints.
document.documentElement.classList.replace("no-js", "js");
