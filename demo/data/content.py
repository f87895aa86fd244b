"""Text of the demo content, by language.

The seed release and the people and bodies it names are real (the seed was
published by the European Committee of the Regions on 12 December 2020).
Everything else is invented for the demo: the further releases quote
fictional members, so that no real person is given words they never said.
Texts are templated, but each language's template is written as a sentence
of that language, not assembled word by word.
"""

LANGUAGES = ("en", "sv", "de", "fr", "el")

ORGANISATIONS = {
    "european-committee-of-the-regions": {
        "kind": "eu_institution",
        "website": "https://cor.europa.eu",
        "name": {
            "en": "European Committee of the Regions",
            "sv": "Europeiska regionkommittén",
            "de": "Europäischer Ausschuss der Regionen",
            "fr": "Comité européen des régions",
            "el": "Ευρωπαϊκή Επιτροπή των Περιφερειών",
            "it": "Comitato europeo delle regioni",
            "es": "Comité Europeo de las Regiones",
            "nl": "Europees Comité van de Regio's",
            "pl": "Europejski Komitet Regionów",
            "pt": "Comité das Regiões Europeu",
        },
        "acronym": {
            "en": "CoR",
            "sv": "ReK",
            "de": "AdR",
            "fr": "CdR",
            "el": "ΕτΠ",
            "it": "CdR",
            "es": "CDR",
            "nl": "CvdR",
            "pl": "KR",
            "pt": "CR",
        },
    },
    "european-commission": {
        "kind": "eu_institution",
        "website": "https://commission.europa.eu",
        "name": {
            "en": "European Commission",
            "sv": "Europeiska kommissionen",
            "de": "Europäische Kommission",
            "fr": "Commission européenne",
            "el": "Ευρωπαϊκή Επιτροπή",
            "it": "Commissione europea",
            "es": "Comisión Europea",
            "nl": "Europese Commissie",
            "pl": "Komisja Europejska",
            "pt": "Comissão Europeia",
        },
        "acronym": {},
    },
}

#: Topics; the first two are the seed's themes, named as the old site names
#: them in English, so the import matches them instead of creating new ones.
TOPICS = {
    "migration-asylum-and-integration-of-migrants": {
        "en": "Migration, asylum and integration of migrants",
        "sv": "Migration, asyl och integration av migranter",
        "de": "Migration, Asyl und Integration von Migranten",
        "fr": "Migration, asile et intégration des migrants",
        "el": "Μετανάστευση, άσυλο και ένταξη των μεταναστών",
    },
    "international-cooperation": {
        "en": "International cooperation",
        "sv": "Internationellt samarbete",
        "de": "Internationale Zusammenarbeit",
        "fr": "Coopération internationale",
        "el": "Διεθνής συνεργασία",
    },
    "cohesion-policy": {
        "en": "Cohesion policy",
        "sv": "Sammanhållningspolitik",
        "de": "Kohäsionspolitik",
        "fr": "Politique de cohésion",
        "el": "Πολιτική συνοχής",
    },
    "green-deal-and-climate": {
        "en": "Green Deal and climate",
        "sv": "Den gröna given och klimatet",
        "de": "Grüner Deal und Klima",
        "fr": "Pacte vert et climat",
        "el": "Πράσινη Συμφωνία και κλίμα",
    },
    "health": {
        "en": "Health",
        "sv": "Hälsa",
        "de": "Gesundheit",
        "fr": "Santé",
        "el": "Υγεία",
    },
    "digital-transformation": {
        "en": "Digital transformation",
        "sv": "Digital omställning",
        "de": "Digitaler Wandel",
        "fr": "Transformation numérique",
        "el": "Ψηφιακός μετασχηματισμός",
    },
    "democracy-and-citizens": {
        "en": "Democracy and citizens",
        "sv": "Demokrati och medborgare",
        "de": "Demokratie und Bürger",
        "fr": "Démocratie et citoyens",
        "el": "Δημοκρατία και πολίτες",
    },
}

TOPIC_DESCRIPTIONS = {
    "migration-asylum-and-integration-of-migrants": {
        "en": "How cities and regions receive and integrate newcomers.",
        "sv": "Hur städer och regioner tar emot och integrerar nyanlända.",
    },
    "cohesion-policy": {
        "en": "The EU's investment in its regions, and who decides how it is spent.",
        "sv": "EU:s investeringar i regionerna, och vem som bestämmer hur de används.",
    },
}

