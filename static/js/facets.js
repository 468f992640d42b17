// Progressive enhancement for the standards list: ticking a facet, choosing a jurisdiction or
// an order sends the filter form at once. Without JavaScript the "Apply filters" button does.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !form.hasAttribute("data-auto-submit")) {
    return;
  }
  function submit() {
    form.setAttribute("aria-busy", "true");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }
  function onChange(event) {
    var control = event.target;
    if (control.matches("input[type=checkbox], input[type=radio], select")) {
      submit();
    }
  }
  form.addEventListener("change", onChange);
  // The sort control lives outside the form (form="filters").
  var ordering = document.getElementById("f-ordering");
  if (ordering) {
    ordering.addEventListener("change", submit);
  }
  document.documentElement.classList.add("js-auto-submit");
})();
