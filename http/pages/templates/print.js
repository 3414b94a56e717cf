// The 様式4 page's print button (GET /assets/print.js). The page shows a hint to use the
// browser's print and a hidden button; once this script runs, the button shows instead of the
// hint and opens the print dialog, so a browser without scripts never sees a dead control.
"use strict";
for (const button of document.querySelectorAll("button.print")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
  for (const hint of document.querySelectorAll(".print-hint")) hint.hidden = true;
}
