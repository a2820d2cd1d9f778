"""Time expressions: each resolution rule on our own sentences, the seeds' dates, and bad input."""

from __future__ import annotations

import dataclasses
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, seed
from detente.extract.time import find_timexes, resolve, stage
from detente.nlp import parse as annotate
from detente.read import article_id, clean, read_path
from detente.types import Article, Result

sys.path.insert(0, str(ROOT / "bench"))
from timebank_gold import GoldTimex, strip_with_offsets  # noqa: E402

MON_2017_09_04 = "2017-09-04"  # a Monday


def docs(*articles: Article):
    items = []
    for art in articles:
        meta, masked = clean(art)
        items.append((meta, art.text, masked))
    return list(annotate.parse_many(items))


def article(text: str, published: str | None = None) -> Article:
    return Article(id=article_id(text), source="test", text=text, published=published)


def found(doc) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in find_timexes(doc)}


# --- resolve(): one expression ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, dct, tense, expected", [
    ("last week", MON_2017_09_04, None, ("DATE", "2017-W35")),
    ("this week", MON_2017_09_04, None, ("DATE", "2017-W36")),
    ("next month", MON_2017_09_04, None, ("DATE", "2017-10")),
    ("earlier this month", MON_2017_09_04, None, ("DATE", "2017-09")),
    ("last year", MON_2017_09_04, None, ("DATE", "2016")),
    ("this year's", MON_2017_09_04, None, ("DATE", "2017")),
    ("yesterday", MON_2017_09_04, None, ("DATE", "2017-09-03")),
    ("today", MON_2017_09_04, None, ("DATE", "2017-09-04")),
    ("tomorrow", MON_2017_09_04, None, ("DATE", "2017-09-05")),
    ("tonight", MON_2017_09_04, None, ("TIME", "2017-09-04TNI")),
    ("this morning", MON_2017_09_04, None, ("TIME", "2017-09-04TMO")),
    ("three weeks ago", MON_2017_09_04, None, ("DATE", "2017-W33")),
    ("two years ago", MON_2017_09_04, None, ("DATE", "2015")),
    ("ten days from now", MON_2017_09_04, None, ("DATE", "2017-09-14")),
    ("Sunday's", MON_2017_09_04, "past", ("DATE", "2017-09-03")),
    ("Friday", MON_2017_09_04, "past", ("DATE", "2017-09-01")),
    ("Thursday", MON_2017_09_04, "future", ("DATE", "2017-09-07")),
    ("Tuesday", MON_2017_09_04, None, ("DATE", "2017-09-05")),  # nearest
    ("Saturday", MON_2017_09_04, None, ("DATE", "2017-09-02")),
    ("next Monday", MON_2017_09_04, None, ("DATE", "2017-09-11")),
    ("last Monday", MON_2017_09_04, None, ("DATE", "2017-08-28")),
    ("Wednesday night", MON_2017_09_04, "past", ("TIME", "2017-08-30TNI")),
    ("the day after Sunday", MON_2017_09_04, "past", ("DATE", "2017-09-04")),
    ("two days before Friday", MON_2017_09_04, "future", ("DATE", "2017-09-06")),
    ("in March", "2017-04-26", "past", ("DATE", "2017-03")),
    ("in February", MON_2017_09_04, "past", ("DATE", "2017-02")),  # a month, no day filled in
    ("in February", MON_2017_09_04, "future", ("DATE", "2018-02")),
    ("in December", "2017-01-10", None, ("DATE", "2016-12")),
    ("In April", "2018-10", "past", ("DATE", "2018-04")),
    ("may", MON_2017_09_04, "past", ("DATE", "2017-05")),
    ("last May", MON_2017_09_04, None, ("DATE", "2017-05")),
    ("June last year", MON_2017_09_04, None, ("DATE", "2016-06")),
    ("November 5", "2017-11-02", "future", ("DATE", "2017-11-05")),
    ("Oct. 3", "2017-11-02", "past", ("DATE", "2017-10-03")),
    ("the 9th of August", MON_2017_09_04, "past", ("DATE", "2017-08-09")),
    ("Friday, Jan. 5", "2018-01-03", "past", ("DATE", "2018-01-05")),  # the weekday names the year
    ("March 3, 2015", None, None, ("DATE", "2015-03-03")),
    ("September 2017", None, None, ("DATE", "2017-09")),
    ("in 2014", None, None, ("DATE", "2014")),
    ("nineteen eighty-four", None, None, ("DATE", "1984")),
    ("the 1980s", MON_2017_09_04, None, ("DATE", "198")),
    ("the early '90s", MON_2017_09_04, None, ("DATE", "199")),
    ("the 19th century", None, None, ("DATE", "18")),
    ("this summer", MON_2017_09_04, None, ("DATE", "2017-SU")),
    ("last winter", MON_2017_09_04, None, ("DATE", "2016-WI")),
    ("next spring", MON_2017_09_04, None, ("DATE", "2018-SP")),
    ("the autumn of 2015", None, None, ("DATE", "2015-FA")),
    ("the third quarter", "2017-11-02", "past", ("DATE", "2017-Q3")),
    ("the first half of 2016", None, None, ("DATE", "2016-H1")),
    ("noon Tuesday", MON_2017_09_04, "future", ("TIME", "2017-09-05T12:00")),
    ("9:30 p.m.", MON_2017_09_04, None, ("TIME", "2017-09-04T21:30")),
    ("now", None, None, ("DATE", "PRESENT_REF")),
    ("currently", MON_2017_09_04, None, ("DATE", "PRESENT_REF")),
    ("recent weeks", MON_2017_09_04, None, ("DATE", "PAST_REF")),
    ("recently", None, None, ("DATE", "PAST_REF")),
    ("the coming months", MON_2017_09_04, None, ("DATE", "FUTURE_REF")),
    ("the near future", MON_2017_09_04, None, ("DATE", "FUTURE_REF")),
    ("the past two years", MON_2017_09_04, None, ("DURATION", "P2Y")),
    ("three months", None, None, ("DURATION", "P3M")),
    ("a decade", None, None, ("DURATION", "P1DE")),
    ("two-week", None, None, ("DURATION", "P2W")),
    ("several days", None, None, ("DURATION", "PXD")),
    ("48 hours", None, None, ("DURATION", "PT48H")),
    ("every week", None, None, ("SET", "P1W")),
    ("weekly", None, None, ("SET", "P1W")),
    ("each year", None, None, ("SET", "P1Y")),
    ("every Tuesday", None, None, ("SET", "XXXX-WXX-2")),
])
def test_resolve(text, dct, tense, expected):
    assert resolve(text, dct, tense) == expected


