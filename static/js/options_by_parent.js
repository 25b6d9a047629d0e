// A <select data-filter-by="id_rw"> offers only the options whose data-parent matches the value
// chosen in that other select (the RT of the chosen RW). Options without data-parent (the empty
// choice) always stay. A chosen option that no longer fits is cleared.
(function () {
  function apply(select, parent) {
    const chosen = parent.value;
    for (const option of select.options) {
      if (!option.dataset.parent) continue;
      const fits = !chosen || option.dataset.parent === chosen;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) select.value = "";
    }
  }
  for (const select of document.querySelectorAll("select[data-filter-by]")) {
    const parent = document.getElementById(select.dataset.filterBy);
    if (!parent) continue;
    parent.addEventListener("change", function () { apply(select, parent); });
    apply(select, parent);
  }
})();
