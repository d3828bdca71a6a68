"""Runs one crawl in its own process (the Twisted reactor cannot be restarted in-process)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping


def crawl_command(
    spider: str,
    *,
    url: str | None = None,
    spider_args: Mapping[str, str] | None = None,
    settings: Mapping[str, str] | None = None,
) -> list[str]:
    """The `scrapy crawl` command line for one crawl, with this interpreter."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    args = dict(spider_args or {})
    if url is not None:
        args["url"] = url
    for key, value in args.items():
        cmd += ["-a", f"{key}={value}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def crawl_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a crawl process: ours, plus the settings module, plus `extra`."""
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "crawler.settings"
    env.update(extra or {})
    return env


def run_crawl(
    spider: str,
    *,
    url: str | None = None,
    spider_args: Mapping[str, str] | None = None,
    settings: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run one crawl to the end and return its process result (exit code, output if captured)."""
    return subprocess.run(
        crawl_command(spider, url=url, spider_args=spider_args, settings=settings),
        env=crawl_env(env),
        timeout=timeout,
        check=False,
        text=True,
        capture_output=capture,
        stdin=subprocess.DEVNULL,
    )