@pytest.mark.parametrize("text, dct", [
    ("last week", None),  # relative, and no publication date: no value, never a guess
    ("yesterday", None),
    ("Thursday", None),
    ("in March", None),
    ("last week", "2017"),  # a year-precision anchor cannot place a week
    ("in March", "2017"),
    ("Thursday", "2017-09"),
    ("the day before", MON_2017_09_04),  # nothing earlier to count from
    ("February 30", None),
    ("February 30", MON_2017_09_04),
])
def test_unresolvable_values_are_none(text, dct):
    typ, value = resolve(text, dct, "past")
    assert typ in ("DATE", "TIME") and value is None


def test_coarse_anchor_still_resolves_what_it_can():
    assert resolve("this year", "2017") == ("DATE", "2017")
    assert resolve("last year", "2017") == ("DATE", "2016")
    assert resolve("last month", "2017-09") == ("DATE", "2017-08")


def test_not_a_time():
    assert resolve("58 years old", MON_2017_09_04) == ("DATE", None)
    assert resolve("banana", MON_2017_09_04) == ("DATE", None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "2017", "2017-09", MON_2017_09_04, "garbage", "0000-00-00"]),
       st.sampled_from([None, "past", "present", "future", "VBD"]))
def test_resolve_never_raises(text, dct, tense):
    typ, value = resolve(text, dct, tense)
    assert typ in ("DATE", "TIME", "DURATION", "SET") and (value is None or isinstance(value, str))


def test_resolve_takes_long_junk():
    assert resolve("x" * 100_000, MON_2017_09_04) == ("DATE", None)
    assert resolve("last week " * 10_000, MON_2017_09_04) == ("DATE", None)


# --- find_timexes(): in an article -------------------------------------------------------------------------

