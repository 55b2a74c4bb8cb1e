"""**model**: the typed, immutable data that the loaders build and the engine reads.

Room rules: modules here import only the standard library and each other, never ``load``, ``engine``, ``check``,
``render`` or the CLI. Nothing here parses files or evaluates an incident; the small text parsers for values
(``2 years``, ``75000 EUR``, conditions) live with their types.
"""

from .incident import PARTY_KINDS, PARTY_ROLES, Incident, Party
from .law import (
    Aggravation,
    Combination,
    CompanyFineRule,
    Evidence,
    Extreme,
    FineFigure,
    FineFormula,
    FixedFine,
    Increase,
    LexMitior,
    Limitation,
    Offence,
    Pack,
    Penalty,
    PrisonFigure,
    Source,
    Title,
    Todo,
    TurnoverShare,
    UnitFine,
    UnitValue,
    Version,
    Where,
    WordFine,
)
from .rules import RuleSet
from .vocabulary import Vocabulary, VocabularyEntry

__all__ = [
    "PARTY_KINDS",
    "PARTY_ROLES",
    "Aggravation",
    "Combination",
    "CompanyFineRule",
    "Evidence",
    "Extreme",
    "FineFigure",
    "FineFormula",
    "FixedFine",
    "Incident",
    "Increase",
    "LexMitior",
    "Limitation",
    "Offence",
    "Pack",
    "Party",
    "Penalty",
    "PrisonFigure",
    "RuleSet",
    "Source",
    "Title",
    "Todo",
    "TurnoverShare",
    "UnitFine",
    "UnitValue",
    "Version",
    "Vocabulary",
    "VocabularyEntry",
    "Where",
    "WordFine",
]
