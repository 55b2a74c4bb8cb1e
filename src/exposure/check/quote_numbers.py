"""The numbers a statute's phrase states, in digits or in words, so that ``exposure check`` can verify that a
figure's quote really contains the figure (a quote saying "twenty thousand" under 10,000 must fail).

Handles digit groups written with spaces, dots, commas or apostrophes ("75 000", "1.000.000", "250,000"),
scale words ("18 million", "10 Millionen", "Rp1 miliar", "two lakh", Korean 만/억/천), and number words in the
languages of the shipped packs. It errs on the side of finding a number: a false alarm is cheaper to silence
(reword the quote) than a missed mismatch is to find.
"""

from __future__ import annotations

import re
from decimal import Decimal

_WORDS = {
    # French
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "cent": 100,
    "mille": 1000,
    "quintuple": 5,
    "triple": 3,
    "double": 2,
    "moitié": 2,
    "tiers": 3,
    # English
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "half": 2,
    "third": 3,
    "twice": 2,
    "thrice": 3,
    # German
    "ein": 1,
    "eine": 1,
    "einem": 1,
    "einen": 1,
    "eines": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    "dreihundertsechzig": 360,
    "siebenhundertzwanzig": 720,
    "tausend": 1000,
    "hälfte": 2,
    "drittel": 3,
    # Italian
    "uno": 1,
    "due": 2,
    "tre": 3,
    "quattro": 4,
    "cinque": 5,
    "sei": 6,
    "sette": 7,
    "otto": 8,
    "nove": 9,
    "dieci": 10,
    "dodici": 12,
    "quindici": 15,
    "venti": 20,
    "trenta": 30,
    "cento": 100,
    "terzo": 3,
    "terzi": 3,
    "metà": 2,
    "quintuplo": 5,
    "triplo": 3,
    # Spanish
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "mitad": 2,
    "tercio": 3,
    "quíntuple": 5,
    # Malay / Indonesian
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "lapan": 8,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "sepertiga": 3,
}

_SCALES = {
    "million": 10**6,
    "millions": 10**6,
    "millionen": 10**6,
    "million.": 10**6,
    "mio": 10**6,
    "milioni": 10**6,
    "milione": 10**6,
    "millones": 10**6,
    "millón": 10**6,
    "juta": 10**6,
    "billion": 10**9,
    "miliar": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "thousand": 10**3,
    "mille": 10**3,
    "mila": 10**3,
    "tausend": 10**3,
    "ribu": 10**3,
    "mil": 10**3,
}
_KOREAN_UNITS = {"십": 10, "백": 100, "천": 1000}
_KOREAN_BIG = {"만": 10**4, "억": 10**8}

_DIGITS = re.compile(r"\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _digit_value(text: str) -> Decimal | None:
    """ "75 000" → 75000, "1.000.000" → 1000000, "1.000.000.000,00" → 1000000000, "7,5" → 7.5, "250,000" → 250000."""
    text = re.sub(r"[ \u00a0\u202f'’]", "", text)
    grouped = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})+)(?:([.,])(\d{1,2}))?", text)
    if grouped and grouped[3] != grouped[2]:
        whole = re.sub(r"[.,]", "", grouped[1])
        return Decimal(whole + ("." + grouped[4] if grouped[4] else ""))
    try:
        return Decimal(text.replace(",", "."))
    except ArithmeticError:
        return None


def _korean(text: str) -> set[Decimal]:
    """Korean amounts such as 5천만원 (50,000,000) or 3천만 (30,000,000) or 1억."""
    out: set[Decimal] = set()
    for match in re.finditer(r"(\d+)([십백천]?)(만|억)?", text):
        if not (match[2] or match[3]):
            continue
        value = int(match[1]) * _KOREAN_UNITS.get(match[2], 1) * _KOREAN_BIG.get(match[3] or "", 1)
        out.add(Decimal(value))
    return out


def _compound(word: str) -> int | None:
    """German and Italian compounds: "dreißigtausend" (30000), "fünfhundert" (500), "trentamila" (30000)."""
    for suffix, scale in (("tausend", 1000), ("hundert", 100), ("mila", 1000), ("cento", 100)):
        if word.endswith(suffix) and len(word) > len(suffix):
            head = word[: -len(suffix)]
            value = _WORDS.get(head) or _WORDS.get(head.rstrip("a")) or _compound(head)
            if value:
                return value * scale
    return None


def numbers_in(quote: str) -> set[Decimal]:
    """Every number a phrase states, with scale words applied ("18 million" gives 18 and 18000000)."""
    found: set[Decimal] = set()
    lowered = quote.lower()
    for match in _DIGITS.finditer(lowered):
        value = _digit_value(match.group())
        if value is None:
            continue
        found.add(value)
        rest = lowered[match.end() :].lstrip(" \u00a0")
        word = _TOKEN.match(rest)
        if word and word.group() in _SCALES:
            found.add(value * _SCALES[word.group()])
    words = _TOKEN.findall(lowered)
    for i, word in enumerate(words):
        compound = _compound(word) if word not in _WORDS else None
        if compound:
            found.add(Decimal(compound))
        if word in _WORDS:
            value = Decimal(_WORDS[word])
            found.add(value)
            if i + 1 < len(words) and words[i + 1] in _SCALES:
                found.add(value * _SCALES[words[i + 1]])
    found |= _korean(quote)
    # a unit named once, "prescriben al año", "within a year", "binnen eines Jahres": one
    for i in range(len(words) - 1):
        if words[i] in _ONE_OF and words[i + 1] in _SINGULAR_UNITS:
            found.add(Decimal(1))
    # "vingt mille", "five hundred thousand": a run of number words multiplies through its scale words
    i = 0
    while i < len(words):
        if words[i] in _WORDS:
            run, j = Decimal(_WORDS[words[i]]), i + 1
            while j < len(words) and (words[j] in _SCALES or _WORDS.get(words[j]) in (100, 1000)):
                run *= _SCALES.get(words[j]) or _WORDS[words[j]]
                found.add(run)
                j += 1
            i = j
        else:
            i += 1
    return found


_ONE_OF = frozenset({"al", "a", "an", "one", "eines", "einem", "l", "d"})
_SINGULAR_UNITS = frozenset({"año", "mes", "year", "month", "jahres", "jahr", "monat", "monats", "an", "anno", "mois"})


def states(quote: str, value: Decimal | int) -> bool:
    """True when ``quote`` states ``value`` (in digits, words or with a scale word)."""
    return Decimal(value) in numbers_in(quote)
