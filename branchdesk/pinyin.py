"""Pinyin keys for finding a client by name the way front-desk staff type it.

``wl`` and ``wangli`` both find 王丽. Surnames read differently from the everyday
character (单 shan, 曾 zeng) get the surname reading first, plus the everyday one,
since people type the one they say."""

from __future__ import annotations

import re
from functools import lru_cache

# Surnames whose reading differs from the character's most common one.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng", "ceng"),
    "单": ("shan", "dan"),
    "解": ("xie", "jie"),
    "仇": ("qiu", "chou"),
    "朴": ("piao", "pu"),
    "区": ("ou", "qu"),
    "查": ("zha", "cha"),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "缪": ("miao", "mou"),
    "翟": ("zhai", "di"),
    "覃": ("qin", "tan"),
    "召": ("shao", "zhao"),
    "黑": ("he", "hei"),
    "长": ("chang", "zhang"),
    "任": ("ren",),
    "沈": ("shen",),
    "柏": ("bai", "bo"),
    "秘": ("bi", "mi"),
    "尉": ("yu", "wei"),
    "员": ("yun", "yuan"),
    "万": ("wan", "mo"),
}


_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    # Cached: pypinyin takes ~40 µs a call, and surnames and given names repeat a lot
    # (100,000 imported clients have about 5,000 different given names).
    # Imported here, not at the top: pypinyin's dictionaries take ~0.5 s to load, and the
    # terminal UI (which reaches this module through the typed client) never needs them.
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for token in lazy_pinyin(text, errors="default"):
        out.extend(w.lower() for w in token.split() if w.isalnum())
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _keys_of(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a given name: a few thousand of them in 100,000 names."""
    tokens = _tokens(text)
    return "".join(tokens), "".join(p[0] for p in tokens)


@lru_cache(maxsize=1 << 16)
def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin variants, initials variants), each space-separated, e.g.
    ``("wangli", "wl")`` or ``("zengfan cengfan", "zf cf")``."""
    name = name.strip()
    if not name:
        return "", ""
    if not _HAN.search(name):
        words = [w.lower() for w in name.split() if w.isalnum()]
        return "".join(words), "".join(w[0] for w in words)
    first = name[0]
    surnames = SURNAME_READINGS.get(first) or tuple(_tokens(first)[:1]) or (first.lower(),)
    if len(surnames) == 1:  # most names: one reading, no variants to collect
        full, initials = _keys_of(name[1:])
        return surnames[0] + full, surnames[0][0] + initials
    rest = _tokens(name[1:])
    fulls: dict[str, None] = {}
    initials: dict[str, None] = {}
    for surname in surnames:
        parts = [surname, *rest]
        fulls.setdefault("".join(parts), None)
        initials.setdefault("".join(p[0] for p in parts), None)
    return " ".join(fulls), " ".join(initials)


def is_pinyin_query(text: str) -> bool:
    return text.isascii() and text.isalpha()
