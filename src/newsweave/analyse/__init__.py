"""Article -> Article: one module per stage (sentences and entities, times, quotes, claims).

``ARTICLE_STAGES`` are these stages in the one declared order (:data:`newsweave.pipeline.ARTICLE_ORDER`).
"""

from ..pipeline import ARTICLE_ORDER, in_order
from .claims import STAGE as CLAIMS
from .entities import SENTENCES
from .entities import STAGE as ENTITIES
from .quotes import STAGE as QUOTES
from .times import STAGE as TIMES

#: Languages the analysis stages support; other articles are stored and reported, not analysed.
LANGUAGES = frozenset({"en", "und"})
ARTICLE_STAGES = in_order(ARTICLE_ORDER, (SENTENCES, ENTITIES, TIMES, QUOTES, CLAIMS))

__all__ = ["ARTICLE_STAGES", "LANGUAGES"]