#: The seed's speakers. Roles as the institutions write them.
SEED_SPEAKERS = {
    "Apostolos Tzitzikostas": {
        "slug": "apostolos-tzitzikostas",
        "organisation": "european-committee-of-the-regions",
        "country": "EL",
        "political_group": "EPP",
        "role": {
            "en": "President of the European Committee of the Regions",
            "sv": "Europeiska regionkommitténs ordförande",
            "de": "Präsident des Europäischen Ausschusses der Regionen",
            "fr": "Président du Comité européen des régions",
            "el": "Πρόεδρος της Ευρωπαϊκής Επιτροπής των Περιφερειών",
        },
    },
    # A Commissioner is not a member of the Committee: no country or group.
    "Ylva Johansson": {
        "slug": "ylva-johansson",
        "organisation": "european-commission",
        "country": "",
        "political_group": "",
        "role": {
            "en": "European Commissioner for Home Affairs",
            "sv": "EU-kommissionär med ansvar för inrikes frågor",
            "de": "EU-Kommissarin für Inneres",
            "fr": "Commissaire européenne aux affaires intérieures",
            "el": "Επίτροπος Εσωτερικών Υποθέσεων",
        },
    },
}

#: Invented members of the Committee, quoted in the invented releases.
DEMO_SPEAKERS = {
    "Anna Lindqvist": {
        "country": "SE",
        "political_group": "PES",
        "role": {
            "en": "Member of Lund Municipal Council",
            "sv": "ledamot av Lunds kommunfullmäktige",
            "de": "Mitglied des Gemeinderats von Lund",
            "fr": "membre du conseil municipal de Lund",
            "el": "μέλος του δημοτικού συμβουλίου του Λουντ",
        },
    },
    "Klaus Becker": {
        "country": "DE",
        "political_group": "EPP",
        "role": {
            "en": "Member of the Bavarian State Parliament",
            "sv": "ledamot av Bayerns delstatsparlament",
            "de": "Mitglied des Bayerischen Landtags",
            "fr": "membre du Parlement de Bavière",
            "el": "μέλος του κοινοβουλίου της Βαυαρίας",
        },
    },
    "Claire Moreau": {
        "country": "FR",
        "political_group": "Renew Europe",
        "role": {
            "en": "Regional Councillor of Occitanie",
            "sv": "regionfullmäktigeledamot i Occitanien",
            "de": "Regionalrätin in Okzitanien",
            "fr": "conseillère régionale d'Occitanie",
            "el": "περιφερειακή σύμβουλος της Οξιτανίας",
        },
    },
    "Eleni Papadaki": {
        "country": "EL",
        "political_group": "PES",
        "role": {
            "en": "Deputy Regional Governor of Crete",
            "sv": "vice regionguvernör på Kreta",
            "de": "stellvertretende Regionalgouverneurin von Kreta",
            "fr": "vice-gouverneure régionale de Crète",
            "el": "αντιπεριφερειάρχης Κρήτης",
        },
    },
    "Tomasz Nowicki": {
        "country": "PL",
        "political_group": "ECR",
        "role": {
            "en": "Councillor of the Lesser Poland Region",
            "sv": "ledamot av regionfullmäktige i Lillpolen",
            "de": "Mitglied des Regionalparlaments Kleinpolen",
            "fr": "conseiller de la région de Petite-Pologne",
            "el": "σύμβουλος της περιφέρειας Μικρής Πολωνίας",
        },
    },
    "Sinéad Byrne": {
        "country": "IE",
        "political_group": "Greens",
        "role": {
            "en": "Member of Cork City Council",
            "sv": "ledamot av Corks stadsfullmäktige",
            "de": "Mitglied des Stadtrats von Cork",
            "fr": "membre du conseil municipal de Cork",
            "el": "μέλος του δημοτικού συμβουλίου του Κορκ",
        },
    },
}

INITIATIVE = {
    "slug": "cities-and-regions-for-integration",
    "name": {
        "en": "Cities and Regions for Integration",
        "sv": "Städer och regioner för integration",
        "de": "Städte und Regionen für Integration",
        "fr": "Villes et régions pour l'intégration",
        "el": "Πόλεις και Περιφέρειες για την Ένταξη",
    },
    "description": {
        "en": (
            "A political platform, launched by the European Committee of the "
            "Regions in 2019, where European mayors and regional leaders share "
            "information and showcase positive examples of the integration of "
            "migrants and refugees."
        ),
        "sv": (
            "En politisk plattform som ReK lanserade 2019 där europeiska "
            "borgmästare och regionala ledare kan utbyta information och visa upp "
            "positiva exempel på integration av migranter och flyktingar."
        ),
    },
}

