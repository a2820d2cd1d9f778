"""A local Ray cluster for one run, started without the processes such a run never uses.

``ray.init()`` starts, beside Ray's core (the GCS, the raylet and the raylet's two agents), three Python
processes of its own: the autoscaler's monitor, the log monitor (it forwards worker output, which the runner
turns off) and the dashboard head, which starts even with ``include_dashboard=False`` (for the job and state
APIs) and which ``ray.init`` waits for. A run on one machine uses none of them, and on two cores they take
CPU from the actors while the model loads. Ray's node launcher, the one ``ray.init`` calls, starts the cluster
without them: ``ray.init`` then joins it. Ray is pinned (requirements.txt) and tests/test_ray.py checks this
path on every run; should a Ray release change the launcher's arguments, ``ray.init`` starts the usual cluster.

Shutting down, the cluster's processes are sent SIGTERM and waited for (the raylet takes its agents and
workers down with it); a SIGKILL would leave the agents running as orphans.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

Stop = Callable[[], None]
QUIET = {"log_to_driver": False, "logging_level": logging.WARNING}


def start_local(ray: Any, workers: int) -> Stop:
    """Start a local cluster with ``workers`` CPUs and connect this process to it; returns how to stop it."""
    try:
        node = _lean_node(workers)
    except (ImportError, AttributeError, TypeError):  # the launcher moved or changed: the usual cluster
        ray.init(num_cpus=workers, include_dashboard=False, ignore_reinit_error=True, **QUIET)
        return ray.shutdown
    try:
        ray.init(address=node.address, **QUIET)
    except BaseException:
        node.kill_all_processes(check_alive=False, allow_graceful=True, wait=True)
        raise

    def stop() -> None:
        ray.shutdown()  # this process leaves the cluster, which stays up: it was not started by ray.init
        node.kill_all_processes(check_alive=False, allow_graceful=True, wait=True)

    return stop


def _lean_node(workers: int) -> Any:
    from ray._private.node import Node
    from ray._private.parameter import RayParams

    class LeanNode(Node):  # type: ignore[misc]
        def start_api_server(self, **_: Any) -> None:
            """No dashboard head: nothing here asks the job or state APIs."""

    # Ray annotates include_log_monitor as a string, but documents and reads it as a flag
    params = RayParams(num_cpus=workers, include_dashboard=False, include_log_monitor=False,  # type: ignore[arg-type]
                       no_monitor=True)
    # spawn_reaper: a process that takes the cluster down should this one die without cleaning up
    return LeanNode(ray_params=params, head=True, shutdown_at_exit=False, spawn_reaper=True, ray_init_cluster=True)
