// The attendance list: typing in the search box hides the people whose name does not match.
(function () {
  var search = document.getElementById("cari-peserta");
  if (!search) return;
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    document.querySelectorAll("#daftar-peserta [data-name]").forEach(function (row) {
      row.classList.toggle("d-none", query !== "" && row.dataset.name.indexOf(query) === -1);
    });
  });
})();
