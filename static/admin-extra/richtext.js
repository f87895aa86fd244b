"use strict";
// The admin's rich-text editor (core/widgets.py RichTextWidget).
//
// Each <textarea data-richtext> gets a toolbar and a Squire editing area; the
// textarea stays in the form, hidden, and is written on every change, so it
// is always what the form submits. The configuration (data-richtext, or the
// page's #richtext-config) comes from the server: the toolbar's labels in
// the editor's language, and core/sanitize.py's allow-list, which
// DOMPurify applies to whatever enters the editor (the stored text, a paste,
// a drop, the HTML view).
//
// Written for a strict Content-Security-Policy: no inline script or style,
// no eval, no style attribute (the few visual states are classes and the
// hidden attribute).
(function () {
  const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
  const MOD = MAC ? "Meta-" : "Ctrl-";
  const MOD_LABEL = MAC ? "⌘" : "Ctrl+";
  const SVG = "http://www.w3.org/2000/svg";
  // Blocks the paragraph and heading buttons turn into one another.
  const TEXT_BLOCK = /^(P|DIV|H[1-6])$/;
  // Tags the normaliser maps onto the allow-list before DOMPurify drops them.
  const MAPPED_TAGS = ["div", "h1", "h5", "h6"];
  const BLOCKS_INSIDE = "p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote";

  // Small line icons, drawn with attributes (not style) so CSP allows them.
  const ICONS = {
    bulletedList: [
      ["circle", { cx: 4, cy: 5, r: 1.5, fill: "currentColor" }],
      ["circle", { cx: 4, cy: 10, r: 1.5, fill: "currentColor" }],
      ["circle", { cx: 4, cy: 15, r: 1.5, fill: "currentColor" }],
      ["path", { d: "M8 5h10M8 10h10M8 15h10" }],
    ],
    numberedList: [
      ["path", { d: "M3 3.5l1.5-1v5M2.5 12.5c0-1 3-1.5 3 0s-3 2.5-3 4h3" }],
      ["path", { d: "M8 5h10M8 10h10M8 15h10" }],
    ],
    quote: [
      ["path", { d: "M4 16c3-1 4-3 4-6V5H3v5h4M12 16c3-1 4-3 4-6V5h-5v5h4" }],
    ],
    link: [
      ["path", { d: "M8.5 11.5l3-3" }],
      ["path", { d: "M9.5 6.5l1.8-1.8a3.2 3.2 0 0 1 4.5 4.5L14 11" }],
      ["path", { d: "M10.5 13.5l-1.8 1.8a3.2 3.2 0 0 1-4.5-4.5L6 9" }],
    ],
    undo: [["path", { d: "M7 4L3 8l4 4M3 8h9a5 5 0 0 1 0 10h-3" }]],
    redo: [["path", { d: "M13 4l4 4-4 4M17 8H8a5 5 0 0 0 0 10h3" }]],
  };

  // name, what the button shows, its shortcut (for the tooltip), its kind.
  const BUTTONS = [
    { name: "paragraph", text: "¶", block: "P" },
    { name: "heading", text: "H2", block: "H2" },
    { name: "subheading", text: "H3", block: "H3" },
    null,
    { name: "bold", text: "B", shortcut: "B", inline: "B" },
    { name: "italic", text: "I", shortcut: "I", inline: "I" },
    null,
    { name: "bulletedList", shortcut: "Shift+8", list: "UL" },
    { name: "numberedList", shortcut: "Shift+9", list: "OL" },
    { name: "quote", quote: true },
    { name: "link", shortcut: "K", link: true },
    null,
    { name: "undo", shortcut: "Z", history: "undo" },
    { name: "redo", shortcut: "Shift+Z", history: "redo" },
    null,
    { name: "source", text: "</>", source: true },
  ];

  let counter = 0;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(function ([name, value]) {
      node.setAttribute(name, value);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function icon(name) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "1.6");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    ICONS[name].forEach(function ([tag, attributes]) {
      const shape = document.createElementNS(SVG, tag);
      Object.entries(attributes).forEach(function ([key, value]) {
        shape.setAttribute(key, String(value));
      });
      svg.append(shape);
    });
    return svg;
  }

  function rename(node, tag) {
    const renamed = document.createElement(tag);
    while (node.firstChild) {
      renamed.append(node.firstChild);
    }
    node.replaceWith(renamed);
    return renamed;
  }

  function unwrap(node) {
    node.replaceWith(...node.childNodes);
  }

  // Word, Google Docs and web pages paste divs and any heading level (and
  // Squire itself makes the odd div): keep their structure in the tags the
  // site allows rather than let the server's sanitiser run them together.
  function normalise(fragment) {
    fragment.querySelectorAll("h1").forEach(function (node) {
      rename(node, "h2");
    });
    fragment.querySelectorAll("h5, h6").forEach(function (node) {
      rename(node, "h4");
    });
    // Innermost first, so that an outer div sees its inner ones as blocks.
    Array.from(fragment.querySelectorAll("div"))
      .reverse()
      .forEach(function (node) {
        if (node.querySelector(BLOCKS_INSIDE)) {
          unwrap(node);
        } else {
          rename(node, "p");
        }
      });
    return fragment;
  }

  // Chrome reports a CSP violation (and sends it to the policy's report-uri)
  // for every style or on* attribute and every <style> it parses, even into
  // an inert document whose handlers can never run; and HTML pasted from
  // Word or a web page is full of them. So they go from the string before
  // any parsing. This only ever removes: DOMPurify still decides what stays.
  function quieten(html) {
    return html
      .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "")
      .replace(/<\/?style\b[^>]*>/gi, "")
      .replace(/<[a-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/gi, function (tag) {
        return tag
          .replace(/([\s/"'])(?:on[\w-]*|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*)/gi, "$1")
          .replace(/([\s/"'])(?:on[\w-]*|style)(?=[\s/>])/gi, "$1");
      });
  }

  function purifier(config) {
    const allowedAttributes = config.allowedAttributes;
    const attributeNames = new Set();
    Object.values(allowedAttributes).forEach(function (names) {
      names.forEach(function (name) {
        attributeNames.add(name);
      });
    });
    // DOMPurify's default URI rule, with only the server's schemes.
    const schemes = config.urlSchemes.join("|");
    const options = {
      ALLOWED_TAGS: config.allowedTags.concat(MAPPED_TAGS),
      ALLOWED_ATTR: Array.from(attributeNames),
      ALLOWED_URI_REGEXP: new RegExp(
        "^(?:(?:" + schemes + "):|[^a-z]|[a-z+.-]+(?:[^a-z+.\\-:]|$))",
        "i",
      ),
      RETURN_DOM_FRAGMENT: true,
    };
    const purify = DOMPurify(window);
    // Attributes are allowed per tag, as on the server.
    purify.addHook("uponSanitizeAttribute", function (node, data) {
      const allowed = allowedAttributes[node.nodeName.toLowerCase()];
      if (!allowed || allowed.indexOf(data.attrName) === -1) {
        data.keepAttr = false;
      }
    });
    return function (html) {
      const fragment = normalise(purify.sanitize(quieten(html), options));
      return document.importNode(fragment, true);
    };
  }

  // To keep a space typed at the end of a text visible, the browser makes it
  // a no-break space, which stays one when the next word is bold or italic:
  // next to a tag and a letter, it is an ordinary space again. (No-break
  // spaces inside a text, as in French "texte : suite", are left alone.)
  function ordinarySpaces(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      let text = node.data;
      if (node.nextSibling && node.nextSibling.nodeType === 1) {
        text = text.replace(/([^\s\u00a0])\u00a0$/, "$1 ");
      }
      if (node.previousSibling && node.previousSibling.nodeType === 1) {
        text = text.replace(/^\u00a0(?=[^\s\u00a0])/, " ");
      }
      if (text !== node.data) {
        node.data = text;
      }
    }
  }

  // Squire's HTML, as the textarea and the database should hold it: strong
  // and em (Squire edits with b and i), no placeholder <br> at the end of a
  // block, no empty paragraphs, a line per block (which also makes revision
  // diffs read line by line).
  function serialise(root) {
    if (!root.textContent.trim()) {
      return "";
    }
    const copy = normalise(root.cloneNode(true));
    copy.querySelectorAll("b").forEach(function (node) {
      rename(node, "strong");
    });
    copy.querySelectorAll("i").forEach(function (node) {
      rename(node, "em");
    });
    ordinarySpaces(copy);
    copy.querySelectorAll("br").forEach(function (br) {
      if (!br.nextSibling && br.parentNode !== copy) {
        br.remove();
      }
    });
    copy.querySelectorAll("p, h2, h3, h4").forEach(function (block) {
      if (!block.textContent.trim() && !block.querySelector("br")) {
        block.remove();
      }
    });
    copy.querySelectorAll("p, h2, h3, h4, li, ul, ol, blockquote").forEach(function (block) {
      block.after("\n");
    });
    copy.querySelectorAll("ul, ol, blockquote").forEach(function (container) {
      container.prepend("\n");
    });
    return copy.innerHTML.replace(/\u200B/g, "").trim();
  }

  // The link form accepts what an editor types and refuses other schemes:
  // "europa.eu" is https, "press@example.eu" is mailto.
  function linkTarget(value, schemes) {
    const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
    if (!compact) {
      return null;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
    if (scheme) {
      return schemes.indexOf(scheme[1].toLowerCase()) !== -1 ? compact : null;
    }
    if (/^[/#?]/.test(compact)) {
      return compact;
    }
    if (/^[^@/]+@[^@/]+\.[a-z]{2,}$/i.test(compact)) {
      return "mailto:" + compact;
    }
    if (/^[^/.:]+(\.[^/.:]+)+(:\d+)?([/?#].*)?$/.test(compact)) {
      return "https://" + compact;
    }
    return null;
  }

  function RichText(textarea) {
    // "page": the admin's change form has it once for all its editors.
    const config =
      textarea.dataset.richtext === "page"
        ? JSON.parse(document.getElementById("richtext-config").textContent)
        : JSON.parse(textarea.dataset.richtext);
    const labels = config.labels;
    const id = textarea.id || "richtext-" + (counter += 1);
    const label = textarea.id
      ? document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]')
      : null;
    const buttons = [];
    let sourceMode = false;

    // --- The markup: toolbar, link form, editing area, keyboard hint.
    const toolbar = element("div", {
      class: "richtext__toolbar",
      role: "toolbar",
      "aria-label": labels.toolbar,
      "aria-controls": id + "-editor",
    });
    BUTTONS.forEach(function (spec) {
      if (!spec) {
        toolbar.append(element("span", { class: "richtext__separator", "aria-hidden": "true" }));
        return;
      }
      // A name that holds what the button shows ("H2 Heading"), so that a
      // speech user who says what they see reaches it (WCAG 2.5.3).
      const shows = spec.text && /^[A-Za-z][0-9]$/.test(spec.text);
      const name = shows ? spec.text + " " + labels[spec.name] : labels[spec.name];
      const button = element("button", {
        type: "button",
        class: "richtext__button richtext__button--" + spec.name,
        "aria-label": name,
        title: spec.shortcut ? name + " (" + MOD_LABEL + spec.shortcut + ")" : name,
        tabindex: buttons.length ? "-1" : "0",
      });
      if (!spec.history && !spec.link) {
        button.setAttribute("aria-pressed", "false");
      }
      if (spec.text) {
        button.append(element("span", { "aria-hidden": "true" }, [spec.text]));
      } else {
        button.append(icon(spec.name));
      }
      button.richtext = spec;
      buttons.push(button);
      toolbar.append(button);
    });

    const linkInput = element("input", {
      type: "text",
      id: id + "-link",
      class: "vTextField",
      "aria-labelledby": id + "-link-label",
      inputmode: "url",
      autocomplete: "off",
      spellcheck: "false",
    });
    const linkError = element("p", { class: "richtext__error", id: id + "-link-error", role: "alert", hidden: "" }, [
      labels.linkInvalid,
    ]);
    const linkApply = element("button", { type: "button", class: "button" }, [labels.linkApply]);
    const linkRemove = element("button", { type: "button", class: "button" }, [labels.linkRemove]);
    const linkCancel = element("button", { type: "button", class: "button" }, [labels.linkCancel]);
    const linkForm = element(
      "div",
      { class: "richtext__linkform", role: "group", "aria-label": labels.link, hidden: "" },
      [
        // Not a <label>: modeltranslation rewrites every label in a field's
        // row with the field's own.
        element("span", { id: id + "-link-label", class: "richtext__linklabel" }, [labels.linkAddress]),
        linkInput,
        linkApply,
        linkRemove,
        linkCancel,
        linkError,
      ],
    );

    const hint = element("span", { id: id + "-hint", class: "richtext__hint" }, [labels.toolbarHint]);
    const area = element("div", {
      id: id + "-editor",
      class: "richtext__editor",
      role: "textbox",
      "aria-multiline": "true",
      spellcheck: "true",
    });
    if (textarea.lang) {
      area.lang = textarea.lang;
    }
    if (label) {
      label.id = label.id || id + "-label";
      area.setAttribute("aria-labelledby", label.id);
    } else {
      area.setAttribute("aria-label", labels.editor);
    }
    const described = [textarea.getAttribute("aria-describedby"), hint.id];
    area.setAttribute("aria-describedby", described.filter(Boolean).join(" "));

    const wrapper = element("div", { class: "richtext" }, [toolbar, linkForm, area, hint]);
    textarea.after(wrapper);
    textarea.hidden = true;
    // The HTML view shows the textarea itself, inside the wrapper.
    area.after(textarea);

    const sanitize = purifier(config);
    const editor = new Squire(area, {
      blockTag: "P",
      // Squire's typing-time linkifier moves the cursor down into the
      // preceding inline element before every Enter, so bold switched off
      // came back in the next paragraph. Links are made with Ctrl+K.
      addLinks: false,
      sanitizeToDOMFragment: sanitize,
      didError: function (error) {
        console.warn(error);
      },
    });
    editor.setHTML(textarea.value);
    let loaded = true;

    // Focus from the keyboard: Squire puts back the caret it remembers,
    // which can lie outside the text (the admin's language tabs and
    // collapsible fieldsets move the editor after it starts), and what is
    // typed then goes nowhere. A caret not in the text goes to its start.
    area.addEventListener("focus", function () {
      const selection = window.getSelection();
      const node = selection && selection.rangeCount ? selection.anchorNode : null;
      if (node && area.contains(node) && node !== area) {
        return;
      }
      const range = document.createRange();
      range.setStart(area.firstElementChild || area, 0);
      range.collapse(true);
      editor.setSelection(range);
    });

    // --- Keeping the textarea in step.
    function sync() {
      if (!loaded || sourceMode) {
        return;
      }
      const html = serialise(editor.getRoot());
      if (html !== textarea.value) {
        textarea.value = html;
        // Tell admin-extra/language-tabs.js (and anything else listening).
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
    editor.addEventListener("input", sync);

    // --- Commands.
    function selectedBlocks() {
      const blocks = [];
      editor.forEachBlock(function (block) {
        blocks.push(block);
      }, false);
      return blocks;
    }

    function retag(parent, tag) {
      Array.from(parent.childNodes).forEach(function (node) {
        if (TEXT_BLOCK.test(node.nodeName)) {
          if (node.nodeName !== tag) {
            rename(node, tag);
          }
        } else if (node.nodeName === "BLOCKQUOTE") {
          retag(node, tag);
        }
        // A list item stays one: a heading inside a list is no one's intent.
      });
    }

    function setBlock(tag) {
      const blocks = selectedBlocks().filter(function (block) {
        return TEXT_BLOCK.test(block.nodeName);
      });
      const already = blocks.length && blocks.every(function (block) {
        return block.nodeName === tag;
      });
      const target = already && tag !== "P" ? "P" : tag;
      editor.modifyBlocks(function (fragment) {
        retag(fragment, target);
        return fragment;
      });
      editor.focus();
    }

    function toggleInline(tag) {
      if (editor.hasFormat(tag)) {
        editor.changeFormat(null, { tag: tag });
      } else {
        editor.changeFormat({ tag: tag });
      }
      editor.focus();
    }

    function nearest(selector) {
      const blocks = selectedBlocks();
      return blocks.length ? blocks[0].closest(selector) : null;
    }

    function toggleList(type) {
      const list = nearest("ul, ol");
      if (list && list.nodeName === type) {
        editor.removeList();
      } else if (type === "UL") {
        editor.makeUnorderedList();
      } else {
        editor.makeOrderedList();
      }
    }

    function toggleQuote() {
      if (nearest("blockquote")) {
        editor.decreaseQuoteLevel();
      } else {
        editor.increaseQuoteLevel();
      }
    }

    // --- The link form.
    let linkRange = null;

    function currentLink() {
      const range = editor.getSelection();
      let node = range.startContainer;
      while (node && node !== area) {
        if (node.nodeName === "A") {
          return node;
        }
        node = node.parentNode;
      }
      return null;
    }

    function openLinkForm() {
      if (sourceMode) {
        return;
      }
      linkRange = editor.getSelection();
      const link = currentLink();
      linkInput.value = link ? link.getAttribute("href") || "" : "";
      linkRemove.hidden = !link;
      linkError.hidden = true;
      linkInput.removeAttribute("aria-invalid");
      linkInput.removeAttribute("aria-describedby");
      linkForm.hidden = false;
      linkInput.focus();
      linkInput.select();
    }

    function closeLinkForm() {
      linkForm.hidden = true;
      if (linkRange) {
        editor.setSelection(linkRange);
      }
      linkRange = null;
      editor.focus();
    }

    function applyLink() {
      const href = linkTarget(linkInput.value, config.urlSchemes);
      if (!href) {
        linkError.hidden = false;
        linkInput.setAttribute("aria-invalid", "true");
        linkInput.setAttribute("aria-describedby", linkError.id);
        linkInput.focus();
        return;
      }
      editor.setSelection(linkRange);
      editor.makeLink(href);
      linkRange = null;
      linkForm.hidden = true;
      editor.focus();
    }

    function removeLink() {
      editor.setSelection(linkRange);
      editor.removeLink();
      linkRange = null;
      linkForm.hidden = true;
      editor.focus();
    }

    linkApply.addEventListener("click", applyLink);
    linkRemove.addEventListener("click", removeLink);
    linkCancel.addEventListener("click", closeLinkForm);
    linkForm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeLinkForm();
      } else if (event.key === "Enter" && event.target === linkInput) {
        // Not the admin form's submit.
        event.preventDefault();
        applyLink();
      }
    });

    // --- The HTML view: the textarea itself, for pasting markup or fixing it.
    function setSourceMode(on) {
      sourceMode = on;
      if (on) {
        sync();
        linkForm.hidden = true;
      } else {
        editor.setHTML(textarea.value);
      }
      area.hidden = on;
      hint.hidden = on;
      textarea.hidden = !on;
      buttons.forEach(function (button) {
        if (!button.richtext.source) {
          button.setAttribute("aria-disabled", String(on));
        }
      });
      updateState();
      if (on) {
        textarea.focus();
      } else {
        sync();
        editor.focus();
      }
    }

    function run(spec) {
      if (spec.source) {
        setSourceMode(!sourceMode);
        return;
      }
      if (sourceMode) {
        return;
      }
      if (spec.block) {
        setBlock(spec.block);
      } else if (spec.inline) {
        toggleInline(spec.inline);
      } else if (spec.list) {
        toggleList(spec.list);
      } else if (spec.quote) {
        toggleQuote();
      } else if (spec.link) {
        openLinkForm();
      } else if (spec.history === "undo") {
        editor.undo();
      } else if (spec.history === "redo") {
        editor.redo();
      }
    }

    // --- Button states, from where the cursor is.
    let canUndo = false;
    let canRedo = false;

    function updateState() {
      const blocks = sourceMode ? [] : selectedBlocks();
      const first = blocks[0];
      buttons.forEach(function (button) {
        const spec = button.richtext;
        let pressed = false;
        if (sourceMode) {
          pressed = Boolean(spec.source);
        } else if (spec.block) {
          pressed = blocks.length > 0 && blocks.every(function (block) {
            return block.nodeName === spec.block;
          });
        } else if (spec.inline) {
          pressed = editor.hasFormat(spec.inline);
        } else if (spec.list) {
          const list = first && first.closest("ul, ol");
          pressed = Boolean(list && list.nodeName === spec.list);
        } else if (spec.quote) {
          pressed = Boolean(first && first.closest("blockquote"));
        }
        if (button.hasAttribute("aria-pressed")) {
          button.setAttribute("aria-pressed", String(pressed));
        }
        if (spec.history && !sourceMode) {
          const available = spec.history === "undo" ? canUndo : canRedo;
          button.setAttribute("aria-disabled", String(!available));
        }
      });
    }

    editor.addEventListener("pathChange", updateState);
    editor.addEventListener("select", updateState);
    editor.addEventListener("cursor", updateState);
    editor.addEventListener("undoStateChange", function (event) {
      canUndo = event.detail.canUndo;
      canRedo = event.detail.canRedo;
      updateState();
    });

    // --- Keyboard: the toolbar is one tab stop with arrow keys inside it
    // (WAI-ARIA toolbar pattern); Alt+F10 reaches it from the text, Escape
    // goes back.
    function focusButton(index) {
      const count = buttons.length;
      const target = buttons[((index % count) + count) % count];
      buttons.forEach(function (button) {
        button.tabIndex = button === target ? 0 : -1;
      });
      target.focus();
    }

    toolbar.addEventListener("keydown", function (event) {
      const index = buttons.indexOf(event.target);
      if (index === -1) {
        return;
      }
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        focusButton(moves[event.key]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        (sourceMode ? textarea : editor).focus();
      }
    });

    toolbar.addEventListener("click", function (event) {
      const button = event.target.closest("button");
      if (!button || button.getAttribute("aria-disabled") === "true") {
        return;
      }
      buttons.forEach(function (other) {
        other.tabIndex = other === button ? 0 : -1;
      });
      run(button.richtext);
      updateState();
    });
    // Keep the selection in the text while a button is pressed.
    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("button")) {
        event.preventDefault();
      }
    });

    function toToolbar(event) {
      if (event.altKey && event.key === "F10") {
        event.preventDefault();
        const current = buttons.find(function (button) {
          return button.tabIndex === 0;
        });
        focusButton(buttons.indexOf(current));
      }
    }
    area.addEventListener("keydown", toToolbar);
    textarea.addEventListener("keydown", toToolbar);

    // Squire's shortcuts, made to match the toolbar: a link form, and none
    // for formats the site does not keep (strikethrough, code).
    editor.setKeyHandler(MOD + "k", function (self, event) {
      event.preventDefault();
      openLinkForm();
    });
    [MOD + "Shift-7", MOD + "d"].forEach(function (key) {
      editor.setKeyHandler(key, null);
    });

    // The field's label, clicked, leads to the text, not the hidden textarea.
    if (label) {
      label.addEventListener("click", function (event) {
        if (!sourceMode) {
          event.preventDefault();
          editor.focus();
        }
      });
    }

    // HTML typed in the HTML view goes through the same cleaning as the
    // editor's before it is sent (the server sanitises again regardless).
    const form = textarea.form;
    if (form) {
      form.addEventListener("submit", function () {
        if (sourceMode) {
          editor.setHTML(textarea.value);
          textarea.value = serialise(editor.getRoot());
        } else {
          sync();
        }
      });
    }

    updateState();
    textarea.richtext = editor;
    wrapper.dataset.ready = "true";
  }

  function enhance(root) {
    root.querySelectorAll("textarea[data-richtext]").forEach(function (textarea) {
      // Not the empty form an inline formset clones for "Add another".
      if (textarea.richtext || textarea.closest(".empty-form") || textarea.name.includes("__prefix__")) {
        return;
      }
      textarea.richtext = true;
      try {
        RichText(textarea);
      } catch (error) {
        // The plain textarea still works: show it rather than nothing.
        textarea.hidden = false;
        console.error(error);
      }
    });
  }

  function ready() {
    enhance(document);
    document.addEventListener("formset:added", function (event) {
      enhance(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
