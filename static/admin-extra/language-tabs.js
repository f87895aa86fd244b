"use strict";
// Marks the language tabs whose field has text, so that an editor sees at a
// glance which of the 24 languages a title or a quote exists in. Runs after
// modeltranslation has built the tabs (its ready handler was queued first).
(function ($) {
  function mark(field) {
    if (!field.id) {
      return;
    }
    // By aria-controls: admin-extra/a11y.js takes the tabs' links' href.
    const tab = document.querySelector('li[aria-controls="tab_' + CSS.escape(field.id) + '"]');
    if (tab) {
      tab.classList.toggle("mt-has-text", field.value.trim() !== "");
    }
  }

  $(function () {
    document.querySelectorAll("input.mt, textarea.mt").forEach(mark);
    // modeltranslation opens the tabs on the interface language but leaves
    // its language switch on the first one; make the switch say which.
    const first = $(".ui-tabs").first();
    const main = $("#modeltranslation-main-switch");
    if (first.length) {
      main.val(String(first.tabs("option", "active")));
    }
    // A release opens on the language it was written in, unless a refused
    // save has opened the tab of a field in error.
    const original = document.getElementById("id_original_language");
    if (original && original.value && !document.querySelector(".errornote")) {
      const code = original.value.toLowerCase();
      const option = main.find("option").filter(function () {
        return this.textContent.toLowerCase().replace("-", "_") === code;
      });
      if (option.length) {
        main.val(option.val()).trigger("change");
      }
    }
    document.addEventListener("input", function (event) {
      if (event.target.classList && event.target.classList.contains("mt")) {
        mark(event.target);
      }
    });
  });
})(django.jQuery);
