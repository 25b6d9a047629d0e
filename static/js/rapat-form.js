// The meeting form: participating kelurahan only matter for a kecamatan-level meeting.
(function () {
  var level = document.getElementById("id_level");
  var box = document.getElementById("peserta-kelurahan");
  if (!level || !box) return;
  function sync() { box.hidden = level.value !== "kecamatan"; }
  level.addEventListener("change", sync);
  sync();
})();
