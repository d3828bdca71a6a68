"""Scrapy commands of newsarchive (COMMANDS_MODULE): `crawl` with honest exit codes."""
