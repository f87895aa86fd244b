"""How each of the 24 languages quotes someone, as data the parser reads.

One entry per language code, the same keys in each:

``quotes``
    (opening mark, closing marks) pairs, most usual first. The straight
    double quote is added for every language: the old site's editors typed
    it everywhere.
``verbs``
    Speech verbs as press releases use them, lowercase, multi-word forms
    allowed ("a déclaré", "fügte hinzu"). A quotation belongs to the person
    a speech verb ties to it; a verb is also what tells an apposition
    ("mayor of Umeå, said") from a verb phrase ("added that ...").
``links``
    The words that may sit between a speech verb and the quotation
    ("said that “…”", "framhöll att ”…”").
``relatives``
    Words that open a relative clause, which is not a role
    ("Anna Berg (SE–PES), who chaired the debate, said …").
``pronouns``
    The pronouns of "she said", which carry a quotation on to the speaker
    of the one before it ("“…,” she said, “…”"). Languages that drop the
    pronoun ("– dodała") need none for that.

Adding a language, or a verb the parser missed, is a change to this table
only: the parser has no code for any particular language.
"""

STRAIGHT = ('"', '"')

LANGUAGES = {
    "bg": {
        "quotes": [("„", "“"), ("«", "»")],
        "verbs": [
            "заяви", "каза", "подчерта", "добави", "отбеляза", "посочи",
            "изтъкна", "коментира", "обясни", "допълни", "казва", "заявява",
        ],
        "links": ["че", ":"],
        "relatives": ["който", "която", "което", "които"],
        "pronouns": ["той", "тя"],
    },
    "cs": {
        "quotes": [("„", "“")],
        "verbs": [
            "řekl", "řekla", "uvedl", "uvedla", "zdůraznil", "zdůraznila",
            "dodal", "dodala", "prohlásil", "prohlásila", "poznamenal",
            "poznamenala", "vysvětlil", "vysvětlila",
        ],
        "links": ["že", ":"],
        "relatives": ["který", "která", "které", "kteří"],
        "pronouns": ["on", "ona"],
    },
    "da": {
        "quotes": [("»", "«"), ("„", "“"), ("”", "”")],
        "verbs": [
            "sagde", "siger", "understregede", "tilføjede", "fremhævede",
            "udtalte", "forklarede", "påpegede", "erklærede",
        ],
        "links": ["at", ":"],
        "relatives": ["som"],
        "pronouns": ["han", "hun"],
    },
    "de": {
        "quotes": [("„", "“"), ("»", "«")],
        "verbs": [
            "sagte", "sagt", "betonte", "betont", "erklärte", "erklärt",
            "fügte hinzu", "unterstrich", "meinte", "hob hervor", "stellte fest",
            "ergänzte", "so",
        ],
        "links": ["dass", ":"],
        "relatives": ["welche", "welcher"],
        "pronouns": ["er", "sie"],
    },
    "el": {
        "quotes": [("«", "»"), ("“", "”")],
        "verbs": [
            "δήλωσε", "είπε", "τόνισε", "πρόσθεσε", "υπογράμμισε", "ανέφερε",
            "σημείωσε", "εξήγησε", "επεσήμανε", "δηλώνει",
        ],
        "links": ["ότι", "πως", ":"],
        "relatives": ["ο οποίος", "η οποία", "το οποίο", "που"],
        "pronouns": ["αυτός", "αυτή"],
    },
    "en": {
        "quotes": [("“", "”"), ("‘", "’")],
        "verbs": [
            "said", "says", "stressed", "added", "explained", "noted", "declared",
            "stated", "commented", "emphasised", "emphasized", "underlined",
            "pointed out", "remarked", "concluded", "argued", "insisted",
            "warned", "affirmed", "told",
        ],
        "links": ["that", ":"],
        "relatives": ["who", "which", "whose", "whom"],
        "pronouns": ["he", "she", "they"],
    },
    "es": {
        "quotes": [("«", "»"), ("“", "”")],
        "verbs": [
            "afirmó", "declaró", "dijo", "subrayó", "añadió", "señaló",
            "destacó", "explicó", "ha afirmado", "ha declarado", "ha señalado",
            "ha subrayado", "ha añadido", "aseguró",
        ],
        "links": ["que", ":"],
        "relatives": ["que", "quien", "quienes", "el cual", "la cual"],
        "pronouns": ["él", "ella"],
    },
    "et": {
        "quotes": [("„", "“")],
        "verbs": [
            "ütles", "rõhutas", "lisas", "märkis", "sõnas", "kinnitas",
            "selgitas", "tõdes",
        ],
        "links": ["et", ":"],
        "relatives": ["kes", "mis"],
        "pronouns": ["ta"],
    },
    "fi": {
        "quotes": [("”", "”"), ("»", "»")],
        "verbs": [
            "sanoi", "totesi", "korosti", "lisäsi", "painotti", "sanoo",
            "kertoi", "huomautti", "muistutti",
        ],
        "links": ["että", ":"],
        "relatives": ["joka", "jotka"],
        "pronouns": ["hän"],
    },
    "fr": {
        "quotes": [("«", "»"), ("“", "”")],
        "verbs": [
            "a déclaré", "a dit", "a souligné", "a ajouté", "a affirmé",
            "a expliqué", "a insisté", "a rappelé", "a estimé", "a précisé",
            "a indiqué", "a conclu", "déclare", "souligne", "ajoute", "affirme",
            "a-t-il déclaré", "a-t-elle déclaré", "a-t-il ajouté",
            "a-t-elle ajouté", "a-t-il souligné", "a-t-elle souligné",
        ],
        "links": ["que", "qu'", "qu’", ":"],
        "relatives": ["qui", "dont", "lequel", "laquelle"],
        "pronouns": ["il", "elle"],
    },
    "ga": {
        "quotes": [("“", "”"), ("‘", "’")],
        "verbs": ["dúirt", "a dúirt", "adúirt", "a deir", "a mhaígh", "arsa"],
        "links": ["go", ":"],
        "relatives": ["atá", "a bhí"],
        "pronouns": ["sé", "sí"],
    },
    "hr": {
        "quotes": [("„", "“"), ("»", "«")],
        "verbs": [
            "rekao je", "rekla je", "izjavio je", "izjavila je", "naglasio je",
            "naglasila je", "dodao je", "dodala je", "rekao", "rekla",
            "istaknuo je", "istaknula je",
        ],
        "links": ["da", ":"],
        "relatives": ["koji", "koja", "koje"],
        "pronouns": ["on", "ona"],
    },
    "hu": {
        "quotes": [("„", "”"), ("»", "«")],
        "verbs": [
            "mondta", "hangsúlyozta", "tette hozzá", "hozzátette",
            "jelentette ki", "kijelentette", "emelte ki", "nyilatkozta",
            "fogalmazott",
        ],
        "links": ["hogy", ":"],
        "relatives": ["aki", "akik", "amely"],
        "pronouns": ["ő"],
    },
    "it": {
        "quotes": [("«", "»"), ("“", "”")],
        "verbs": [
            "ha affermato", "ha dichiarato", "ha detto", "ha sottolineato",
            "ha aggiunto", "ha spiegato", "ha osservato", "ha concluso",
            "afferma", "dichiara", "sottolinea",
        ],
        "links": ["che", ":"],
        "relatives": ["che", "il quale", "la quale"],
        "pronouns": ["lui", "lei"],
    },
    "lt": {
        "quotes": [("„", "“")],
        "verbs": [
            "sakė", "pabrėžė", "pridūrė", "pažymėjo", "teigė", "pareiškė",
            "paaiškino",
        ],
        "links": ["kad", ":"],
        "relatives": ["kuris", "kuri"],
        "pronouns": ["jis", "ji"],
    },
    "lv": {
        "quotes": [("„", "“"), ("«", "»")],
        "verbs": [
            "sacīja", "teica", "uzsvēra", "piebilda", "norādīja", "paziņoja",
            "skaidroja",
        ],
        "links": ["ka", ":"],
        "relatives": ["kurš", "kura"],
        "pronouns": ["viņš", "viņa"],
    },
    "mt": {
        "quotes": [("“", "”"), ("‘", "’")],
        "verbs": [
            "qal", "qalet", "saħaq", "saħqet", "żied", "żiedet", "stqarr",
            "stqarret", "spjega", "spjegat",
        ],
        "links": ["li", ":"],
        "relatives": ["li"],
        "pronouns": ["hu", "hi"],
    },
    "nl": {
        "quotes": [("“", "”"), ("„", "”"), ("‘", "’")],
        "verbs": [
            "zei", "zegt", "benadrukte", "voegde toe", "verklaarde",
            "onderstreepte", "stelde", "aldus", "merkte op", "legde uit",
        ],
        "links": ["dat", ":"],
        "relatives": ["die", "dat", "wie"],
        "pronouns": ["hij", "zij", "ze"],
    },
    "pl": {
        "quotes": [("„", "”"), ("«", "»")],
        "verbs": [
            "powiedział", "powiedziała", "stwierdził", "stwierdziła",
            "podkreślił", "podkreśliła", "dodał", "dodała", "oświadczył",
            "oświadczyła", "zaznaczył", "zaznaczyła", "wyjaśnił", "wyjaśniła",
        ],
        "links": ["że", ":"],
        "relatives": ["który", "która", "które", "którzy"],
        "pronouns": ["on", "ona"],
    },
    "pt": {
        "quotes": [("«", "»"), ("“", "”")],
        "verbs": [
            "afirmou", "declarou", "disse", "sublinhou", "acrescentou",
            "salientou", "referiu", "explicou", "sustentou",
        ],
        "links": ["que", ":"],
        "relatives": ["que", "quem", "o qual", "a qual"],
        "pronouns": ["ele", "ela"],
    },
    "ro": {
        "quotes": [("„", "”"), ("«", "»")],
        "verbs": [
            "a declarat", "a spus", "a subliniat", "a adăugat", "a afirmat",
            "a explicat", "a precizat", "a arătat",
        ],
        "links": ["că", ":"],
        "relatives": ["care"],
        "pronouns": ["el", "ea"],
    },
    "sk": {
        "quotes": [("„", "“")],
        "verbs": [
            "povedal", "povedala", "uviedol", "uviedla", "zdôraznil",
            "zdôraznila", "dodal", "dodala", "vyhlásil", "vyhlásila",
        ],
        "links": ["že", ":"],
        "relatives": ["ktorý", "ktorá", "ktoré"],
        "pronouns": ["on", "ona"],
    },
    "sl": {
        "quotes": [("„", "“"), ("»", "«")],
        "verbs": [
            "je dejal", "je dejala", "je poudaril", "je poudarila", "je dodal",
            "je dodala", "je izjavil", "je izjavila", "dejal", "dejala",
            "poudaril", "poudarila",
        ],
        "links": ["da", ":"],
        "relatives": ["ki"],
        "pronouns": ["on", "ona"],
    },
    "sv": {
        "quotes": [("”", "”"), ("»", "»")],
        "verbs": [
            "sade", "sa", "säger", "framhöll", "betonade", "tillade",
            "påpekade", "förklarade", "underströk", "konstaterade", "menade",
            "uppgav", "framhåller", "betonar",
        ],
        "links": ["att", ":"],
        "relatives": ["som"],
        "pronouns": ["han", "hon"],
    },
}  # fmt: skip


def language_data(code=None):
    """The quotation marks, verbs and words of ``code``, as in the table.

    Without a code (a page whose language is not known), those of every
    language together, so the parser still finds what it can.
    """
    codes = [code] if code else sorted(LANGUAGES)
    merged = {key: [] for key in LANGUAGES["en"]}
    for one in codes:
        for key, values in LANGUAGES[one].items():
            merged[key] += [value for value in values if value not in merged[key]]
    if STRAIGHT not in merged["quotes"]:
        merged["quotes"].append(STRAIGHT)
    return merged