PARTNERSHIP = {
    "slug": "partnership-for-integration",
    "name": {
        "en": "Partnership for integration",
        "sv": "Partnerskapet för integration",
        "de": "Partnerschaft für Integration",
        "fr": "Partenariat pour l'intégration",
        "el": "Εταιρική σχέση για την ένταξη",
    },
    "description": {
        "en": (
            "A partnership between the European Committee of the Regions and the "
            "European Commission to support the EU's cities and regions in "
            "integrating migrants, announced at the Committee's plenary session "
            "of December 2020."
        ),
        "sv": (
            "Ett partnerskap mellan Europeiska regionkommittén och Europeiska "
            "kommissionen för att stödja EU:s städer och regioner i arbetet med "
            "att integrera migranter, som tillkännagavs vid ReK:s plenarsession i "
            "december 2020."
        ),
    },
    # The three areas of the seed's list.
    "areas": (
        {
            "en": (
                "Building an open and regular dialogue between the EU institutions "
                "and local and regional authorities on integration"
            ),
            "sv": (
                "Bygga upp en öppen och regelbunden dialog mellan EU-institutionerna "
                "och de lokala och regionala myndigheterna om integration"
            ),
        },
        {
            "en": (
                "Building capacity and fostering the exchange of experience for "
                "local and regional authorities"
            ),
            "sv": (
                "Bygga upp kapacitet och främja erfarenhetsutbyte för lokala och "
                "regionala myndigheter"
            ),
        },
        {
            "en": "Improving information and data on integration at local level",
            "sv": "Förbättra uppgifter och data om integration på lokal nivå",
        },
    ),
}

#: The seed release in English, as the Committee's English page would read.
SEED_ENGLISH = {
    "title": (
        "CoR and Commission launch partnership to help local authorities integrate "
        "migrants and implement the new Pact on Migration and Asylum"
    ),
    "lead": (
        "The European Commission and the European Committee of the Regions (CoR) "
        "are joining forces to develop a new partnership to step up support for "
        "the integration work carried out by the EU's cities and regions. The "
        "partnership was announced by CoR President Apostolos Tzitzikostas and "
        "Home Affairs Commissioner Ylva Johansson at the CoR plenary session today."
    ),
    "role": (
        "President of the European Committee of the Regions and Governor of the "
        "Region of Central Macedonia"
    ),
    "quote": (
        "migration is not a challenge for just a few Member States: it is an issue "
        "for the whole EU. The EU must support regions, cities and islands – such "
        "as Lesbos, Lampedusa and the Canary Islands – that are on the front line "
        "in providing support, integration and other services to newly arrived "
        "migrants. Although local authorities have put in place many successful "
        "and innovative integration practices, they still face problems with "
        "access to funding, data and knowledge, especially in small towns and "
        "rural areas. The partnership will support their efforts and show "
        "concretely that the EU is on their side in tackling the many challenges "
        "they face."
    ),
    "more_information": (
        '<p>European Committee of the Regions: <a href="https://cor.europa.eu">'
        "cor.europa.eu</a></p>"
    ),
}
SEED_SWEDISH_MORE_INFORMATION = (
    '<p>Europeiska regionkommittén: <a href="https://cor.europa.eu/sv">'
    "cor.europa.eu</a></p>"
)
SEED_ENGLISH["body"] = (
    "<p>The new Partnership for integration will support cities and regions in "
    "the EU by working on three main areas:</p><ul>"
    "<li>Building an open and regular dialogue between the EU institutions and "
    "local and regional authorities on integration.</li>"
    "<li>Building capacity and fostering the exchange of experience for local and "
    "regional authorities.</li>"
    "<li>Improving information and data on integration at local level.</li></ul>"
    "<p>The partnership will build on the well-established cooperation between "
    "the Commission and the CoR under the Cities and Regions for Integration "
    "initiative, launched by the CoR in 2019 as a political platform for European "
    "mayors and regional leaders to share information and showcase positive "
    "examples of the integration of migrants and refugees.</p>"
    "<p>Apostolos Tzitzikostas (EL–EPP), %s, stressed that “%s”</p>"
    % (SEED_ENGLISH["role"], SEED_ENGLISH["quote"])
)

