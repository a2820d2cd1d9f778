"""Our trigger lexicon: English verbs and nouns -> PLOVER senses (the shared vocabulary is ``detente.vocab``).

The lexicon maps English trigger words (verb and noun lemmas) to a PLOVER ``Sense`` (type, mode, context).
It is our own list, written from the PLOVER manual's type definitions; the scores are the manual's
conflict-cooperation weights, loaded from ``data/plover_scores.tsv``.

Modes follow PLOVER where it has one (CONSULT visit/phone/third-party/multilateral, SANCTION expel, ...) and
add the few this project needs to tell events apart (MOBILIZE weapons-test/exercise, SANCTION tariffs,
COOPERATE military/economic); ``SCORE_MODE`` says which PLOVER score row those borrow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sense:
    type: str
    mode: str | None = None
    context: str | None = None
    reciprocal: bool = False  # a joint act of its parties ("met", "talks", "joint drill")
    p: float = 1.0  # the typer's calibrated probability of the type (1.0: a rule's fixed reading)


def _senses(spec: dict[str, tuple]) -> dict[str, Sense]:
    """{'word word ...': (type, mode, context, reciprocal)} -> {word: Sense} (compact tables below)."""
    out: dict[str, Sense] = {}
    for words, args in spec.items():
        for w in words.split():
            out[w.replace("_", " ")] = Sense(*args)
    return out


# Verb lemmas that are events by themselves (their subject and objects are the parties).
VERBS = _senses({
    "meet negotiate confer consult": ("CONSULT", None, None, True),
    "talk chat discuss": ("CONSULT", None, None, True),
    "phone telephone call": ("CONSULT", "phone"),
    "visit tour host receive": ("CONSULT", "visit"),
    "travel fly arrive head": ("CONSULT", "visit"),
    "mediate": ("CONSULT", "third-party"),
    "agree promise pledge offer commit": ("AGREE",),
    "praise endorse support back welcome commend hail laud defend reaffirm thank congratulate reassure "
    "forgive recognize recognise apologize apologise sign": ("SUPPORT",),
    "concede yield relent compromise allow": ("CONCEDE",),
    "cooperate collaborate coordinate": ("COOPERATE", None, None, True),
    "share": ("COOPERATE", "intelligence", "intelligence"),
    "aid assist help donate grant supply fund finance lend provide": ("AID",),
    "withdraw retreat surrender evacuate disarm demobilize": ("RETREAT", "withdraw", "military"),
    "resign": ("RETREAT", "resign"),
    "release free": ("RETREAT", "release"),
    "ask urge demand request appeal press plead petition implore invite encourage order": ("REQUEST",),
    "accuse allege charge sue": ("ACCUSE", "allege"),
    "blame criticize criticise condemn denounce rebuke censure chide scold slam lambast castigate decry "
    "deplore complain summon snipe": ("ACCUSE", "disapprove"),
    "investigate probe": ("ACCUSE", "investigate"),
    "reject refuse decline deny dismiss veto rebuff spurn snub renege oppose": ("REJECT",),
    "threaten warn deter intimidate": ("THREATEN",),
    "pressure pressurize coerce": ("COERCE", None, None),
    "protest demonstrate rally march picket": ("PROTEST", "demo"),
    "riot": ("PROTEST", "riot"),
    "boycott": ("PROTEST", "boycott"),
    "sanction embargo blacklist": ("SANCTION", None, "economic"),
    "expel": ("SANCTION", "expel", "diplomatic"),
    "suspend sever": ("SANCTION", "discontinue"),
    "mobilize mobilise deploy mass": ("MOBILIZE", "troops", "military"),
    "arrest detain jail imprison": ("COERCE", "arrest"),
    "seize confiscate occupy annex": ("COERCE", "seize"),
    "deport": ("COERCE", "deport"),
    "hack": ("COERCE", "cyber", "cyber"),
    "censor": ("COERCE", "censor"),
    "demolish": ("COERCE", "seize"),
    "attack kill bomb shell invade wound ambush raid massacre strafe": ("ASSAULT", None, "military"),
    "assassinate": ("ASSAULT", "targeted"),
    "torture": ("ASSAULT", "torture"),
    "beat": ("ASSAULT", "beat"),
    "abduct kidnap hijack": ("ASSAULT", "abduct"),
})

# Verbs whose sense depends on a particle or preposition: (lemma, particle) -> Sense; None cancels.
PHRASAL: dict[tuple[str, str], Sense | None] = {
    ("call", "on"): Sense("REQUEST"), ("call", "for"): Sense("REQUEST"), ("call", "upon"): Sense("REQUEST"),
    ("call", "off"): None, ("call", "out"): Sense("ACCUSE", "disapprove"),
    ("pull", "out"): Sense("RETREAT", "withdraw", "military"),
    ("pull", "back"): Sense("RETREAT", "withdraw", "military"),
    ("back", "off"): Sense("CONCEDE"), ("back", "down"): Sense("CONCEDE"), ("step", "down"): Sense("RETREAT", "resign"),
    ("turn", "down"): Sense("REJECT"), ("force", "out"): Sense("COERCE", "deport"),
    ("lash", "out"): Sense("ACCUSE", "disapprove"),
    ("crack", "down"): Sense("COERCE"), ("hand", "over"): Sense("RETREAT", "release"),
    ("shoot", "down"): Sense("ASSAULT", "aerial", "military"), ("blow", "up"): Sense("ASSAULT", "explosives"),
    ("open", "fire"): Sense("ASSAULT", "firearms", "military"), ("speak", "with"): Sense("CONSULT", None, None, True),
    ("speak", "to"): Sense("CONSULT", None, None, True), ("fire", "on"): Sense("ASSAULT", "firearms", "military"),
    ("fire", "at"): Sense("ASSAULT", "firearms", "military"), ("push", "back"): Sense("REJECT"),
}

# Verbs that are events only with certain objects: (lemma, object lemma) -> Sense.
VERB_OBJECT = {
    # undoing a hostile measure: easing sanctions, blockades, curfews is RETREAT; bans and restrictions CONCEDE
    **{(v, o): Sense("RETREAT", "withdraw") for v in ("lift", "ease", "end", "remove", "relax", "drop", "loosen")
       for o in ("sanction", "blockade", "embargo", "tariff", "curfew", "emergency", "siege")},
    **{(v, o): Sense("CONCEDE") for v in ("lift", "ease", "end", "remove", "relax", "drop", "loosen")
       for o in ("ban", "restriction", "control", "limit")},
    **{("accept", o): Sense("CONCEDE") for o in ("demand", "condition", "term", "ultimatum")},
    **{("accept", o): Sense("AGREE") for o in ("offer", "proposal", "invitation", "plan", "deal", "mediation")},
    # undoing cooperation: suspending aid, halting talks, cutting links is SANCTION
    **{(v, o): Sense("SANCTION", "discontinue") for v in ("suspend", "halt", "stop", "end", "cut", "freeze", "prohibit",
                                                           "withhold", "terminate", "scrap", "cancel", "block")
       for o in ("aid", "assistance", "talk", "negotiation", "mediation", "dialogue", "cooperation", "link",
                 "delivery", "program", "programme", "shipment", "loan", "flight", "exchange", "import", "export")},
    **{(v, o): Sense("SANCTION", "withdraw", "diplomatic") for v in ("cut", "sever", "break", "downgrade")
       for o in ("tie", "relation", "link", "contact")},
    **{(v, o): Sense("MOBILIZE", "weapons-test", "military") for v in ("fire", "launch", "test", "test-fire")
       for o in ("missile", "rocket", "icbm", "warhead", "bomb", "weapon", "scud", "device")},
    **{(v, o): Sense("SUPPORT", None, "diplomatic") for v in ("establish", "restore", "normalize", "normalise",
                                                               "resume", "open", "upgrade")
       for o in ("tie", "relation", "embassy", "consulate")},
    ("open", "border"): Sense("RETREAT", "access"), ("impose", "curfew"): Sense("COERCE", "curfew"),
    ("send", "troop"): Sense("MOBILIZE", "troops", "military"), ("send", "aid"): Sense("AID"),
    **{(v, o): Sense("AID") for v in ("give", "send", "deliver", "ship") for o in (
        "aid", "assistance", "money", "loan", "grant", "weapon", "arm", "food", "dollar", "fund", "supply",
        "equipment", "medicine", "ton", "million", "billion", "asylum", "shelter")},
    ("send", "warship"): Sense("MOBILIZE", "troops", "military"),
}

# Verbs that carry no event of their own; their object noun does ("held talks", "imposed tariffs").
LIGHT_VERBS = frozenset(
    "hold have make conduct carry stage launch impose slap begin start resume open host pay lodge file issue level "
    "voice express sign reach conclude seal strike mount continue take give receive provide announce plan schedule "
    "attend join deliver extend offer propose accept complete wrap kick finish cancel postpone delay reiterate "
    "repeat renew register send".split())
# Light verbs that make a protest noun a diplomatic complaint ("lodged a protest with Albania"): ACCUSE.
COMPLAINT_VERBS = frozenset("lodge file issue register deliver send voice express".split())

# Noun lemmas that are events ("talks between X and Y", "his visit to Japan", "tariffs on China").
NOUNS = _senses({
    "talk negotiation consultation dialogue meeting summit encounter handshake "
    "conversation": ("CONSULT", None, None, True),
    "call phonecall": ("CONSULT", "phone"),
    "visit trip tour stopover": ("CONSULT", "visit"),
    "mediation": ("CONSULT", "third-party"),
    "agreement deal accord pact treaty pledge promise": ("AGREE",),
    "praise endorsement apology recognition": ("SUPPORT",),
    "concession": ("CONCEDE",),
    "cooperation collaboration": ("COOPERATE", None, None, True),
    "aid assistance donation grant loan": ("AID",),
    "withdrawal pullout ceasefire truce": ("RETREAT", "withdraw", "military"),
    "suspension severance": ("SANCTION", "discontinue"),
    "release": ("RETREAT", "release"),
    "resignation": ("RETREAT", "resign"),
    "demand request appeal plea invitation": ("REQUEST",),
    "accusation allegation": ("ACCUSE", "allege"),
    "criticism condemnation rebuke censure complaint reprimand": ("ACCUSE", "disapprove"),
    "investigation probe inquiry": ("ACCUSE", "investigate"),
    "rejection refusal veto snub": ("REJECT",),
    "threat ultimatum warning deterrence intimidation": ("THREATEN",),
    "pressure coercion": ("COERCE",),
    "protest demonstration rally": ("PROTEST", "demo"),
    "riot": ("PROTEST", "riot"),
    "boycott": ("PROTEST", "boycott"),
    "sanction embargo": ("SANCTION", None, "economic"),
    "tariff duty levy": ("SANCTION", "tariffs", "economic"),
    "expulsion": ("SANCTION", "expel", "diplomatic"),
    "deployment mobilization mobilisation buildup": ("MOBILIZE", "troops", "military"),
    "drill exercise maneuver manoeuvre wargame game": ("MOBILIZE", "exercise", "military"),
    "test launch": ("MOBILIZE", "weapons-test", "military"),
    "arrest detention crackdown": ("COERCE", "arrest"),
    "seizure annexation occupation": ("COERCE", "seize"),
    "blockade": ("COERCE", "restrict", "military"),
    "cyberattack hacking": ("COERCE", "cyber", "cyber"),
    "attack airstrike strike bombing invasion assault offensive shelling killing raid "
    "incursion": ("ASSAULT", None, "military"),
    "assassination": ("ASSAULT", "targeted"),
})

# Nouns that are events only with a qualifying modifier (a "test" of what? an "exercise" of whom?).
NEEDS_MODIFIER = {
    "test": frozenset("nuclear atomic missile weapon weapons bomb rocket hydrogen icbm ballistic warhead".split()),
    "launch": frozenset("missile rocket satellite ballistic icbm".split()),
    "exercise": frozenset("military joint naval maritime bilateral trilateral multinational war drill "
                          "missile-defense live-fire air amphibious defense".split()),
    "strike": frozenset("air military missile drone preemptive pre-emptive surgical hunger general labor "
                        "labour".split()),
    "game": frozenset(("war",)),
    "call": frozenset("phone telephone".split()),
    "duty": frozenset("import anti-dumping antidumping punitive retaliatory".split()),
    "release": frozenset("prisoner hostage detainee".split()),
}

# Governing verbs whose subject undergoes the act named by their object ("faced complaints from X",
# "was not exempted from tariffs"); for the exempting ones only when negated.
UNDERGO = frozenset("face receive suffer endure draw get hit subject exempt spare escape avoid stave".split())
EXEMPT = frozenset("exempt spare escape avoid stave".split())

# Hostile measures a verb can undo ("lifted the blockade"): the noun is then no event of its own.
UNDONE = frozenset("sanction blockade embargo tariff curfew emergency siege ban restriction aid assistance talk "
                   "negotiation mediation dialogue cooperation link delivery program programme shipment loan "
                   "demand offer proposal invitation plan deal".split())

# Weapons that "fly", "land" or "pass" over a place: a test or a launch (MOBILIZE weapons-test).
WEAPONS = frozenset("missile rocket icbm scud warhead projectile".split())
MOTION_VERBS = frozenset("fly pass land splash overfly cross soar".split())

# Modifiers that turn a drill into a joint act of cooperation rather than a show of force.
JOINT = frozenset("joint bilateral trilateral multinational combined allied".split())

# Reporting verbs: their clause complement may hold the event ("said it would support ...").
COMMUNICATION = frozenset(
    "say tell tweet write claim state announce declare assert insist argue complain note add report tout "
    "suggest stress emphasize emphasise reiterate explain signal".split())

# Verbs of intention: the complement is planned; AGREE/THREATEN verbs absorb their complement.
INTENT = frozenset("plan intend aim hope want seek prepare expect schedule set mean try vow pledge promise "
                   "agree offer threaten decide propose wish".split())

# Acts that, reported by a party about another party, are complaints: "tweeted that Japan had hit us hard".
GRIEVANCE = frozenset(
    "cheat steal interfere meddle violate manipulate exploit rip abuse undermine mistreat bully".split())

CONTEXT_WORDS = {
    "military": frozenset("military troop army navy naval defense defence drill exercise missile warship carrier "
                          "soldier base maritime weapon".split()),
    "economic": frozenset("trade tariff economic economy steel aluminum aluminium import export investment "
                          "market currency business".split()),
    "nuclear": frozenset("nuclear atomic denuclearization uranium plutonium".split()),
    "territorial": frozenset("island islands territory territorial border sovereignty".split()),
    "historical": frozenset("shrine wartime history historical atrocity".split()),
}
