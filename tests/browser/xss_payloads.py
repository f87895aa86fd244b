"""A corpus of cross-site scripting payloads, for tests/browser/test_xss.py.

Each payload that could run script calls a sentinel, ``__xss(n)`` with its
own number (the browser test defines it and fails when it is called), or
opens a dialog with alert(), confirm() or prompt() (the browser test fails
on any dialog). They cover the shapes that have beaten real sanitisers and
templates:

- classic <script>, in every casing and split;
- event handlers that fire without a click (onerror, onload, onfocus with
  autofocus, ontoggle, onbegin ...);
- javascript:, data: and vbscript: URLs, with case, entity, whitespace and
  control-character tricks, in href, src, action, formaction, xlink:href;
- svg and math, iframe srcdoc, object and embed, meta refresh, base;
- mutation XSS: markup that a sanitiser's parser and the browser's read
  differently (noscript, style, title, textarea breakouts, namespace
  confusion through math, svg and foreign content);
- breakouts from attribute values, <title>, <textarea> and <script> blocks
  (JSON in a script tag), so that a value printed inside any of them ends it;
- template injection for Django, Jinja, JavaScript template literals and
  client-side frameworks: the expected result of the arithmetic must never
  appear on a page (see TEMPLATE_RESULTS);
- unicode and escape tricks: full-width brackets, pre-escaped entities,
  URL-encoding, JSON escapes, line and paragraph separators, zero-width and
  bidi characters.

``XSS`` in a template below becomes ``__xss(n)``.
"""

_TEMPLATES = (
    # Classic script elements.
    "<script>XSS</script>",
    "<SCRIPT>XSS</SCRIPT>",
    "<ScRiPt >XSS</sCrIpT >",
    "<script src=data:text/javascript,XSS></script>",
    "<scr<script>ipt>XSS</scr</script>ipt>",
    "<<script>XSS//<</script>",
    "<script\x0c>XSS</script>",
    # Event handlers that fire on their own.
    "<img src=x onerror=XSS>",
    "<IMG SRC=x OnErRoR=XSS>",
    '<img src="x" onerror="XSS">',
    "<img src=x onerror=&#x5f;&#x5f;xss&#x28;0&#x29;>",
    "<svg onload=XSS>",
    "<svg/onload=XSS>",
    "<body onload=XSS>",
    "<input autofocus onfocus=XSS>",
    "<select autofocus onfocus=XSS></select>",
    "<textarea autofocus onfocus=XSS></textarea>",
    "<details open ontoggle=XSS>",
    "<video><source onerror=XSS></video>",
    "<audio src=x onerror=XSS>",
    "<marquee onstart=XSS>m</marquee>",
    "<style onload=XSS></style>",
    "<link rel=stylesheet href=x onerror=XSS>",
    "<div tabindex=1 autofocus onfocusin=XSS>f</div>",
    "<x contenteditable onfocus=XSS autofocus>x</x>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    # Dangerous URLs.
    '<a href="javascript:XSS">js</a>',
    '<a href="JaVaScRiPt:XSS">js</a>',
    '<a href="java&#x09;script:XSS">js</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:XSS">js</a>',
    '<a href="javascript&colon;XSS">js</a>',
    '<a href=" &#14; javascript:XSS">js</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<iframe src="javascript:XSS"></iframe>',
    '<iframe src="JAVASCRIPT:XSS"></iframe>',
    '<iframe srcdoc="<script>parent.XSS</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=XSS&gt;"></iframe>',
    '<embed src="javascript:XSS">',
    '<object data="data:text/html,<script>XSS</script>"></object>',
    '<form action="javascript:XSS"><button>go</button></form>',
    '<button formaction="javascript:XSS">go</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:XSS">',
    '<base href="javascript:XSS//">',
    # SVG and MathML.
    "<svg><script>XSS</script></svg>",
    '<svg><a xlink:href="javascript:XSS"><text x=20 y=20>svg</text></a></svg>',
    "<svg><animate onbegin=XSS attributeName=x dur=1s>",
    "<svg><foreignObject><img src=x onerror=XSS></foreignObject></svg>",
    '<math href="javascript:XSS">math</math>',
    # Mutation XSS: sanitiser and browser parse differently.
    "<math><mtext><table><mglyph><style><img src=x onerror=XSS>",
    '<noscript><p title="</noscript><img src=x onerror=XSS>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=XSS>",
    '<svg></p><style><a id="</style><img src=x onerror=XSS>">',
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=XSS src=1>">',
    "<!--><img src=x onerror=XSS>-->",
    "<![CDATA[><img src=x onerror=XSS>]]>",
    "<title><img src=x onerror=XSS></title>",
    "<style><img src=x onerror=XSS></style>",
    # Breakouts from where a value may be printed.
    '"><img src=x onerror=XSS>',
    "'><img src=x onerror=XSS>",
    '" autofocus onfocus="XSS',
    "' autofocus onfocus='XSS",
    "</title><img src=x onerror=XSS>",
    "</textarea><img src=x onerror=XSS>",
    "</script><script>XSS</script>",
    "</script><img src=x onerror=XSS>",
    "'-alert(1)-'",
    '";XSS;//',
    "\\';XSS;//",
    "`;XSS;`${XSS}",
    # Unicode and escape tricks.
    "\uff1cscript\uff1eXSS\uff1c/script\uff1e",
    "&lt;img src=x onerror=XSS&gt;",
    "&amp;lt;script&amp;gt;XSS&amp;lt;/script&amp;gt;",
    "%3Cscript%3EXSS%3C/script%3E",
    "\\u003cimg src=x onerror=XSS\\u003e",
    "\u2028</script>\u2029<script>XSS</script>",
    "<scr\u200bipt>XSS</scr\u200bipt>",
    "\u202e<img src=x onerror=XSS>",
    "<img src=x onerror=XSS//",
    # Short ones, for the narrowest fields (a political group is 20 long).
    "<svg/onload=alert()>",
    "<svg onload=alert()>",
    '"><svg/onload=alert()>',
    "<script>alert()</script>",
    "<img src=x onerror=alert()>",
    "</title><script>alert()",
)

PAYLOADS = tuple(
    template.replace("XSS", "__xss(%d)" % number)
    for number, template in enumerate(_TEMPLATES, start=1)
)

#: Template injection: each must stay literal text. The numbers are what the
#: arithmetic gives, and must never appear on a page.
TEMPLATE_INJECTIONS = (
    "{{ 7|add:90909 }}",
    "{% widthratio 3 1 24241 %}",
    "{{7*13131}}",
    "${7*13131}",
    "#{7*13131}",
    "<%= 7*13131 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "{% debug %}{% csrf_token %}",
)
TEMPLATE_RESULTS = ("90916", "72723", "91917")

ALL = PAYLOADS + TEMPLATE_INJECTIONS

#: Payloads short enough for the narrowest text fields (a speaker's political
#: group holds 20 characters, an acronym 30).
SHORT = tuple(payload for payload in ALL if len(payload) <= 20)
