"""The matrix products the model runs on: numpy's OpenBLAS, one thread per process, rather than thinc's BLIS.

thinc multiplies with BLIS unless told otherwise. The BLIS it ships has no kernel wider than AVX2, and on a
CPU with AVX-512 its single-threaded products (the tok2vec, tagger and entity layers) run 1.4-1.5x slower
(a gemm of the layers' shapes, timed alone) than those of the OpenBLAS numpy ships, which picks its kernel
for the CPU at run time: a whole process of raw ``nlp.pipe`` over 300 PolNeAR articles takes 23.8 s instead
of 25.9 s (bench/ingest_real.py, median of 3). Same model, same weights, same annotations:
bench/model_parity.py compares every token of the 924 PolNeAR texts and the seeds both ways (846,449
tokens, none differs).

One thread, because the pool and Ray engines parallelise by processes (a second BLAS thread in each would
only contend for the same cores) and because BLIS ran on one thread too: ``--workers 1`` stays one core.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

BLAS_THREADS = 1


def openblas_ops() -> AbstractContextManager[Any]:
    """Load a model inside this and its layers multiply with numpy (no BLIS)."""
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def one_blas_thread() -> None:
    """Limit this process's BLAS (numpy's OpenBLAS, and any other loaded) to BLAS_THREADS threads."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
