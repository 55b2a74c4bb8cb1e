"""Places: ISO 3166-1 alpha-2 country codes, plus ``EU`` for the Union's own packs.

``UK`` is accepted on input as an alias of ``GB`` (the ISO code of the United Kingdom), because users write it.
"""

from __future__ import annotations

ISO_3166_ALPHA2 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY
    BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
    FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
    IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
    ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)

ALIASES = {"UK": "GB"}
SUPRANATIONAL = frozenset({"EU"})


def normalise_place(code: str) -> str:
    """The canonical code for ``code`` (``uk`` → ``GB``); raises ValueError for an unknown one."""
    upper = code.strip().upper()
    upper = ALIASES.get(upper, upper)
    if upper not in ISO_3166_ALPHA2 and upper not in SUPRANATIONAL:
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. FR, GB, US) or EU")
    return upper
