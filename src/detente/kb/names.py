"""Person-name handling: cleanup, canonical slugs, surnames, and whether a string looks like a name."""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Prof.", "Rev."}
TITLE_WORDS = {
    "President", "Vice", "Prime", "Minister", "Premier", "Chancellor", "Secretary", "General", "Gen.",
    "Adm.", "Admiral", "Defense", "Defence", "Foreign", "State", "Chairman", "Leader", "King", "Queen",
    "Emperor", "Empress", "Crown", "Prince", "Princess", "Senator", "Sen.", "Rep.", "Governor", "Gov.",
    "Ambassador", "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Chief", "Cabinet", "Deputy",
    "Acting", "Former", "Supreme", "Commander", "Lt.", "Col.", "Maj.", "Capt.", "Director", "Representative",
    "Trade", "Treasury", "Commerce", "National", "Security", "Adviser", "Advisor", "U.N.", "UN", "Party",
}
# Family name first in English-language news for Chinese and Korean names ("Xi Jinping", "Moon Jae-in").
FAMILY_FIRST_SURNAMES = set(
    "Xi Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song Zheng "
    "Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei Ye Yan "
    "Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao Zou Xiong Jin Hao Kong Bai Cui Mao Qiu Qin Gu "
    "Hou Shao Meng Long Wan Duan Lei Qian Yin Yi Wen Geng Hua Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim "
    "Oh Seo Shin Kwon Hwang Ahn Yoo Hong Jeon Ko Moon Son Bae Baek Heo Nam Ri Pak Choe Ban Roh Chun".split()
)
NOT_NAMES = {"O.K.", "OK", "Okay", "God", "Mar", "Scud", "Aegis", "Photo", "Credit", "Source", "Reuters"}
NAME_TOKEN = re.compile(r"^[A-Z][a-zA-Z'’.-]*$|^[A-Z]\.$")
POSSESSIVE = re.compile(r"['’]s?$")


def clean_name(text: str) -> str:
    """'Mr. Trump’s' -> 'Trump'; 'Shinzo Abe(3rd L)' -> 'Shinzo Abe'; 'President Moon Jae-in' -> 'Moon Jae-in'."""
    text = re.sub(r"\(.*?\)|\(.*$", "", text)
    words = text.replace("\n", " ").split()
    while words and (words[0] in HONORIFICS or words[0] in TITLE_WORDS or words[0].lower() in ("the", "a")):
        words = words[1:]
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in words if w)


def looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or name in NOT_NAMES or len(name) < 2:
        return False
    if any(w in NOT_NAMES for w in words):
        return False
    if any(re.fullmatch(r"[A-Z]{2,}", w) for w in words):
        return False  # "IHS Jane": an acronym is an organisation, not a given name
    return all(NAME_TOKEN.match(w) for w in words) and not all(len(w) <= 2 for w in words)


def slug(name: str) -> str:
    """Canonical id part: ascii, lowercase, hyphens; middle initials dropped so 'Michael J. Green' ==
    'Michael Green' across articles."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in ascii_name.replace("’", "'").split() if not re.fullmatch(r"[A-Z]\.?", w)]
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


def surname(name: str) -> str:
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w)]
    if not words:
        return name
    if len(words) >= 2 and words[0] in FAMILY_FIRST_SURNAMES:
        return words[0]
    if len(words) >= 2 and words[-1] in ("Jr.", "Jr", "Sr.", "II", "III"):
        return words[-2]
    return words[-1]
