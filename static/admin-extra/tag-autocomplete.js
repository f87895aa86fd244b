"use strict";
// Tags: the admin's autocomplete (select2, as in admin/js/autocomplete.js)
// in select2's "tags" mode, which also accepts a tag that does not exist
// yet. What the editor typed is offered after the existing tags rather than
// first, so that Enter picks "migration" instead of creating "migr".
{
  const $ = django.jQuery;

  $(function () {
    $(".admin-tag-autocomplete").not("[name*=__prefix__]").each(function (i, element) {
      $(element).select2({
        // Explicit, as the admin's own autocomplete gets it from a CSS rule
        // on .admin-autocomplete that this select does not have; select2's
        // default measures the empty select and makes a 14px box.
        width: "30em",
        tags: true,
        tokenSeparators: [","],
        insertTag: function (data, tag) {
          data.push(tag);
        },
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName
            };
          }
        }
      });
    });
  });
}
