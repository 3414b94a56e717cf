// The copy buttons of a page that shows a secret once (GET /assets/copy.js): each button copies
// the text of the element its data-copy names. The buttons come hidden, so a browser without
// scripts shows none and the text stays there to select; this script shows them.
"use strict";
for (const button of document.querySelectorAll("button.copy")) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) continue;
  const copied = () => {
    button.textContent = button.dataset.copied;
  };
  button.hidden = false;
  button.addEventListener("click", () => {
    const text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(copied, () => selectAndCopy(source, copied));
    } else {
      selectAndCopy(source, copied);
    }
  });
}

// Where the clipboard API is not offered (a page over plain http on another host): select the
// text and ask the browser to copy the selection; the text stays selected either way.
function selectAndCopy(source, copied) {
  const range = document.createRange();
  range.selectNodeContents(source);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  if (document.execCommand("copy")) copied();
}