CONTACTS = (
    {
        "name": "Lena Berg",
        "email": "press@newsroom.example.org",
        "phone": "+32 2 555 01 23",
        "role": {
            "en": "Press officer",
            "sv": "Pressekreterare",
            "de": "Pressereferentin",
            "fr": "Attachée de presse",
            "el": "Υπεύθυνη Τύπου",
        },
    },
    {
        "name": "Marco Ferri",
        "email": "media@newsroom.example.org",
        "phone": "+32 2 555 01 45",
        "role": {
            "en": "Spokesperson",
            "sv": "Talesperson",
            "de": "Sprecher",
            "fr": "Porte-parole",
            "el": "Εκπρόσωπος Τύπου",
        },
    },
)

#: What the invented releases are about: topic slugs, tags, and the subject
#: as it reads inside a sentence of each language.
SUBJECTS = (
    {
        "topics": ("cohesion-policy",),
        "tags": ("cohesion", "EU budget"),
        "en": "cohesion policy after 2027",
        "sv": "sammanhållningspolitiken efter 2027",
        "de": "die Kohäsionspolitik nach 2027",
        "fr": "la politique de cohésion après 2027",
        "el": "η πολιτική συνοχής μετά το 2027",
    },
    {
        "topics": ("cohesion-policy",),
        "tags": ("rural areas", "EU funds"),
        "en": "EU funds for rural areas",
        "sv": "EU-medel för landsbygden",
        "de": "EU-Mittel für ländliche Gebiete",
        "fr": "les fonds européens pour les zones rurales",
        "el": "τα ενωσιακά κονδύλια για τις αγροτικές περιοχές",
    },
    {
        "topics": ("green-deal-and-climate",),
        "tags": ("energy", "buildings"),
        "en": "the energy renovation of public buildings",
        "sv": "energirenovering av offentliga byggnader",
        "de": "die energetische Sanierung öffentlicher Gebäude",
        "fr": "la rénovation énergétique des bâtiments publics",
        "el": "η ενεργειακή ανακαίνιση των δημόσιων κτιρίων",
    },
    {
        "topics": ("green-deal-and-climate",),
        "tags": ("climate adaptation", "floods"),
        "en": "adapting to floods and heatwaves",
        "sv": "anpassning till översvämningar och värmeböljor",
        "de": "die Anpassung an Hochwasser und Hitzewellen",
        "fr": "l'adaptation aux inondations et aux canicules",
        "el": "η προσαρμογή στις πλημμύρες και τους καύσωνες",
    },
    {
        "topics": ("health",),
        "tags": ("health care", "islands"),
        "en": "health care in remote regions",
        "sv": "hälso- och sjukvård i avlägsna regioner",
        "de": "die Gesundheitsversorgung in abgelegenen Regionen",
        "fr": "les soins de santé dans les régions isolées",
        "el": "η υγειονομική περίθαλψη στις απομακρυσμένες περιφέρειες",
    },
    {
        "topics": ("health",),
        "tags": ("health care", "skills"),
        "en": "the shortage of nurses and doctors",
        "sv": "bristen på sjuksköterskor och läkare",
        "de": "der Mangel an Pflegekräften und Ärzten",
        "fr": "la pénurie d'infirmiers et de médecins",
        "el": "η έλλειψη νοσηλευτών και γιατρών",
    },
    {
        "topics": ("digital-transformation", "cohesion-policy"),
        "tags": ("broadband", "rural areas"),
        "en": "broadband for every village",
        "sv": "bredband till varje by",
        "de": "Breitband für jedes Dorf",
        "fr": "le haut débit pour chaque village",
        "el": "ευρυζωνικότητα για κάθε χωριό",
    },
    {
        "topics": ("digital-transformation",),
        "tags": ("skills", "public administration"),
        "en": "the digital skills of public servants",
        "sv": "offentligt anställdas digitala kompetens",
        "de": "die digitalen Kompetenzen im öffentlichen Dienst",
        "fr": "les compétences numériques des agents publics",
        "el": "οι ψηφιακές δεξιότητες των δημοσίων υπαλλήλων",
    },
    {
        "topics": ("democracy-and-citizens",),
        "tags": ("youth", "local democracy"),
        "en": "young people in local politics",
        "sv": "unga i lokalpolitiken",
        "de": "junge Menschen in der Kommunalpolitik",
        "fr": "les jeunes dans la politique locale",
        "el": "οι νέοι στην τοπική πολιτική",
    },
    {
        "topics": ("democracy-and-citizens",),
        "tags": ("citizens' dialogues", "local democracy"),
        "en": "citizens' dialogues on the future of Europe",
        "sv": "medborgardialoger om EU:s framtid",
        "de": "die Bürgerdialoge zur Zukunft Europas",
        "fr": "les dialogues citoyens sur l'avenir de l'Europe",
        "el": "οι διάλογοι με τους πολίτες για το μέλλον της Ευρώπης",
    },
    {
        "topics": (
            "international-cooperation",
            "migration-asylum-and-integration-of-migrants",
        ),
        "tags": ("Africa", "city partnerships"),
        "en": "partnerships between European and African cities",
        "sv": "partnerskap mellan europeiska och afrikanska städer",
        "de": "Partnerschaften zwischen europäischen und afrikanischen Städten",
        "fr": "les partenariats entre villes européennes et africaines",
        "el": "οι συνεργασίες μεταξύ ευρωπαϊκών και αφρικανικών πόλεων",
    },
    {
        "topics": ("migration-asylum-and-integration-of-migrants",),
        "tags": ("integration", "small towns"),
        # The releases on this subject go with the seed's partnership, or the
        # initiative before it.
        "partnership": True,
        "en": "the integration of migrants in small towns",
        "sv": "integrationen av migranter i små städer",
        "de": "die Integration von Migranten in Kleinstädten",
        "fr": "l'intégration des migrants dans les petites villes",
        "el": "η ένταξη των μεταναστών στις μικρές πόλεις",
    },
)

