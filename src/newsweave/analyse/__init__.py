"""Article -> Article: one module per stage (sentences and entities, times)."""

from .entities import SENTENCES
from .entities import STAGE as ENTITIES
from .times import STAGE as TIMES

#: Languages the analysis stages support; other articles are stored and reported, not analysed.
LANGUAGES = frozenset({"en", "und"})
ARTICLE_STAGES = (SENTENCES, ENTITIES, TIMES)

__all__ = ["ARTICLE_STAGES", "LANGUAGES"]
