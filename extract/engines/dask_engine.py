"""The Dask distributed engine: partitions as tasks on a cluster, the pipeline loaded once per
worker process by a worker plugin.

Without an address a ``LocalCluster`` of ``workers`` processes (one thread each) is started on this
machine and closed at the end; with one (``tcp://host:8786``) the run joins that cluster's scheduler (waiting up
to ``$INNOGRAPH_DASK_TIMEOUT`` seconds, default 20, to reach it).
At most ``2 × workers`` partitions are in flight: the driver reads a partition's files only when it
submits it, so the corpus never sits in its memory. A worker that dies mid-task (killed, out of
memory) is replaced by its nanny and the scheduler runs its tasks again elsewhere; a partition whose
workers die ``distributed.scheduler.allowed-failures`` times (default 3) ends the run with one line
(EngineFailed); the partitions written so far stay, and a rerun completes the rest.
"""
from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from extract.engines.work import extract_partition
from graph.errors import InnoGraphError

PLUGIN = "innograph-pipeline"


class EngineFailed(InnoGraphError):
    """The engine could not finish the run (a partition kept killing its workers, no cluster)."""


class PipelinePlugin(WorkerPlugin):
    """Loads the extraction pipeline when a worker starts (once per worker process)."""

    name = PLUGIN

    def setup(self, worker) -> None:
        from extract.pipeline import load_pipeline

        load_pipeline()


def _extract(items):
    return extract_partition(items)


def open_client(address: str | None, workers: int | None) -> tuple[Client, LocalCluster | None]:
    """A client of the cluster at ``address``, else of a new local cluster of ``workers`` processes."""
    try:
        if address:
            # results come back through the scheduler: the workers may sit in a network (a compose
            # project, a cluster) that this machine cannot reach directly
            return Client(address, timeout=f"{float(os.environ.get('INNOGRAPH_DASK_TIMEOUT', '20'))}s",
                          direct_to_workers=False), None
        cluster = LocalCluster(n_workers=max(1, workers or os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    except (OSError, TimeoutError) as exc:
        raise EngineFailed(f"cannot reach the Dask scheduler: {exc}", where=address or "local cluster") from None


def run_dask(tasks: Iterable[tuple[int, list]], *, address: str | None = None,
             workers: int | None = None) -> Iterator[tuple[int, list[dict]]]:
    """(index, records) of each partition of ``tasks`` (index, items), in completion order."""
    client, cluster = open_client(address, workers)
    try:
        client.register_plugin(PipelinePlugin(), name=PLUGIN)
        n = len(client.scheduler_info().get("workers", {})) or 1
        window = 2 * n
        run = uuid.uuid4().hex[:8]
        pending = iter(tasks)
        futures = as_completed()
        index_of = {}

        def submit() -> bool:
            nxt = next(pending, None)
            if nxt is None:
                return False
            idx, items = nxt
            fut = client.submit(_extract, items, key=f"innograph-extract-{run}-{idx:05d}", pure=False)
            index_of[fut.key] = idx
            futures.add(fut)
            return True

        for _ in range(window):
            if not submit():
                break
        for fut in futures:
            idx = index_of.pop(fut.key)
            try:
                records = fut.result()
            except KilledWorker as exc:
                raise EngineFailed(f"partition {idx} killed its workers {exc.args[0] if exc.args else ''} too "
                                   "often; the partitions written so far are kept, rerun to complete the output",
                                   where="dask") from None
            fut.release()
            yield idx, records
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