#: "in Lisbon" in each language (Greek needs the article of the place).
CITIES = (
    {"en": "in Lisbon", "sv": "i Lissabon", "de": "in Lissabon", "fr": "à Lisbonne", "el": "στη Λισαβόνα"},
    {"en": "in Vienna", "sv": "i Wien", "de": "in Wien", "fr": "à Vienne", "el": "στη Βιέννη"},
    {"en": "in Thessaloniki", "sv": "i Thessaloniki", "de": "in Thessaloniki", "fr": "à Thessalonique", "el": "στη Θεσσαλονίκη"},
    {"en": "in Gothenburg", "sv": "i Göteborg", "de": "in Göteborg", "fr": "à Göteborg", "el": "στο Γκέτεμποργκ"},
    {"en": "in Kraków", "sv": "i Kraków", "de": "in Krakau", "fr": "à Cracovie", "el": "στην Κρακοβία"},
    {"en": "in Seville", "sv": "i Sevilla", "de": "in Sevilla", "fr": "à Séville", "el": "στη Σεβίλλη"},
    {"en": "in Dublin", "sv": "i Dublin", "de": "in Dublin", "fr": "à Dublin", "el": "στο Δουβλίνο"},
    {"en": "in Brussels", "sv": "i Bryssel", "de": "in Brüssel", "fr": "à Bruxelles", "el": "στις Βρυξέλλες"},
    {"en": "in Tallinn", "sv": "i Tallinn", "de": "in Tallinn", "fr": "à Tallinn", "el": "στο Ταλίν"},
    {"en": "in Bologna", "sv": "i Bologna", "de": "in Bologna", "fr": "à Bologne", "el": "στη Μπολόνια"},
)  # fmt: skip

#: Title templates, by the kind of release they suit. {Subject} is the
#: subject with a capital, {in_city} the place, {speaker} a name.
TITLES = {
    "adopted": {
        "kind": "press_release",
        "en": "{Subject}: cities and regions adopt their recommendations",
        "sv": "{Subject}: städer och regioner antar sina rekommendationer",
        "de": "{Subject}: Städte und Regionen verabschieden ihre Empfehlungen",
        "fr": "{Subject} : les villes et les régions adoptent leurs recommandations",
        "el": "{Subject}: οι πόλεις και οι περιφέρειες εγκρίνουν τις συστάσεις τους",
    },
    "meeting": {
        "kind": "news",
        "en": "{Subject}: local leaders meet {in_city}",
        "sv": "{Subject}: lokala ledare möts {in_city}",
        "de": "{Subject}: Kommunal- und Regionalpolitiker treffen sich {in_city}",
        "fr": "{Subject} : les élus locaux se réunissent {in_city}",
        "el": "{Subject}: συνάντηση τοπικών ηγετών {in_city}",
    },
    "support": {
        "kind": "press_release",
        "en": "{Subject}: regions call for direct EU support",
        "sv": "{Subject}: regionerna kräver direkt stöd från EU",
        "de": "{Subject}: Regionen fordern direkte Unterstützung der EU",
        "fr": "{Subject} : les régions demandent un soutien direct de l'UE",
        "el": "{Subject}: οι περιφέρειες ζητούν άμεση στήριξη από την ΕΕ",
    },
    "conference": {
        "kind": "news",
        "en": "{Subject}: a conference {in_city} shares what works",
        "sv": "{Subject}: konferens {in_city} delar goda exempel",
        "de": "{Subject}: Konferenz {in_city} teilt bewährte Verfahren",
        "fr": "{Subject} : une conférence {in_city} partage les bonnes pratiques",
        "el": "{Subject}: διάσκεψη {in_city} για καλές πρακτικές",
    },
    "statement": {
        "kind": "statement",
        "en": "{Subject}: statement by {speaker}",
        "sv": "{Subject}: uttalande av {speaker}",
        "de": "{Subject}: Erklärung von {speaker}",
        "fr": "{Subject} : déclaration de {speaker}",
        "el": "{Subject}: δήλωση – {speaker}",
    },
}

