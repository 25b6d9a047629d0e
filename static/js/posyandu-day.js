// Spreadsheet-like entry: Enter moves to the same column of the next row instead of submitting.
document.getElementById("posyandu-form")?.addEventListener("keydown", function (event) {
  const input = event.target;
  if (event.key !== "Enter" || !input.closest(".posyandu-table")) return;
  event.preventDefault();
  const cell = input.closest("td");
  const row = input.closest("tr");
  let next = row.nextElementSibling;
  while (next && !next.dataset.row) next = next.nextElementSibling;
  const target = next && next.children[cell.cellIndex]?.querySelector("input, select");
  if (target) { target.focus(); target.select?.(); }
});
