"""The words quote attribution reads people, organisations and pronouns by.

Titles that may precede a name, first names and titles that tell gender, head nouns of phrases that
denote people or organisations without naming them, statement nouns that stand for their possessor's
words, and the parser labels that matter.
"""

from __future__ import annotations

# Words that may precede a name without being part of it ("Prime Minister Shinzo Abe" -> Shinzo Abe).
TITLES = set("""mr mrs ms miss dr prof sir dame president premier prime minister secretary gen general sen senator
rep gov governor king queen prince princess chancellor ambassador adm admiral col lt vice chairman chairwoman
spokesman spokeswoman foreign defense defence state former envoy lord pope rev judge justice mayor chief
superintendent inspector sergeant sgt detective det capt captain maj major commissioner bishop cardinal rabbi
father sheikh ayatollah archbishop deputy interior finance trade""".split())
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "queen", "princess", "chairwoman", "spokeswoman"}
MALE_TITLES = {"mr", "sir", "king", "prince", "lord"}
MALE_NAMES = set("""donald barack george bill john james michael robert william richard joseph thomas charles daniel
matthew mark paul steven stephen andrew kenneth kevin brian edward ronald jim rex mike evan malcolm reed ash ashton
vladimir shinzo jeffrey peter david tony boris emmanuel justin narendra recep hassan benjamin ahmed mohammed saddam
yasser ariel ehud ali abdullah hajime kunihiko koichi taro fumio yoshihide junichiro yukio naoto rodrigo jacques
francois gerhard helmut tom chris christopher dan dick newt al colin henry""".split())
FEMALE_NAMES = set("""hillary condoleezza angela theresa margaret nancy madeleine elizabeth mary susan sarah jennifer
jessica karen linda patricia barbara nikki melania akie yuriko julia jacinda ursula christine kamala michelle laura
""".split())
# Head nouns of phrases that denote people without naming them.
PERSON_NOUNS = set("""source official diplomat analyst expert adviser advisor aide person people spokesman spokeswoman
spokesperson representative observer critic insider commentator economist scholar researcher professor lawmaker
legislator senator minister ambassador president premier secretary leader member resident witness nationalist
activist executive negotiator officer envoy strategist academic specialist staffer employee protester commander
colleague man woman someone lawyer attorney director chairman candidate voter citizen student teacher doctor
investigator prosecutor judge consultant manager candidate supporter voter nominee ally friend reporter host
delegate politician opponent rival advocate author organizer moderator businessman donor columnist backer pollster
authority editor journalist operative scientist conservative progressive liberal owner worker parent farmer fan
player coach""".split())
# Head nouns of phrases that denote organisations without naming them ("the Oklahoma City energy concern").
ORG_NOUNS = set("""company concern firm group government ministry agency bank party committee council administration
army military police court board union newspaper network station office department embassy university institute
parliament legislature cabinet regime organization organisation corporation airline""".split())
ORG_SUFFIX = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "university", "institute", "ministry",
              "bank", "airlines", "association", "council", "party", "group", "foundation", "agency", "department"}
CORPORATE = {"company", "firm", "concern", "group", "corporation", "airline", "bank"}
# Role nouns that, definite and singular, may point back at one named person ("the spokesman").
ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "ambassador", "minister", "president", "premier",
              "secretary", "chairman", "governor", "envoy", "professor", "analyst", "diplomat", "adviser"}
# Possessed nouns that stand for their possessor's words ("the White House's statement").
STATEMENT_NOUNS = {"statement", "tweet", "remark", "remarks", "comment", "comments", "post", "message",
                   "report", "announcement", "letter", "speech", "editorial", "communique", "release"}
PRONOUNS = {"he": ("m", False), "she": ("f", False), "they": (None, True),
            "his": ("m", False), "her": ("f", False), "their": (None, True)}
ORG_LABELS = {"ORG", "NORP", "FAC"}
STATE_LABELS = {"GPE"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
POSSESSIVE = {"’s", "'s", "’", "'"}


def bare(word: str) -> str:
    return word.lower().rstrip(".")