LEADS = {
    "press_release": {
        "en": (
            "Cities and regions want a stronger say on {subject}. Meeting "
            "{in_city}, members of the European Committee of the Regions adopted "
            "a set of recommendations for the EU institutions."
        ),
        "sv": (
            "Städer och regioner vill ha större inflytande över {subject}. Vid ett "
            "möte {in_city} antog ledamöterna i Europeiska regionkommittén en rad "
            "rekommendationer till EU-institutionerna."
        ),
        "de": (
            "Im Mittelpunkt: {subject}. Bei einem Treffen {in_city} verabschiedeten "
            "die Mitglieder des Europäischen Ausschusses der Regionen Empfehlungen "
            "an die EU-Institutionen."
        ),
        "fr": (
            "Les villes et les régions veulent peser davantage sur {subject}. "
            "Réunis {in_city}, les membres du Comité européen des régions ont "
            "adopté une série de recommandations à l'intention des institutions "
            "de l'UE."
        ),
        "el": (
            "Στο επίκεντρο: {subject}. Σε συνεδρίαση {in_city}, τα μέλη της "
            "Ευρωπαϊκής Επιτροπής των Περιφερειών ενέκριναν σειρά συστάσεων προς "
            "τα θεσμικά όργανα της ΕΕ."
        ),
    },
    "news": {
        "en": (
            "Mayors, regional ministers and experts met {in_city} to compare what "
            "works on {subject}. The meeting was organised by the European "
            "Committee of the Regions with local partners."
        ),
        "sv": (
            "Borgmästare, regionpolitiker och experter möttes {in_city} för att "
            "jämföra vad som fungerar när det gäller {subject}. Mötet anordnades av "
            "Europeiska regionkommittén tillsammans med lokala partner."
        ),
        "de": (
            "Bürgermeisterinnen und Bürgermeister, Regionalminister und Fachleute "
            "trafen sich {in_city}, um Erfahrungen auszutauschen. Thema: {subject}."
        ),
        "fr": (
            "Des maires, des ministres régionaux et des experts se sont réunis "
            "{in_city} pour échanger sur {subject}. La rencontre était organisée "
            "par le Comité européen des régions avec des partenaires locaux."
        ),
        "el": (
            "Δήμαρχοι, περιφερειάρχες και εμπειρογνώμονες συναντήθηκαν {in_city} "
            "για να ανταλλάξουν εμπειρίες. Θέμα: {subject}."
        ),
    },
    "statement": {
        "en": (
            "{speaker}, {role}, made the following statement on {subject} on "
            "behalf of the European Committee of the Regions."
        ),
        "sv": (
            "{speaker}, {role}, gjorde följande uttalande om {subject} på "
            "Europeiska regionkommitténs vägnar."
        ),
        "de": (
            "{speaker}, {role}, gab im Namen des Europäischen Ausschusses der "
            "Regionen eine Erklärung ab. Thema: {subject}."
        ),
        "fr": (
            "{speaker}, {role}, a fait la déclaration suivante sur {subject} au nom "
            "du Comité européen des régions."
        ),
        "el": (
            "{speaker}, {role}, έκανε την ακόλουθη δήλωση εξ ονόματος της "
            "Ευρωπαϊκής Επιτροπής των Περιφερειών. Θέμα: {subject}."
        ),
    },
}

