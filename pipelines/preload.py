"""Imported by the extraction pools' fork server (pipelines.worker.worker_context): loads what
every worker runs before the workers are forked from it. Importing it anywhere else only costs
the load."""

from pipelines.worker import warm_worker

warm_worker()
