"""Imported by the extraction pools' fork server (pipelines.worker.worker_context): loads what
every worker runs before the workers are forked from it. Importing it anywhere else only costs
the load."""

import os
from multiprocessing import spawn

from pipelines.worker import MAIN_PATH_ENV, warm_worker

_main_path = os.environ.get(MAIN_PATH_ENV)
if _main_path:
    # As multiprocessing's "__main__" preload would: the children then find their parent's
    # script loaded (as `__mp_main__`) and do not run it again each.
    spawn.import_main_path(_main_path)

warm_worker()
