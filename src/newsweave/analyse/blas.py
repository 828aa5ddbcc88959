"""spaCy's matrix products through NumPy's BLAS (OpenBLAS) instead of BLIS.

thinc's :class:`~thinc.api.NumpyOps` sends every matrix product of a CPU model (the token-to-vector layers,
the parser's and the recognizer's precomputed lower layer) to BLIS. On the machines newsweave is built on
(AMD EPYC, AVX-512), the BLIS that spaCy 3.8 pins (``blis`` 1.3) runs these products at 22-29 GFLOP/s and
NumPy's OpenBLAS at 80-94 on one thread, and the products are most of spaCy's time.
:class:`MatmulOps` is ``NumpyOps`` with ``gemm`` done by ``numpy.matmul``; :func:`use_numpy_blas` puts it
under every thinc model of a loaded pipeline. Everything else (hash embeddings, maxout, layer norm, the
parsers' decoding and their output layer, which spaCy's Cython code sends to BLIS directly) is unchanged.

Two BLAS libraries may sum a dot product in different orders, so a score can differ in its last bits and,
rarely, a tie-close decision (a tag, an arc, an entity) can go the other way: ``bench/bench_blas.py`` counts
the documents whose tags, parse or entities differ from BLIS's on real articles, and the CPU time of each.

NumPy's BLAS would start a thread per core; newsweave's parallelism is processes (one model per worker,
:class:`~newsweave.runtime.local.ProcessExecutor`), and BLIS ran on one thread, so the process's BLAS is
kept to one thread (``threadpoolctl``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

__all__ = ["MatmulOps", "use_numpy_blas", "use_ops"]


class MatmulOps(NumpyOps):
    """thinc's NumPy ops with matrix products by ``numpy.matmul`` (NumPy's BLAS)."""

    name = "numpy"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return np.matmul(a, b)
        return np.matmul(a, b, out=out)


_OPS = MatmulOps()


def use_numpy_blas(nlp: Language) -> int:
    """Give every thinc model of ``nlp``'s components (enabled or not) :class:`MatmulOps`, and keep this
    process's BLAS to one thread. Returns the number of model nodes changed."""
    threadpool_limits(limits=1, user_api="blas")
    return use_ops(nlp, _OPS)


def use_ops(nlp: Language, ops: NumpyOps) -> int:
    """Put ``ops`` under every thinc model of ``nlp``'s components that runs on NumPy ops (a model on other
    ops, a GPU's, is left alone). Returns the number of model nodes changed."""
    changed = 0
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps) and node.ops is not ops:
                node.ops = ops
                changed += 1
    return changed