CONTEXT = {
    "en": (
        "Local and regional authorities carry out a large share of public "
        "investment in the EU and deliver most of the services people rely on "
        "every day. They asked for simpler rules, direct access to funding and a "
        "seat at the table when EU programmes are designed."
    ),
    "sv": (
        "Lokala och regionala myndigheter står för en stor del av de offentliga "
        "investeringarna i EU och tillhandahåller de flesta av de tjänster som "
        "människor är beroende av i vardagen. De efterlyste enklare regler, direkt "
        "tillgång till finansiering och en plats vid bordet när EU:s program "
        "utformas."
    ),
    "de": (
        "Die Kommunen und Regionen tätigen einen großen Teil der öffentlichen "
        "Investitionen in der EU und erbringen die meisten Dienstleistungen, auf "
        "die die Menschen täglich angewiesen sind. Sie forderten einfachere Regeln, "
        "direkten Zugang zu Fördermitteln und ein Mitspracherecht bei der "
        "Gestaltung der EU-Programme."
    ),
    "fr": (
        "Les collectivités locales et régionales réalisent une grande partie de "
        "l'investissement public dans l'UE et fournissent la plupart des services "
        "dont les citoyens ont besoin au quotidien. Elles ont demandé des règles "
        "plus simples, un accès direct aux financements et une place à la table "
        "lorsque les programmes de l'UE sont conçus."
    ),
    "el": (
        "Οι τοπικές και περιφερειακές αρχές πραγματοποιούν μεγάλο μέρος των "
        "δημόσιων επενδύσεων στην ΕΕ και παρέχουν τις περισσότερες υπηρεσίες στις "
        "οποίες βασίζονται καθημερινά οι πολίτες. Ζήτησαν απλούστερους κανόνες, "
        "άμεση πρόσβαση σε χρηματοδότηση και θέση στο τραπέζι όταν σχεδιάζονται "
        "τα προγράμματα της ΕΕ."
    ),
}

#: How each language introduces a quotation, with its own quotation marks.
QUOTE_SENTENCES = {
    "en": "{speaker} ({affiliation}), {role}, said: “{quote}”",
    "sv": "{speaker} ({affiliation}), {role}, sade: ”{quote}”",
    "de": "{speaker} ({affiliation}), {role}, sagte: „{quote}“",
    "fr": "{speaker} ({affiliation}), {role}, a déclaré : « {quote} »",
    "el": "{speaker} ({affiliation}), {role}, δήλωσε: «{quote}»",
}

QUOTES = (
    {
        "en": (
            "Our citizens judge Europe by what changes in their street, their "
            "school and their hospital. That is why local and regional authorities "
            "must be partners, not spectators."
        ),
        "sv": (
            "Våra medborgare bedömer EU utifrån vad som förändras på deras gata, i "
            "deras skola och på deras sjukhus. Därför måste lokala och regionala "
            "myndigheter vara partner, inte åskådare."
        ),
        "de": (
            "Unsere Bürgerinnen und Bürger messen Europa daran, was sich in ihrer "
            "Straße, ihrer Schule und ihrem Krankenhaus ändert. Deshalb müssen "
            "Kommunen und Regionen Partner sein, nicht Zuschauer."
        ),
        "fr": (
            "Nos concitoyens jugent l'Europe à ce qui change dans leur rue, leur "
            "école et leur hôpital. C'est pourquoi les collectivités locales et "
            "régionales doivent être des partenaires, pas des spectateurs."
        ),
        "el": (
            "Οι πολίτες κρίνουν την Ευρώπη από όσα αλλάζουν στον δρόμο τους, στο "
            "σχολείο τους και στο νοσοκομείο τους. Γι' αυτό οι τοπικές και "
            "περιφερειακές αρχές πρέπει να είναι εταίροι και όχι θεατές."
        ),
    },
    {
        "en": (
            "We have the projects and the people ready. What we need now is "
            "funding that reaches us without years of paperwork."
        ),
        "sv": (
            "Vi har projekten och människorna redo. Det vi behöver nu är "
            "finansiering som når oss utan år av pappersarbete."
        ),
        "de": (
            "Die Projekte und die Menschen stehen bereit. Was wir jetzt brauchen, "
            "sind Mittel, die uns ohne jahrelangen Papierkrieg erreichen."
        ),
        "fr": (
            "Nous avons les projets et les équipes. Ce qu'il nous faut maintenant, "
            "ce sont des financements qui nous parviennent sans des années de "
            "formalités."
        ),
        "el": (
            "Έχουμε έτοιμα τα έργα και τους ανθρώπους. Αυτό που χρειαζόμαστε τώρα "
            "είναι χρηματοδότηση που να φτάνει σε εμάς χωρίς χρόνια γραφειοκρατίας."
        ),
    },
    {
        "en": (
            "No region should be left behind. The experience of small towns and "
            "rural areas must shape the decisions taken in Brussels."
        ),
        "sv": (
            "Ingen region får lämnas efter. Erfarenheterna från små städer och "
            "landsbygd måste forma de beslut som fattas i Bryssel."
        ),
        "de": (
            "Keine Region darf zurückgelassen werden. Die Erfahrungen kleiner "
            "Städte und ländlicher Gebiete müssen die Entscheidungen in Brüssel "
            "prägen."
        ),
        "fr": (
            "Aucune région ne doit être laissée pour compte. L'expérience des "
            "petites villes et des zones rurales doit inspirer les décisions prises "
            "à Bruxelles."
        ),
        "el": (
            "Καμία περιφέρεια δεν πρέπει να μείνει πίσω. Η εμπειρία των μικρών "
            "πόλεων και των αγροτικών περιοχών πρέπει να διαμορφώνει τις αποφάσεις "
            "που λαμβάνονται στις Βρυξέλλες."
        ),
    },
)

