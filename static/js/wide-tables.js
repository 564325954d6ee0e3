// A phone shows no scroll bar until the reader touches the table, so a table that is wider
// than its box says so above it, with how many columns it has; the class also keeps its
// first column in view (site.css). Measured again when the window changes size.
const wideTables = [...document.querySelectorAll(".table-scroll")];

function hintFor(box) {
  if (!box.scrollHint) {
    box.scrollHint = document.createElement("p");
    box.scrollHint.className = "scroll-hint meta";
    box.before(box.scrollHint);
  }
  return box.scrollHint;
}

function markWideTables() {
  for (const box of wideTables) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("scrolls", scrolls);
    if (!scrolls && !box.scrollHint) continue;
    const hint = hintFor(box);
    hint.hidden = !scrolls;
    const columns = box.querySelector("tr")?.cells.length ?? 0;
    hint.textContent = `Scroll the table sideways to see all ${columns} columns →`;
  }
}

markWideTables();
addEventListener("resize", markWideTables);
