"""newsarchive: the Scrapy project, app config, CLI, crawl runner, scheduler and demo web."""

__version__ = "0.1.0"