CLOSINGS = {
    "press_release": {
        "en": (
            "The recommendations will be sent to the European Parliament, the "
            "Council and the European Commission."
        ),
        "sv": (
            "Rekommendationerna kommer att skickas till Europaparlamentet, rådet "
            "och Europeiska kommissionen."
        ),
        "de": (
            "Die Empfehlungen werden dem Europäischen Parlament, dem Rat und der "
            "Europäischen Kommission übermittelt."
        ),
        "fr": (
            "Les recommandations seront transmises au Parlement européen, au "
            "Conseil et à la Commission européenne."
        ),
        "el": (
            "Οι συστάσεις θα διαβιβαστούν στο Ευρωπαϊκό Κοινοβούλιο, στο Συμβούλιο "
            "και στην Ευρωπαϊκή Επιτροπή."
        ),
    },
    "news": {
        "en": (
            "Presentations and examples from the meeting will be published on the "
            "Committee's website."
        ),
        "sv": (
            "Presentationer och exempel från mötet kommer att publiceras på "
            "kommitténs webbplats."
        ),
        "de": (
            "Präsentationen und Beispiele aus dem Treffen werden auf der Website "
            "des Ausschusses veröffentlicht."
        ),
        "fr": (
            "Les présentations et les exemples de la réunion seront publiés sur le "
            "site du Comité."
        ),
        "el": (
            "Οι παρουσιάσεις και τα παραδείγματα της συνάντησης θα δημοσιευθούν "
            "στον ιστότοπο της Επιτροπής."
        ),
    },
    "statement": {
        "en": (
            "The European Committee of the Regions will follow up on the issue at "
            "its next plenary session."
        ),
        "sv": (
            "Europeiska regionkommittén kommer att följa upp frågan vid sin nästa "
            "plenarsession."
        ),
        "de": (
            "Der Europäische Ausschuss der Regionen wird sich auf seiner nächsten "
            "Plenartagung erneut mit der Frage befassen."
        ),
        "fr": (
            "Le Comité européen des régions reviendra sur la question lors de sa "
            "prochaine session plénière."
        ),
        "el": (
            "Η Ευρωπαϊκή Επιτροπή των Περιφερειών θα επανέλθει στο θέμα κατά την "
            "επόμενη σύνοδο ολομέλειας."
        ),
    },
}

#: The languages releases are written in, as a repeating pattern: (original
#: language, other languages). Some exist in one language only, so that
#: visitors in other languages see the fallback.
LANGUAGE_PATTERNS = (
    ("en", ("sv", "de", "fr", "el")),
    ("en", ("sv",)),
    ("en", ()),
    ("en", ("de", "fr")),
    ("sv", ()),
    ("en", ("sv", "de", "fr", "el")),
    (None, ()),  # one of de, fr, el, in turn
    ("fr", ("en",)),
)

# The workflow history of the release in review and of the scheduled one.
REVIEW_COMMENT = "Ready for review: the figures are from the latest Eurostat release."
SCHEDULE_COMMENT = "Embargoed until the plenary session opens."
