// Shows the page's own message when adding or using a security key fails (the person cancelled
// the browser's dialog, it timed out, or the key is already registered). allauth's webauthn.js
// reports those as an "allauth.error" event and, unless a page takes it, only logs them to the
// console, where nobody signing in would see them.
document.addEventListener("allauth.error", (event) => {
  const problem = document.getElementById("security-key-problem");
  if (!problem) return;
  event.preventDefault();
  problem.hidden = false;
});
