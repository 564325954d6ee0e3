// A page the browser brings back from its back/forward cache keeps its GET forms as they
// were left (boxes ticked, then submitted), which need not be what its address lists.
// Resetting puts back what the server rendered for this address. Without JavaScript the
// forms still work; autocomplete="off" covers the pages the browser reloads instead.
addEventListener("pageshow", (event) => {
  if (event.persisted) {
    for (const form of document.querySelectorAll("form[method=get]")) form.reset();
  }
});