STORY = (
    "Delegates from both capitals first gathered in Manila in 2014 to draft the accord.\n\n"
    "Four years later, the ministers are meeting again. On Thursday, the foreign minister will fly to Seoul, "
    "officials said.\n\n"
    "The envoy resigned the day after Sunday's vote. Negotiators said they may return in recent weeks to the "
    "table, and the committee meets every week. The talks have stalled for the past two years.\n"
)


def test_find_timexes_in_an_article():
    (doc,) = docs(article(STORY, published="2018-10-24"))  # a Wednesday
    got = found(doc)
    assert got["2014"] == ("DATE", "2014")
    assert got["Four years later"] == ("DATE", "2018")
    assert got["Thursday"] == ("DATE", "2018-10-25")
    assert got["day after Sunday"] == ("DATE", "2018-10-22")  # leading "the" and the possessive trimmed
    assert got["recent weeks"] == ("DATE", "PAST_REF")
    assert got["every week"] == ("SET", "P1W")
    assert got["past two years"] == ("DURATION", "P2Y")
    assert "may" not in {t.lower() for t in got}
    for t in find_timexes(doc):
        assert doc.text[t.start:t.end] == t.text


def test_tense_of_the_clause_decides_the_direction():
    text = ("The cabinet approved the budget on Friday after a long debate in parliament.\n\n"
            "The prime minister will visit Canberra on Friday to sign the trade agreement.\n\n"
            "The treaty was signed in May by both governments after years of talks.\n\n"
            "The summit is scheduled to open in May with leaders from the region.\n")
    (doc,) = docs(article(text, published="2017-03-15"))  # a Wednesday
    values = [(t.text, t.value) for t in find_timexes(doc) if t.text in ("Friday", "May")]
    assert values == [("Friday", "2017-03-10"), ("Friday", "2017-03-17"), ("May", "2016-05"), ("May", "2017-05")]


def test_reference_dates_carry_through_the_article():
    text = ("The two leaders met in Hanoi on March 3, 2016, and agreed on a ceasefire plan.\n\n"
            "The day before, their aides had drafted the text. The following year the plan collapsed, "
            "and that year both armies rearmed.\n")
    (doc,) = docs(article(text, published="2019-05-01"))
    got = found(doc)
    assert got["March 3, 2016"] == ("DATE", "2016-03-03")
    assert got["day before"] == ("DATE", "2016-03-02")
    assert got["following year"] == ("DATE", "2017")
    assert got["that year"] == ("DATE", "2017")


def test_only_the_body_is_searched():
    text = ("Leaders shake hands in Tokyo on Monday /VCG Photo\n\n"
            "The foreign ministers talked by phone yesterday about the missile launch and agreed to meet.\n")
    (doc,) = docs(article(text, published=MON_2017_09_04))
    assert [(t.text, t.value) for t in find_timexes(doc)] == [("yesterday", "2017-09-03")]


def test_a_stated_year_limits_relative_values():
    text = ("The alliance was founded in 2016 after long talks between the two governments.\n\n"
            "Two years later, the ministers met again. Last week they signed a new pact, "
            "and this year they plan a summit.\n")
    (doc,) = docs(article(text, published="2018"))
    got = found(doc)
    assert got["Two years later"] == ("DATE", "2018")
    assert got["Last week"] == ("DATE", None)  # the week is not known from a year
    assert got["this year"] == ("DATE", "2018")


def test_a_window_resolves_what_both_ends_agree_on():
    text = ("Ministers met on Tuesday and will meet again on Thursday. In February they had talked by phone. "
            "Last week they traded accusations.\n")
    (doc,) = docs(article(text))
    days = dataclasses.replace(doc.meta, published_window=("2017-09-04", "2017-09-06"))  # Monday to Wednesday
    got = found(dataclasses.replace(doc, meta=days))
    assert got["Thursday"] == ("DATE", "2017-09-07") and got["February"] == ("DATE", "2017-02")
    assert got["Tuesday"] == ("DATE", None)  # 29 August seen from Monday, 5 September from Wednesday
    week = dataclasses.replace(doc.meta, published_window=("2017-09-06", "2017-09-08"))  # Wednesday to Friday
    got = found(dataclasses.replace(doc, meta=week))
    assert got["Tuesday"] == ("DATE", "2017-09-05") and got["Last week"] == ("DATE", "2017-W35")
    assert got["Thursday"] == ("DATE", "2017-09")  # the 7th or the 14th: the month they share
    quarter = dataclasses.replace(doc.meta, published_window=("2017-07-01", "2017-09-30"))
    got = found(dataclasses.replace(doc, meta=quarter))
    assert got["February"] == ("DATE", "2017-02")
    assert got["Thursday"] == ("DATE", None) and got["Last week"] == ("DATE", None)


