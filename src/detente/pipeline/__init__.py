"""The pipeline: ``process`` (clean -> parse -> the STAGES) and the runners that map it over batches
(in-process, a process pool, Ray), and ``ingest``, which drives read -> process -> store.

Only the driver writes to the store; ``process`` is pure and picklable, so every runner gives the same
results in the same order.
"""

from detente.pipeline.ingest import Summary, ingest
from detente.pipeline.process import analyse, process, process_batch
from detente.pipeline.runners import run
from detente.pipeline.stages import STAGES, Stage, StageContractError
from detente.settings import Resources

__all__ = ["STAGES", "Resources", "Stage", "StageContractError", "Summary", "analyse", "ingest", "process",
           "process_batch", "run"]
