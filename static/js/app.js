// Behaviour shared by every page, wired by data- attributes (the Content-Security-Policy
// allows no inline script and no onclick= / onsubmit= handlers).
//   <form data-confirm="Hapus?">          asks before the form is sent
//   <button data-print>                    prints the page
//   <button data-select-all="#css-scope">  ticks every checkbox inside #css-scope
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
document.addEventListener("click", function (event) {
  const print = event.target.closest("[data-print]");
  if (print) window.print();
  const selectAll = event.target.closest("[data-select-all]");
  if (selectAll) {
    document.querySelectorAll(selectAll.dataset.selectAll + " input[type=checkbox]").forEach(function (box) {
      box.checked = true;
    });
  }
});
