// Open-a-matter form: offer only the courts in the chosen matter type's jurisdiction.
// The server checks the same thing; without JavaScript every court is listed.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var type = document.getElementById("id_matter_type");
    var court = document.getElementById("id_court");
    if (!type || !court) return;
    function narrow() {
      var chosen = type.options[type.selectedIndex];
      var jurisdiction = chosen ? chosen.getAttribute("data-jurisdiction") : null;
      Array.prototype.forEach.call(court.options, function (option) {
        var own = option.getAttribute("data-jurisdiction");
        var hide = Boolean(jurisdiction && own && own !== jurisdiction);
        option.hidden = hide;
        option.disabled = hide;
        if (hide && option.selected) court.value = "";
      });
    }
    type.addEventListener("change", narrow);
    narrow();
  });
})();
