"""The site registry: every `SITE` declared by a module of the `spiders` package, by key."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import scrapy

import spiders
from crawler.model.sitespec import Site


def collect_site_modules(package: ModuleType) -> dict[str, ModuleType]:
    """Import every module of `package` and keep those declaring a `SITE`, keyed by site key.

    Raises when two modules declare the same key, so a copy-pasted site module cannot
    silently shadow another.
    """
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        site = getattr(module, "SITE", None)
        if site is None:
            continue
        if not isinstance(site, Site):
            raise TypeError(f"{module.__name__}.SITE is a {type(site).__name__}, not a Site")
        if site.key in found:
            raise ValueError(
                f"site key {site.key!r} is declared twice: in {found[site.key].__name__} "
                f"and in {module.__name__}"
            )
        found[site.key] = module
    return found


# Collected at import: a duplicate key fails every command that touches the registry.
_MODULES = collect_site_modules(spiders)


def all_sites() -> dict[str, Site]:
    """Every declared site, by key, in key order."""
    return {key: _MODULES[key].SITE for key in sorted(_MODULES)}


def _module(key: str) -> ModuleType:
    module = _MODULES.get(key)
    if module is None:
        known = ", ".join(sorted(_MODULES)) or "none"
        raise KeyError(f"unknown site {key!r}; known sites: {known}")
    return module


def get_site(key: str) -> Site:
    """The declared site with this key; KeyError naming the known keys otherwise."""
    site: Site = _module(key).SITE
    return site


def spider_for(key: str) -> type[scrapy.Spider]:
    """The spider class crawling the site with this key (its `name` is the key)."""
    module = _module(key)
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, scrapy.Spider)
            and value.__module__ == module.__name__
            and getattr(value, "name", None) == key
        ):
            return value
    raise LookupError(f"{module.__name__} declares site {key!r} but no spider named {key!r}")