def test_stage_returns_the_timexes():
    (doc,) = docs(article(STORY, published="2018-10-24"))
    result = Result(meta=doc.meta, text=doc.text)
    got = stage(doc, result, None)
    assert got == find_timexes(doc) and got
    assert result.timexes == []  # the pipeline puts it in the result, not the stage


@pytest.mark.parametrize("text", [
    "qwe@@## zxcv ,,,, 12:99 p.m. 31/31/31 Febtember 45th 9999-99-99 the day after the day before the\n" * 20,
    "Monday " * 3000,
    ("last week " + "x" * 100_000 + " Friday " + "1" * 5000 + "\n"),
    "The committee discussed several ideas about roads and bridges without any decision.\n",
])
def test_find_timexes_never_raises(text):
    (doc,) = docs(article(text, published=MON_2017_09_04))
    for t in find_timexes(doc):
        assert doc.text[t.start:t.end] == t.text and t.type in ("DATE", "TIME", "DURATION", "SET")


# --- the seeds: the dates the project exists for -------------------------------------------------------

def seed_doc(n: int, published: str | None = None):
    (art,) = list(read_path(seed(n)))
    return docs(dataclasses.replace(art, published=published) if published else art)[0]


def test_seed_000_nyt_weekdays_and_weeks():
    got = found(seed_doc(0, "2017-09-04"))
    assert got["last week"] == ("DATE", "2017-W35")
    assert got["day after Sunday"] == ("DATE", "2017-09-04")
    assert got["Thursday"] == ("DATE", "2017-09-07")
    assert got["yesterday"] == ("DATE", "2017-09-03")


def test_seed_001_japan_times_month_in_a_past_clause():
    doc = seed_doc(1)
    assert doc.meta.published == "2017-04-26"
    timexes = find_timexes(doc)
    assert [t.value for t in timexes if t.text == "March"] == ["2017-03", "2017-03"]
    assert ("recent weeks", "PAST_REF") in [(t.text, t.value) for t in timexes]


def test_seed_002_cgtn_scheduled_visit():
    assert found(seed_doc(2, "2017-11-02"))["November 5"] == ("DATE", "2017-11-05")


def test_seed_004_cnn_anchor_and_reference_years():
    got = found(seed_doc(4, "2018-10-24"))
    assert got["April"] == ("DATE", "2018-04")
    assert got["Four years later"] == ("DATE", "2018")
    assert got["1980s"] == ("DATE", "198")
    assert got["Thursday"] == ("DATE", "2018-10-25")
    assert got["recent months"] == ("DATE", "PAST_REF")


# --- the TimeML gold reader -----------------------------------------------------------------------------

def test_gold_offsets_index_the_stripped_text():
    markup = ('Rates fell <TIMEX3 tid="t1" type="DATE" value="1998-W02">last week</TIMEX3> at A&amp;B, '
              '<EVENT eid="e1">said</EVENT> analysts <TIMEX3 tid="t2" type="DURATION" value="P2Y">for two '
              'years</TIMEX3>.')
    text, timexes = strip_with_offsets(markup)
    assert text == "Rates fell last week at A&B, said analysts for two years."
    assert timexes == [GoldTimex(11, 20, "last week", "DATE", "1998-W02", "t1"),
                       GoldTimex(43, 56, "for two years", "DURATION", "P2Y", "t2")]


# --- direction: weekdays and month-days without a year, by tense and governing verb -------------------------

