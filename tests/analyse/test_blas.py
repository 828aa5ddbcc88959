"""Matrix products through NumPy's BLAS: the same products as thinc's BLIS ones, under every model of the
loaded pipeline, with the same annotation."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from newsweave.analyse.blas import MatmulOps, use_numpy_blas, use_ops
from newsweave.analyse.nlp import load


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_matches_blis(trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 7) if not trans1 else (7, 5)).astype("float32")
    y = rng.standard_normal((7, 3) if not trans2 else (3, 7)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (5, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    out = np.zeros((5, 3), dtype="float32")
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_every_model_of_the_pipeline_uses_numpy_blas() -> None:
    nlp = load()
    models = [component.model for _, component in nlp.components if hasattr(component, "model")]
    nodes = [node for model in models if hasattr(model, "walk") for node in model.walk()]
    assert nodes
    assert all(isinstance(node.ops, MatmulOps) for node in nodes)


def test_annotation_is_the_same_as_on_blis() -> None:
    text = ("The ministry said on Tuesday that 14 people were killed in Lagos.\n\n"
            "\"We will rebuild,\" Governor Ada Okafor told reporters, adding that aid would arrive from Abuja.")
    nlp = load()

    def annotation() -> list[tuple[str, str, int, str, str]]:
        doc = nlp(text)
        return [(t.tag_, t.lemma_, t.head.i, t.dep_, t.ent_type_) for t in doc]

    on_numpy = annotation()
    try:
        assert use_ops(nlp, NumpyOps()) > 0
        on_blis = annotation()
    finally:
        use_numpy_blas(nlp)
    assert on_numpy == on_blis
