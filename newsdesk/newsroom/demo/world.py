"""The invented world the demo newsroom reports on: countries, topics, people's names.

Every place and organisation here is fictional, so that no generated story can be
mistaken for a report about a real country or a real person.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    regions: tuple[str, ...]
    population_millions: int


@dataclass(frozen=True)
class Event:
    """Something that happens, as a headline says it (present) and a story tells it (past)."""

    present: str
    past: str


@dataclass(frozen=True)
class Topic:
    title: str
    description: str
    scene: str  # the kind of picture that illustrates it, see images.SCENES
    portfolio: str  # the minister in charge: "minister for {portfolio}"
    kickers: tuple[str, ...]
    issues: tuple[str, ...]  # noun phrases that read well after "the" or "Valdoria's"
    actors: tuple[str, ...]  # plural groups with a stake in it
    stats: tuple[str, ...]  # plural measures: "{stat} are 12 per cent higher"
    needs: tuple[str, ...]  # what people cannot go without
    occupations: tuple[str, ...]  # of the ordinary people the story quotes
    gov_events: tuple[Event, ...]  # subject: a government or a capital (singular)
    actor_events: tuple[Event, ...]  # subject: one of the actors (plural)
    tags: tuple[str, ...]


# Issues that read better without "the": "drought hits the north", not "the drought hits".
BARE_ISSUES = frozenset(
    {
        "drought", "food inflation", "youth unemployment", "brain drain", "coastal erosion",
        "storm damage", "electoral reform", "tax reform", "health reform", "truce monitoring",
        "website blocking", "fuel subsidy reform",
    }
)  # fmt: skip


def _split(text: str) -> tuple[str, ...]:
    """Long word lists are kept as comma-separated text, many to a line."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


COUNTRIES: tuple[Country, ...] = (
    Country(
        "Valdoria",
        "Valdorian",
        "Port Alder",
        ("Meranto", "Cael Harbour", "Drevin"),
        ("the northern highlands", "the Meran valley", "the coastal plain"),
        14,
    ),
    Country(
        "Sarrant",
        "Sarranti",
        "Halvesk",
        ("Tamar Wells", "Bir Sadan", "Oudane"),
        ("the eastern desert", "the Tamar oases", "the border districts"),
        9,
    ),
    Country(
        "Oskeria",
        "Oskerian",
        "Novo Lind",
        ("Varesk", "Pellin", "Strova"),
        ("the Varesk basin", "the western lakes", "the industrial south"),
        22,
    ),
    Country(
        "Belmora",
        "Belmoran",
        "San Aurel",
        ("Costa Veda", "Puerto Miro", "Alcira Nueva"),
        ("the Veda coast", "the sugar belt", "the southern sierra"),
        31,
    ),
    Country(
        "Tazhir",
        "Tazhiri",
        "Dar Noor",
        ("Jebel Sur", "Al-Rimah", "Qasr Hadid"),
        ("the Sur mountains", "the river delta", "the capital region"),
        18,
    ),
    Country(
        "Norvale",
        "Norvalian",
        "Eastmere",
        ("Kingsholt", "Brannock", "Wexley Moor"),
        ("the fen country", "the old mill towns", "the northern isles"),
        11,
    ),
    Country(
        "Qadira",
        "Qadiri",
        "Medinet Sahl",
        ("Ras Halim", "Wadi Tel", "Zarqan"),
        ("the Halim peninsula", "the salt flats", "the interior plateau"),
        7,
    ),
    Country(
        "Ebrania",
        "Ebranian",
        "Istrova",
        ("Kalesh", "Dunavar", "Sveta Mira"),
        ("the Dunavar plain", "the Kalesh hills", "the Black Reed marshes"),
        16,
    ),
    Country(
        "Lusmar",
        "Lusmari",
        "Santa Irene",
        ("Ponte Alva", "Maravilha", "Rio Claro Sul"),
        ("the Alva estuary", "the cattle country", "the island provinces"),
        26,
    ),
    Country(
        "Kharovia",
        "Kharovian",
        "Tesh",
        ("Gorovets", "Mirny Bay", "Ulmark"),
        ("the Tesh steppe", "the mining towns", "the Mirny coast"),
        12,
    ),
    Country(
        "Amaru",
        "Amaruan",
        "Nkosa",
        ("Lake Imani", "Baridi", "Kitoro"),
        ("the lake districts", "the coffee highlands", "the dry north"),
        38,
    ),
    Country(
        "Serendal",
        "Serendali",
        "Port Coral",
        ("Mahela", "Tiri Point", "Wenlo"),
        ("the outer islands", "the reef coast", "the harbour towns"),
        3,
    ),
)