@pytest.mark.parametrize("text,dct,tense,want", [
    ("Thursday", "2018-10-24", "present", "2018-10-25"),  # "arrives Thursday": a plan told in the present
    ("Friday", "2018-10-24", "past", "2018-10-19"),
    ("Friday", "2018-10-24", "future", "2018-10-26"),
    ("Monday", "2018-10-24", None, "2018-10-22"),  # unsaid: the nearer, the past favoured two to one
    ("Oct. 23", "2018-10-24", "past", "2018-10-23"),  # the day before, told in the past: this year
    ("Oct. 23", "2018-10-24", None, "2018-10-23"),  # unsaid: the nearest
    ("Oct. 23", "2018-10-24", "future", "2018-10-23"),  # a day behind in a future clause: written before it was dated
    ("Oct. 16", "2018-10-24", "future", "2019-10-16"),  # more than a week behind: next year's
    ("Oct. 25", "2018-10-24", "past", "2018-10-25"),  # a deadline reported in the past, a day ahead
    ("September", "1990-08-16", "past", "1990-09"),  # next month in a past clause: a plan reported
    ("June", "1990-08-16", "past", "1990-06"),
    ("June", "1990-08-16", "future", "1991-06"),
    ("year-end", "1989-11-02", "future", "1989-12-31"),  # "complete the deal by year-end"
    ("year-end", "1989-10-30", "past", "1988-12-31"),  # "has risen 20% since year-end"
])
def test_direction_by_tense(text, dct, tense, want):
    assert resolve(text, dct, tense)[1] == want


@pytest.mark.parametrize("sentence,published,expr,want", [
    ("The two bidders extended their offers to acquire the drug maker Friday.", "1989-10-30", "Friday",
     "1989-10-27"),  # an infinitive under a past verb that plans nothing happened
    ("The offer had been due to expire Friday evening.", "1989-10-30", "Friday evening", "1989-10-27TEV"),
    ("The ministers plan to meet Friday in Geneva.", "1989-10-30", "Friday", "1989-11-03"),
    ("Abe arrives in Beijing Thursday for three days of talks.", "2018-10-24", "Thursday", "2018-10-25"),
    ("Its shares slipped, closing unchanged Friday at $29.", "1989-10-30", "Friday", "1989-10-27"),
    ("Traders watched Friday's close for signs of panic.", "1989-10-30", "Friday", "1989-10-27"),
    ("The summit will open on March 10 in Hanoi.", "2019-03-11", "March 10", "2019-03-10"),  # told a day early
    ("The summit will open on March 1 in Hanoi.", "2019-03-11", "March 1", "2020-03-01"),
    ("The summit opened on March 10 in Hanoi.", "2019-03-11", "March 10", "2019-03-10"),
    ("The tender had been scheduled to close at noon Friday.", "1989-10-30", "noon Friday", "1989-10-27T12:00"),
    ("The tender is scheduled to close at noon Friday.", "1989-10-30", "noon Friday", "1989-11-03T12:00"),
    ("The festival is this coming Sunday, March eighth.", "1998-03-05", "this coming Sunday, March eighth",
     "1998-03-08"),  # the date decides, the weekday agrees
    ("The bonds will be repaid in five years.", "1989-11-02", "five years", "1994"),  # a day ahead, not a length
    ("It will be the first such visit in five years.", "1989-11-02", "five years", "P5Y"),  # a length
    ("Many expect that the league will one day expand.", "1998-03-03", "one day", "FUTURE_REF"),
    ("Traders expect the slump to last through the first two quarters of 1990.", "1989-10-26",
     "first two quarters of 1990", "1990-H1"),
    # a weekday in a past clause is the last such day, never the next one, however the verb is reached
    ("The governor, speaking on Thursday, denied the charges.", "2018-10-24", "Thursday", "2018-10-18"),
    ("The envoy, arriving Thursday, will meet the king.", "2018-10-24", "Thursday", "2018-10-25"),
    ("Thursday's raid destroyed two depots.", "2018-10-24", "Thursday", "2018-10-18"),
    ("Thursday's vote is expected to be close.", "2018-10-24", "Thursday", "2018-10-25"),
    ("Weakness in bank shares hurt the market on Thursday.", "2018-10-24", "Thursday", "2018-10-18"),
    ("The deal follows Tuesday's offer by a rival bidder.", "1989-10-27", "Tuesday", "1989-10-24"),
    ("Rebels, who stormed the base Thursday, fled.", "2018-10-24", "Thursday", "2018-10-18"),
    ("The minister said Wednesday that talks had failed.", "2018-10-24", "Wednesday", "2018-10-24"),  # same day
    ("Dealers said shares rose at mid-afternoon yesterday.", "1989-11-02", "mid-afternoon yesterday",
     "1989-11-01TAF"),
    # a month or day that names a thing ("a June accord") is dated by a past verb or a modal, not by a plan's
    # infinitive nor a present
    ("The bank is still trying to sell itself under a June accord with investors.", "1989-10-27", "June",
     "1989-06"),
    ("The parties will contest the November elections.", "2018-10-24", "November", "2018-11"),
    ("Shares slid after Oct. 12, the day before the crash.", "1989-10-30", "day before", "1989-10-12"),
    # a day between a reporting verb and the reported clause dates the telling, not the plan told
    ("The premier told reporters Thursday he would not step down.", "2018-10-24", "Thursday", "2018-10-18"),
    ("The premier said that on Thursday he would step down.", "2018-10-24", "Thursday", "2018-10-25"),
])
def test_direction_in_context(sentence, published, expr, want):
    (doc,) = docs(article(sentence + "\n", published=published))
    assert found(doc)[expr][1] == want


