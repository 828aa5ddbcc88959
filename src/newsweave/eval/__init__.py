"""Every scorer of newsweave's judgements, the quality floors CI holds, and the measurements behind them.

One module per thing scored; names shared by several modules (``score``, ``evaluate``, ``load_gold``)
are imported from their module:

- :mod:`.clustering`: story clustering, B³ over articles; ECB+ and NeuS loaders; ``eval_stories``
- :mod:`.coref`: coreference MUC, B³, CEAF-e and CoNLL F1
- :mod:`.entities`: entity mentions and coreference against ECB+ and MEANTIME XML
- :mod:`.times`: time expressions and their values on MEANTIME (TempEval-3)
- :mod:`.quotes`: quotes and speakers against ``bench/gold/quotes``
- :mod:`.polnear`: quotes and speakers against PolNeAR attributions (direct, mixed, indirect)
- :mod:`.quote_pairs`: quote-family pair matching against ``bench/gold/quote_pairs``
- :mod:`.facts`: fact alignment, status and conflicts against ``bench/gold/facts``
- :mod:`.claims`: claims' coverage of the fact evidence
- :mod:`.brief`: the brief's ROUGE against NeuS reference summaries (with a LexRank baseline)
- :mod:`.timeline` and :mod:`.semeval`: the SemEval-2015 TimeLine score and its corpus
- :mod:`.floors` and :mod:`.gate`: the floors table and the measurements ``tests/test_quality_gate.py`` runs
"""

from .clustering import Labelled, b_cubed, eval_stories, load_ecbplus, load_labelled, load_neus
from .coref import CorefScore, ceaf_e, conll, muc
from .entities import (
    GoldDoc,
    Predicted,
    coreference,
    detection,
    load_ecbplus_xml,
    load_meantime,
    match_mentions,
    predict,
    token_keys,
)
from .floors import FLOORS, Floor
from .gate import MEASURES, Measure, check, measure_floors
from .timeline import Line, TimelineScore, normalise_date, parse_timeline, relations, score_timelines

__all__ = [
    "CorefScore",
    "FLOORS",
    "Floor",
    "GoldDoc",
    "Labelled",
    "Line",
    "MEASURES",
    "Measure",
    "Predicted",
    "TimelineScore",
    "b_cubed",
    "ceaf_e",
    "check",
    "conll",
    "coreference",
    "detection",
    "eval_stories",
    "load_ecbplus",
    "load_ecbplus_xml",
    "load_labelled",
    "load_meantime",
    "load_neus",
    "match_mentions",
    "measure_floors",
    "muc",
    "normalise_date",
    "parse_timeline",
    "predict",
    "relations",
    "score_timelines",
    "token_keys",
]