INSTITUTIONS = _split(
    """
    the Amber Sea Institute, the Centre for Regional Studies in Istrova, the Halvesk Policy
    Forum, the Meridian Foundation, the Council of Coastal States, the Tesh Basin Commission,
    the regional development bank, the Institute for Public Finance in Novo Lind, the Southern
    Observatory for Human Rights, the Open Data Collective
    """
)

WEEKDAYS = _split(
    """
    Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday
    """
)
MONTHS = _split(
    """
    January, February, March, April, May, June, July, August, September, October, November,
    December
    """
)


def _e(present: str, past: str) -> Event:
    return Event(present, past)


TOPICS: tuple[Topic, ...] = (
    Topic(
        title="Water and Drought",
        description=(
            "Three dry winters in a row have emptied reservoirs across the region and turned "
            "the rivers that several countries share into a matter of national security. This "
            "dossier follows the rationing plans, the farmers who depend on irrigation, the "
            "engineers racing to save what is left and the diplomats trying to agree on who "
            "gets how much."
        ),
        scene="dunes",
        portfolio="water",
        kickers=("Drought", "Water", "Climate"),
        issues=("water crisis", "drought", "river dispute", "rationing plan", "irrigation ban"),
        actors=("farmers' unions", "water engineers", "village councils", "irrigation co-ops"),
        stats=("reservoir levels", "wheat yields", "groundwater reserves"),
        needs=("clean water", "a harvest", "a living"),
        occupations=("farmer", "well driller", "shepherd", "hydrologist"),
        gov_events=(
            _e("extends water rationing to {city}", "extended water rationing to {city}"),
            _e(
                "unveils emergency plan for failing reservoirs",
                "unveiled an emergency plan for failing reservoirs",
            ),
            _e("signs river-sharing deal with {other}", "signed a river-sharing deal with {other}"),
            _e("bans new wells in {region}", "banned new wells in {region}"),
        ),
        actor_events=(
            _e("warn of failed harvests", "warned of failed harvests"),
            _e("block roads over irrigation cuts", "blocked roads over irrigation cuts"),
            _e("demand compensation for lost crops", "demanded compensation for lost crops"),
        ),
        tags=("drought", "water", "irrigation", "agriculture", "rivers"),
    ),
    Topic(
        title="Energy Transition",
        description=(
            "Governments that lived on oil and gas revenue are betting on sun and wind, while "
            "households struggle with power cuts and rising bills. We track the new solar "
            "parks and grid links, the money behind them and the workers whose jobs depend on "
            "how fast the old industries wind down."
        ),
        scene="turbines",
        portfolio="energy",
        kickers=("Energy", "Power", "Climate"),
        issues=("energy shift", "power crisis", "grid overhaul", "fuel subsidy reform"),
        actors=("power workers", "solar developers", "industrial users", "consumer groups"),
        stats=("electricity prices", "solar installations", "grid outages"),
        needs=("heating", "electricity", "a fair bill"),
        occupations=("electrician", "grid operator", "factory owner", "engineer"),
        gov_events=(
            _e("approves its largest solar park yet", "approved its largest solar park yet"),
            _e("cuts fuel subsidies", "cut fuel subsidies"),
            _e("agrees grid link with {other}", "agreed a grid link with {other}"),
            _e("delays coal plant closures", "delayed the closure of its coal plants"),
        ),
        actor_events=(
            _e("strike over plant closures", "went on strike over plant closures"),
            _e("warn of summer blackouts", "warned of summer blackouts"),
            _e(
                "sign up for rooftop panels in record numbers",
                "signed up for rooftop panels in record numbers",
            ),
        ),
        tags=("energy", "solar power", "electricity", "subsidies", "climate policy"),
    ),
    Topic(
        title="Refugees and Migration",
        description=(
            "Conflict, drought and the search for work keep millions of people on the move, "
            "across borders and within their own countries. This dossier covers the camps and "
            "the crossings, the laws that decide who may stay and the towns that have doubled "
            "in size in a few years."
        ),
        scene="sea",
        portfolio="the interior",
        kickers=("Migration", "Refugees", "Borders"),
        issues=("refugee crisis", "border policy", "asylum backlog", "resettlement scheme"),
        actors=("aid groups", "border communities", "refugee families", "volunteer doctors"),
        stats=("border crossings", "asylum applications", "camp populations"),
        needs=("shelter", "papers", "schooling for their children"),
        occupations=("teacher", "camp volunteer", "lawyer", "fisherman"),
        gov_events=(
            _e("reopens border crossing at {city}", "reopened the border crossing at {city}"),
            _e("tightens asylum rules", "tightened its asylum rules"),
            _e(
                "agrees refugee return plan with {other}",
                "agreed a refugee return plan with {other}",
            ),
            _e(
                "opens new reception centre near {city}",
                "opened a new reception centre near {city}",
            ),
        ),
        actor_events=(
            _e("warn of winter shortages in camps", "warned of winter shortages in the camps"),
            _e("call for safe routes", "called for safe routes"),
            _e("challenge deportations in court", "challenged deportations in court"),
        ),
        tags=("refugees", "migration", "asylum", "borders", "humanitarian aid"),
    ),
    Topic(
        title="Ceasefire Talks",
        description=(
            "After two years of fighting along the Sur mountains, mediators have brought the "
            "warring sides to the same table more than once, and each truce has been broken "
            "within weeks. We follow the negotiators, the maps they argue over and the people "
            "in the front-line villages who wait for the guns to fall silent."
        ),
        scene="hills",
        portfolio="foreign affairs",
        kickers=("Diplomacy", "Conflict", "Exclusive"),
        issues=("ceasefire", "peace talks", "prisoner exchange", "truce monitoring"),
        actors=("mediators", "front-line villagers", "opposition commanders", "monitors"),
        stats=("ceasefire violations", "civilian casualties", "displacement figures"),
        needs=("safety", "a way home", "news of missing relatives"),
        occupations=("nurse", "shopkeeper", "village elder", "schoolteacher"),
        gov_events=(
            _e(
                "agrees to new round of talks in {city2}",
                "agreed to a new round of talks in {city2}",
            ),
            _e("accuses {other} of breaking truce", "accused {other} of breaking the truce"),
            _e("frees detainees ahead of talks", "freed detainees ahead of talks"),
            _e(
                "pulls back heavy weapons from front line",
                "pulled back heavy weapons from the front line",
            ),
        ),
        actor_events=(
            _e("report shelling despite truce", "reported shelling despite the truce"),
            _e("propose phased withdrawal", "proposed a phased withdrawal"),
            _e("return to abandoned villages", "returned to abandoned villages"),
        ),
        tags=("ceasefire", "diplomacy", "conflict", "mediation", "security"),
    ),
    Topic(
        title="Elections",
        description=(
            "A busy electoral calendar is testing institutions across the region: presidential "
            "races, snap parliamentary votes and local ballots that became referendums on the "
            "cost of living. Our coverage follows the campaigns, the polls, the disputes over "
            "voter rolls and what the results mean for the people who have to live with them."
        ),
        scene="skyline",
        portfolio="justice",
        kickers=("Elections", "Politics", "Vote"),
        issues=("election campaign", "voter roll dispute", "coalition talks", "electoral reform"),
        actors=("opposition parties", "election observers", "first-time voters", "party activists"),
        stats=("turnout figures", "poll ratings", "registration numbers"),
        needs=("a fair count", "a voice", "honest candidates"),
        occupations=("student", "taxi driver", "pollster", "trade unionist"),
        gov_events=(
            _e("calls snap parliamentary election", "called a snap parliamentary election"),
            _e("postpones local elections", "postponed local elections"),
            _e("publishes new electoral law", "published a new electoral law"),
            _e("invites foreign observers for vote", "invited foreign observers for the vote"),
        ),
        actor_events=(
            _e("reject preliminary results", "rejected the preliminary results"),
            _e("form coalition after weeks of talks", "formed a coalition after weeks of talks"),
            _e(
                "report irregularities at polling stations",
                "reported irregularities at polling stations",
            ),
        ),
        tags=("elections", "democracy", "parliament", "opposition", "polls"),
    ),
    Topic(
        title="Cyber Security",
        description=(
            "Hospitals, ports and ministries across the region have been hit by ransomware and "
            "data leaks, and governments are writing new surveillance laws in response. This "
            "dossier explains the attacks, who is likely behind them and what the new rules "
            "mean for privacy and for the journalists who rely on encrypted messages."
        ),
        scene="grid",
        portfolio="digital affairs",
        kickers=("Cyber", "Technology", "Security"),
        issues=("ransomware wave", "data leak", "surveillance law", "cyber defence plan"),
        actors=(
            "security researchers",
            "hospital administrators",
            "privacy campaigners",
            "telecom operators",
        ),
        stats=("reported attacks", "ransom demands", "leaked records"),
        needs=("privacy", "working systems", "a safe connection"),
        occupations=("software developer", "hospital clerk", "bank teller", "journalist"),
        gov_events=(
            _e(
                "blames {other} for attack on ministry servers",
                "blamed {other} for an attack on ministry servers",
            ),
            _e("passes sweeping surveillance law", "passed a sweeping surveillance law"),
            _e("creates national cyber agency", "created a national cyber agency"),
            _e(
                "restores port systems after ransomware attack",
                "restored port systems after a ransomware attack",
            ),
        ),
        actor_events=(
            _e("find flaw in state messaging app", "found a flaw in the state messaging app"),
            _e("warn of new phishing campaign", "warned of a new phishing campaign"),
            _e("sue over mass data collection", "sued over mass data collection"),
        ),
        tags=("cyber security", "ransomware", "privacy", "surveillance", "technology"),
    ),
    Topic(
        title="Food Prices",
        description=(
            "Bread, rice and cooking oil cost far more than they did three years ago, and the "
            "rises hit the poorest households hardest. We follow the markets and the subsidy "
            "schemes, the bakers and the importers, and the families who have changed what "
            "they eat to get through the month."
        ),
        scene="fields",
        portfolio="trade",
        kickers=("Cost of living", "Food", "Economy"),
        issues=("bread price rise", "food inflation", "grain shortage", "subsidy cut"),
        actors=("bakers", "importers", "market traders", "consumer associations"),
        stats=("food prices", "grain imports", "bread subsidies"),
        needs=("bread", "a full table", "affordable rice"),
        occupations=("baker", "market trader", "mother of three", "pensioner"),
        gov_events=(
            _e("caps bread prices", "capped bread prices"),
            _e("releases grain from strategic reserves", "released grain from strategic reserves"),
            _e("signs wheat import deal with {other}", "signed a wheat import deal with {other}"),
            _e("expands food vouchers to {region}", "expanded food vouchers to {region}"),
        ),
        actor_events=(
            _e(
                "close shops in protest at price caps",
                "closed their shops in protest at price caps",
            ),
            _e("queue for subsidised bread", "queued for subsidised bread"),
            _e("warn of cooking oil shortage", "warned of a cooking oil shortage"),
        ),
        tags=("food prices", "inflation", "wheat", "cost of living", "subsidies"),
    ),
    Topic(
        title="Coasts and Rising Seas",
        description=(
            "Storm surges, salt in the wells and shorelines that move inland every year are "
            "forcing coastal towns to choose between building walls and moving away. This "
            "dossier follows the engineers, the insurers, the fishing families and the "
            "island states asking the rest of the world to pay for the damage."
        ),
        scene="sea",
        portfolio="the environment",
        kickers=("Climate", "Coasts", "Environment"),
        issues=("coastal erosion", "storm damage", "sea wall plan", "relocation programme"),
        actors=("fishing families", "coastal mayors", "insurers", "island delegations"),
        stats=("flood claims", "sea levels", "storm warnings"),
        needs=("a dry home", "safe harbours", "fresh water"),
        occupations=("fisherman", "harbour master", "hotel owner", "civil engineer"),
        gov_events=(
            _e("approves sea wall for {city}", "approved a sea wall for {city}"),
            _e(
                "orders evacuation of low-lying districts",
                "ordered the evacuation of low-lying districts",
            ),
            _e("seeks climate damages fund", "sought a climate damages fund"),
            _e("rebuilds harbour after storm", "began rebuilding the harbour after the storm"),
        ),
        actor_events=(
            _e("refuse to leave eroding villages", "refused to leave eroding villages"),
            _e("raise premiums for coastal homes", "raised premiums for coastal homes"),
            _e("demand loss-and-damage payments", "demanded loss-and-damage payments"),
        ),
        tags=("climate change", "coasts", "sea level rise", "storms", "environment"),
    ),
    Topic(
        title="Trade and Shipping",
        description=(
            "The sea lanes and border crossings that move the region's goods have become a "
            "pressure point: blocked straits, new tariffs and ports competing to be the next "
            "hub. We report on the routes, the deals and the dock workers, truckers and "
            "exporters whose livelihoods depend on them."
        ),
        scene="port",
        portfolio="trade",
        kickers=("Trade", "Shipping", "Business"),
        issues=("tariff dispute", "shipping disruption", "port expansion", "customs union plan"),
        actors=("dock workers", "exporters", "truck drivers", "shipping firms"),
        stats=("container volumes", "freight rates", "export earnings"),
        needs=("open roads", "fair tariffs", "steady work"),
        occupations=("dock worker", "truck driver", "exporter", "customs broker"),
        gov_events=(
            _e("raises tariffs on imports from {other}", "raised tariffs on imports from {other}"),
            _e(
                "opens new container terminal at {city}",
                "opened a new container terminal at {city}",
            ),
            _e("joins regional customs union", "joined the regional customs union"),
            _e(
                "reroutes cargo away from contested strait",
                "rerouted cargo away from the contested strait",
            ),
        ),
        actor_events=(
            _e(
                "strike over automation at the docks", "went on strike over automation at the docks"
            ),
            _e("face weeks-long queues at the border", "faced weeks-long queues at the border"),
            _e("report record orders", "reported record orders"),
        ),
        tags=("trade", "shipping", "ports", "tariffs", "exports"),
    ),
    Topic(
        title="Public Health",
        description=(
            "Understaffed hospitals, medicine shortages and outbreaks that cross borders faster "
            "than health ministries can coordinate: this dossier follows the doctors and nurses "
            "holding clinics together, the vaccination drives and the reforms that promise "
            "care for everyone and often deliver it to few."
        ),
        scene="clinic",
        portfolio="health",
        kickers=("Health", "Medicine", "Outbreak"),
        issues=("medicine shortage", "cholera outbreak", "hospital strike", "health reform"),
        actors=("doctors", "nurses", "patients' groups", "pharmacists"),
        stats=("waiting times", "infection rates", "vaccination rates"),
        needs=("medicine", "a doctor nearby", "clean water"),
        occupations=("nurse", "pharmacist", "midwife", "ambulance driver"),
        gov_events=(
            _e(
                "launches vaccination drive in {region}", "launched a vaccination drive in {region}"
            ),
            _e("declares health emergency in {city}", "declared a health emergency in {city}"),
            _e("raises pay for hospital staff", "raised pay for hospital staff"),
            _e("imports medicines from {other}", "imported emergency medicines from {other}"),
        ),
        actor_events=(
            _e("walk out over unpaid wages", "walked out over unpaid wages"),
            _e("warn of insulin shortage", "warned of an insulin shortage"),
            _e("open free clinics in poor districts", "opened free clinics in poor districts"),
        ),
        tags=("health", "hospitals", "medicine", "vaccination", "public services"),
    ),
    Topic(
        title="Press Freedom",
        description=(
            "Reporters across the region face new foreign-agent laws, blocked websites and, "
            "too often, prison. This dossier documents the cases, the courts and the "
            "newsrooms that keep publishing from exile, and asks what readers lose when "
            "independent journalism is pushed out."
        ),
        scene="press",
        portfolio="information",
        kickers=("Media", "Press freedom", "Rights"),
        issues=("media law", "press crackdown", "website blocking", "journalist trial"),
        actors=("journalists", "press unions", "media lawyers", "exiled editors"),
        stats=("arrests of reporters", "blocked websites", "defamation cases"),
        needs=("information", "a free press", "the right to ask questions"),
        occupations=("reporter", "photographer", "editor", "media lawyer"),
        gov_events=(
            _e("passes foreign-agent law", "passed a foreign-agent law"),
            _e("blocks independent news sites", "blocked independent news sites"),
            _e("releases jailed reporter", "released a jailed reporter"),
            _e(
                "revokes accreditation of foreign correspondents",
                "revoked the accreditation of foreign correspondents",
            ),
        ),
        actor_events=(
            _e("publish from exile", "kept publishing from exile"),
            _e("challenge media law in court", "challenged the media law in court"),
            _e("protest outside the courthouse", "protested outside the courthouse"),
        ),
        tags=("press freedom", "media", "journalism", "human rights", "courts"),
    ),
    Topic(
        title="Cities and Housing",
        description=(
            "The region's cities are growing faster than they can build: rents outpace wages, "
            "informal districts spread on the edges and old neighbourhoods make way for towers. "
            "We follow the tenants, the planners and the developers shaping where and how "
            "millions of people will live."
        ),
        scene="skyline",
        portfolio="housing",
        kickers=("Cities", "Housing", "Urban life"),
        issues=("housing shortage", "rent crisis", "eviction wave", "urban renewal plan"),
        actors=("tenants' associations", "developers", "city planners", "street vendors"),
        stats=("average rents", "housing starts", "eviction orders"),
        needs=("a home", "affordable rent", "a bus to work"),
        occupations=("tenant", "architect", "street vendor", "building worker"),
        gov_events=(
            _e("freezes rents in {city}", "froze rents in {city}"),
            _e("approves new metro line for {capital}", "approved a new metro line for {capital}"),
            _e(
                "demolishes informal homes on city edge",
                "demolished informal homes on the city edge",
            ),
            _e("launches social housing programme", "launched a social housing programme"),
        ),
        actor_events=(
            _e("resist evictions in old town", "resisted evictions in the old town"),
            _e("unveil plans for riverside towers", "unveiled plans for riverside towers"),
            _e("march against rising rents", "marched against rising rents"),
        ),
        tags=("housing", "cities", "rents", "urban planning", "infrastructure"),
    ),
    Topic(
        title="Youth and Jobs",
        description=(
            "More than half the region's population is under thirty, and too many graduates "
            "wait years for a first proper job. This dossier looks at apprenticeships and "
            "start-ups, the informal economy and the young people who leave, and at what "
            "governments promise them at every election."
        ),
        scene="factory",
        portfolio="labour",
        kickers=("Jobs", "Youth", "Economy"),
        issues=(
            "youth unemployment",
            "brain drain",
            "apprenticeship scheme",
            "minimum wage debate",
        ),
        actors=("graduates", "trade unions", "small businesses", "delivery riders"),
        stats=("unemployment rates", "emigration figures", "start-up registrations"),
        needs=("a first job", "a fair wage", "a reason to stay"),
        occupations=("engineering graduate", "delivery rider", "café owner", "apprentice"),
        gov_events=(
            _e("raises minimum wage", "raised the minimum wage"),
            _e(
                "launches apprenticeship scheme for school leavers",
                "launched an apprenticeship scheme for school leavers",
            ),
            _e("eases rules for start-ups", "eased the rules for start-ups"),
            _e(
                "signs labour mobility deal with {other}",
                "signed a labour mobility deal with {other}",
            ),
        ),
        actor_events=(
            _e("protest over unpaid internships", "protested over unpaid internships"),
            _e("unionise in the gig economy", "voted to unionise"),
            _e("leave for jobs abroad in record numbers", "left for jobs abroad in record numbers"),
        ),
        tags=("jobs", "youth", "unemployment", "education", "labour rights"),
    ),
    Topic(
        title="Debt and Reform",
        description=(
            "Heavy borrowing, a weak currency and conditions attached to every rescue loan: "
            "the region's finance ministries face hard choices, and the bill lands on "
            "pensions, salaries and public services. We explain the negotiations, the budgets "
            "and the reforms, and who pays for them."
        ),
        scene="chart",
        portfolio="finance",
        kickers=("Economy", "Finance", "Budget"),
        issues=("debt crisis", "currency slide", "austerity budget", "tax reform"),
        actors=("creditors", "public sector unions", "pensioners", "small savers"),
        stats=("borrowing costs", "currency reserves", "tax revenues"),
        needs=("a stable currency", "a pension they can live on", "working schools"),
        occupations=("civil servant", "pensioner", "shop owner", "economist"),
        gov_events=(
            _e(
                "agrees rescue loan with regional lenders",
                "agreed a rescue loan with regional lenders",
            ),
            _e("devalues its currency", "devalued its currency"),
            _e("unveils austerity budget", "unveiled an austerity budget"),
            _e("restructures debt owed to {other}", "restructured debt owed to {other}"),
        ),
        actor_events=(
            _e("strike against pension cuts", "went on strike against pension cuts"),
            _e("demand faster reforms", "demanded faster reforms"),
            _e("withdraw savings as currency falls", "withdrew their savings as the currency fell"),
        ),
        tags=("economy", "public debt", "budget", "currency", "pensions"),
    ),
)