# --- earnings comparisons: the period a "year ago" figure is compared with ----------------------------------

def test_year_ago_figures_take_the_quarter_reported():
    text = ("Harbor Mills said its third-quarter profit slid 12% to $8 million. Analysts expect the slide to go "
            "on through the second quarter of 1990. In the year-ago period, the miller earned $9 million. "
            "Sales fell to $70 million from $74 million last year. Last year's results included a land sale. "
            "The latest period also carried a tax charge.\n")
    (doc,) = docs(article(text, published="1989-10-26"))
    got = found(doc)
    assert got["second quarter of 1990"] == ("DATE", "1990-Q2")
    assert got["year-ago period"] == ("DATE", "1988-Q3")  # the forecast quarter is not the one reported
    assert got["last year"] == ("DATE", "1988-Q3")  # a compared figure: the same quarter a year back
    assert got["Last year"] == ("DATE", "1988-Q3")  # "last year's results" is compared too
    assert got["latest period"] == ("DATE", "1989-Q3")


def test_a_longer_period_ends_the_quarter_comparison():
    text = ("The brewer earned $4 million in the fiscal first quarter ended Sept. 30. It had lost $1 million a "
            "year ago. Revenue rose to $50 million from $46 million a year earlier. For the nine months, profit "
            "was $11 million, against $10 million a year earlier. Last year, the brewer also sold a plant.\n")
    (doc,) = docs(article(text, published="1989-10-26"))
    values = [(t.text, t.value) for t in find_timexes(doc) if "year" in t.text.lower()]
    assert values == [("a year ago", "1988-Q1"), ("a year earlier", "1988-Q1"),
                      ("a year earlier", "1988"), ("Last year", "1988")]


def test_ranges_and_the_full_year():
    assert resolve("both 1990", "1989-10-30")[1] == "1990"  # "in both 1990 and 1991", split at "and"
    assert resolve("between 1985", "1989-10-30")[1] == "1985"
    assert resolve("the full year", "1989-10-30", "future") == ("DATE", "1989")
    assert resolve("a full year", "1989-10-30") == ("DURATION", "P1Y")


def test_half_of_a_decade_is_the_decade():
    assert resolve("the last half of the '80s", "1989-10-30")[1] == "198"  # TIMEX3 has no half-decade
    assert resolve("the first half of the century", "1989-10-30")[1] == "19"
    assert resolve("the first half of 1990", "1989-10-30")[1] == "1990-H1"


def test_this_quarter_in_a_results_story_is_the_one_reported():
    text = ("Vantor Labs lost $3 million in the third quarter ended Sept. 30. This quarter's loss includes a "
            "plant closing. The company expects this quarter to be better.\n")
    (doc,) = docs(article(text, published="1989-11-01"))
    assert [t.value for t in find_timexes(doc) if t.text.lower() == "this quarter"] == ["1989-Q3", "1989-Q4"]


def test_latest_year_is_the_last_one_completed():
    assert resolve("the latest fiscal year", "1989-10-26")[1] == "1988"
    assert resolve("year-earlier", "1989-10-26")[1] == "1988"  # the adjective: a year before the period reported


