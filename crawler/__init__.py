"""newsarchive: the Scrapy project, CLI, runner, scheduler, demo web; contracts in crawler.model."""

__version__ = "0.1.0"