# Extra tags that cut across topics; with the topics', countries' and cities' names
# they make up the newsroom's tag list.
GENERAL_TAGS = _split(
    """
    government, protests, courts, regional security, human rights, infrastructure, investment,
    women's rights, education, corruption, local politics, foreign policy, sanctions, aid,
    public opinion
    """
)

SECTIONS: tuple[tuple[str, str, str], ...] = (
    # (kind, title, introduction)
    ("news", "News", "The latest reporting from our correspondents across the region."),
    (
        "analysis",
        "Analysis",
        "The context behind the headlines: what happened, why it matters and what may come next.",
    ),
    (
        "opinion",
        "Opinion",
        "Arguments from writers inside and outside the newsroom. Their views are their own.",
    ),
    (
        "interview",
        "Interviews",
        "Conversations with the people who shape events and the people who live with them.",
    ),
    ("report", "Reports", "Longer investigations and field reports, told in depth."),
)

# Share of articles of each kind; the rest of the code takes these as weights.
KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("news", 55),
    ("analysis", 20),
    ("opinion", 10),
    ("interview", 7),
    ("report", 8),
)

FIRST_NAMES = _split(
    """
    Leila, Omar, Sara, Dariush, Mina, Yusuf, Amal, Karim, Nour, Reza, Ayşe, Emre, Elif, Tomás,
    Lucía, Mateo, Inês, João, Claire, Étienne, Hannah, Jonas, Freya, Anders, Ingrid, Priya,
    Arjun, Kavya, Wei, Lin, Mei, Hiroshi, Aiko, Nikolai, Olga, Irina, Kwame, Amara, Thandiwe,
    Chidi, Zainab, Hassan, Farah, Tariq, Samir, Rania, Shirin, Parisa, Daniel, Rachel, Marta,
    Pavel, Katarzyna, Giulia, Marco, Sofia, Niamh
    """
)
LAST_NAMES = _split(
    """
    Haddad, Mansour, Rahimi, Karimi, Tehrani, Demir, Öztürk, Kaya, Fernández, Morales, Costa,
    Pereira, Laurent, Moreau, Becker, Lindqvist, Nilsen, Sharma, Iyer, Chen, Wang, Tanaka,
    Sato, Petrov, Volkova, Mensah, Okafor, Nkosi, Adeyemi, Khalil, Nasser, Saleh, Aziz,
    Hosseini, Ahmadi, Cohen, Novak, Kowalska, Rossi, Bianchi, Ó Briain, García, Abebe, Mwangi,
    Bakr, Farouk, Osei, Jensen, Kovač, Amini
    """
)

AUTHOR_ROLES = (
    "{region} correspondent",
    "Senior correspondent, {region}",
    "Economics editor",
    "Diplomatic editor",
    "Climate and environment reporter",
    "Security analyst",
    "Investigations editor",
    "Data reporter",
    "Opinion contributor",
    "Contributing writer",
    "Health correspondent",
    "Chief political correspondent",
)

NEWSROOM_REGIONS = _split(
    """
    Gulf of Amber, Sur mountains, Meran valley, Tesh steppe, Southern coast, Northern isles,
    Dunavar plain, Lake Imani
    """
)