def test_overnight_is_the_night_before_the_day_told():
    text = ("Tokyo stocks fell sharply on Friday in heavy trading. Shares were hit early by overnight losses "
            "on Wall Street and a weaker yen. Brokers said the index was down 3% from the previous Friday.\n")
    (doc,) = docs(article(text, published="1989-10-30"))  # a Monday
    got = found(doc)
    assert got["Friday"] == ("DATE", "1989-10-27")
    assert got["overnight"] == ("TIME", "1989-10-26TNI")
    assert got["previous Friday"] == ("DATE", "1989-10-20")  # counted from the Friday told, not from "overnight"


def test_a_quarter_over_is_the_one_reported_even_in_a_future_clause():
    text = ("Pelham Gas said it expects to report a third-quarter loss of about $4 million. The utility will "
            "book a charge for a closed plant. It will also write down two leases. Weak prices added to the "
            "loss. A year earlier, it earned $1 million. In the 1988 period, sales were $80 million.\n")
    (doc,) = docs(article(text, published="1989-11-02"))
    got = found(doc)
    assert got["A year earlier"] == ("DATE", "1988-Q3")  # four sentences on, the same comparison
    assert got["1988 period"] == ("DATE", "1988-Q3")


def test_a_quarter_named_as_a_landmark_is_not_the_one_reported():
    text = ("Norland Paper posted a 15% rise in third-quarter profit. After a weak second quarter, the company "
            "credited better pulp prices. In the year-earlier period, it had taken a mill charge.\n")
    (doc,) = docs(article(text, published="1989-11-01"))
    assert found(doc)["year-earlier period"] == ("DATE", "1988-Q3")


def test_the_quarter_ended_on_a_day_is_the_calendar_quarter_it_mostly_covers():
    text = "In the quarter ended July 31, the retailer had 5 million shares outstanding.\n"
    (doc,) = docs(article(text, published="1989-10-30"))
    assert found(doc)["quarter"] == ("DATE", "1989-Q2")


# One case per direction rule, seen from Wednesday 24 October 2018.
@pytest.mark.parametrize("text, tense, want", [
    ("Wednesday", "past", "2018-10-24"),  # the anchor's own weekday, told in the past: that day
    ("Thursday", "past", "2018-10-18"),  # the day after the anchor's weekday, past: six days back, never tomorrow
    ("Tuesday", "future", "2018-10-30"),  # the day before, future: six days on, never yesterday
    ("Thursday", None, "2018-10-25"),  # unsaid: the nearer one
    ("Sunday", None, "2018-10-21"),  # unsaid and nearly even: the past one, news mostly reports
    ("last Wednesday", None, "2018-10-17"),  # "last" with the anchor's weekday: a week back
    ("next Wednesday", None, "2018-10-31"),
    ("this past Friday", "future", "2018-10-19"),  # the modifier outranks the tense
    ("this coming Monday", "past", "2018-10-29"),
    ("Oct. 23", "future", "2018-10-23"),  # a day behind in a future clause: the text was dated late
    ("Oct. 10", "future", "2019-10-10"),  # two weeks behind, future: next year's
    ("Nov. 20", "past", "2018-11-20"),  # under a month ahead, past: a deadline or plan reported
    ("Dec. 20", "past", "2017-12-20"),  # two months ahead, past: last year's
    ("Oct. 26", "future", "2018-10-26"),
    ("Sept. 30", None, "2018-09-30"),  # unsaid: the nearest
    ("in November", "past", "2018-11"),  # next month in a past clause: a plan reported
    ("in January", "past", "2018-01"),
    ("in January", "future", "2019-01"),
    ("last October", None, "2017-10"),  # "last" with the anchor's month: a year back
    ("the 15th", "past", "2018-10-15"),  # a day of the month alone: this month's or a neighbour's, by tense
    ("the 15th", "future", "2018-11-15"),
    ("the 31st", "past", "2018-08-31"),  # the last month that has one
    ("22nd", "past", None),  # "their 22nd meeting": an ordinal without "the" is no day
])
def test_direction_matrix(text, tense, want):
    assert resolve(text, "2018-10-24", tense)[1] == want
