"use strict";
// The third-party widgets of the admin, made to name themselves to
// assistive technology (WCAG 2.1 AA; tests/browser/test_a11y_admin.py):
//
// - modeltranslation's language switch beside the title has no label;
// - its jQuery UI language tabs put a link (focusable, if only by mouse)
//   inside each role="tab", an interactive control inside another: the tab
//   itself takes the focus and the arrow keys, so the link loses its href
//   (jQuery UI finds a tab's panel by aria-controls, not by the link);
// - select2's autocompletes label neither their box nor their search field
//   (the <select> they replace has the label), and put the "clear" cross, a
//   <span>, inside their <ul> of chosen items.
//
// The widgets build and rebuild these elements as the editor works (tabs
// for an added inline, select2's chips on each change), so the fixes run
// again on every change to the page; each is idempotent.
{
  function labelId(field) {
    const label = field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = field.id + "-label";
    }
    return label.id;
  }

  function fixLanguageSwitch() {
    const select = document.getElementById("modeltranslation-main-switch");
    // Its name is in the page, translated (templates/admin/base_site.html).
    if (select && document.getElementById("admin-language-switch-label")) {
      select.setAttribute("aria-labelledby", "admin-language-switch-label");
    }
  }

  // A tab whose link has lost its href is still a tab of this page: jQuery
  // UI would otherwise fetch it as a remote tab on the first click.
  const jq = window.django && window.django.jQuery;
  if (jq && jq.ui && jq.ui.tabs && !jq.ui.tabs.prototype._newsroomLocal) {
    const isLocal = jq.ui.tabs.prototype._isLocal;
    jq.ui.tabs.prototype._isLocal = function (anchor) {
      return anchor.dataset.tab !== undefined || isLocal.call(this, anchor);
    };
    jq.ui.tabs.prototype._newsroomLocal = true;
  }

  function fixTabs() {
    document.querySelectorAll(".ui-tabs-nav [role=tab] a[href]").forEach(function (link) {
      link.dataset.tab = link.getAttribute("href");
      link.removeAttribute("href");
      link.setAttribute("role", "presentation");
    });
  }

  function fixSelect2() {
    document.querySelectorAll("select.select2-hidden-accessible").forEach(function (select) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      const label = labelId(select);
      const box = container.querySelector(".select2-selection");
      if (!label || !box) {
        return;
      }
      const rendered = box.querySelector(".select2-selection__rendered");
      if (box.classList.contains("select2-selection--single")) {
        // The box is named by the field's label, then the chosen value.
        if (rendered && rendered.id && !box.dataset.a11y) {
          box.setAttribute("aria-labelledby", label + " " + rendered.id);
          rendered.setAttribute("aria-labelledby", label + " " + rendered.id);
          box.dataset.a11y = "1";
        }
        return;
      }
      box.setAttribute("aria-labelledby", label);
      const search = box.querySelector(".select2-search__field");
      if (search) {
        search.setAttribute("aria-labelledby", label);
      }
      if (rendered) {
        // The cross out of the list, into the box (select2 finds it there).
        rendered.querySelectorAll(":scope > .select2-selection__clear").forEach(function (clear) {
          box.querySelectorAll(":scope > .select2-selection__clear").forEach(function (old) {
            old.remove();
          });
          box.insertBefore(clear, rendered);
        });
      }
    });
  }

  function fixAll() {
    fixLanguageSwitch();
    fixTabs();
    fixSelect2();
  }

  // Keyboard: where the focus goes once the page or a row is ready.
  const FIELDS = "input:not([type=hidden]), select, textarea, [contenteditable=true]";

  function firstField(root) {
    return Array.from(root.querySelectorAll(FIELDS)).find(function (field) {
      return !field.disabled && field.offsetParent !== null && !field.closest(".empty-form");
    });
  }

  function placeFocus() {
    const form = document.querySelector("#content-main form");
    if (!form || !document.body.classList.contains("change-form")) {
      return;
    }
    // After a refused save: the first field in error (its tab is the one
    // modeltranslation opened), so the editor starts where the problem is.
    const error = form.querySelector(".form-row.errors, fieldset .errors, .errorlist");
    if (document.querySelector(".errornote") && error) {
      const row = error.closest(".form-row, .fieldBox, tr, fieldset") || error;
      const field = firstField(row);
      if (field) {
        field.focus();
        return;
      }
    }
    // An add form starts on its first field; the admin's own autofocus can
    // land on a language tab's input that the tabs then hide.
    const active = document.activeElement;
    const lost = !active || active === document.body || active.offsetParent === null;
    if (lost && window.location.pathname.endsWith("/add/")) {
      const field = firstField(form);
      if (field) {
        field.focus();
      }
    }
  }

  // "Add another": the focus moves into the new row, once its tabs exist.
  document.addEventListener("formset:added", function (event) {
    setTimeout(function () {
      const field = firstField(event.target);
      if (field) {
        field.focus();
      }
    }, 0);
  });

  function start() {
    fixAll();
    // After the load event's own handlers (the editors, the admin's
    // autofocus), which would otherwise take the focus back.
    const later = function () {
      setTimeout(placeFocus, 0);
    };
    if (document.readyState === "complete") {
      later();
    } else {
      window.addEventListener("load", later);
    }
    new MutationObserver(fixAll).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
