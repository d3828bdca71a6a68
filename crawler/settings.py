"""Scrapy settings for newsarchive: polite by default, every value overridable with `-s`."""

from crawler import __version__
from pipelines import EXTRACT_PIPELINE_ORDER, STORE_PIPELINE_ORDER

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# `crawl` exits non-zero when pages could not be archived (crawler/commands/crawl.py).
COMMANDS_MODULE = "crawler.commands"

# An honest User-Agent: who we are and where to read about it.
USER_AGENT = (
    f"newsarchive/{__version__} (+https://github.com/newsarchive/newsarchive; "
    "archival crawler for news research)"
)

# Politeness on real sites: robots.txt, a per-host delay adapted to the server's latency,
# few parallel requests per host. The benchmark and the demo (loopback) override these.
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Timeouts, retries and limits: bad servers cost a counted error, never a hang or a crash.
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

COOKIES_ENABLED = False
# No consoles into a crawl on a server: Scrapy 2.19's remote control runs Python sent to it
# over HTTP (token-guarded, but a listening port all the same), like the telnet console.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Scrapy reads and parses a callback's source to warn about a generator that returns a value;
# its cache is weakly keyed on the bound method, new with each request, so it misses whenever
# no request with that callback is in flight (measured: 18 times in 300 pages, ~3 ms each).
# tests/test_spiders.py makes the same check once, for every spider callback.
WARN_ON_GENERATOR_RETURN_VALUE = False
STATS_CLASS = "crawler.stats.StatsCollector"
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    # Below HttpCompressionMiddleware (590): store the decoded payload; see the class docstring.
    "crawler.middlewares.WarcCaptureMiddleware": 580,
    # Above HttpCompressionMiddleware (590) and RedirectMiddleware (600): notes a response's
    # Content-Encoding before it is decoded, and writes a 3xx to WARC before it is followed.
    "crawler.middlewares.RedirectCaptureMiddleware": 610,
    # Scrapy's, with a byte pre-check (crawler/middlewares.py); just below the WARC capture,
    # so a page that refreshes elsewhere is still archived, as with Scrapy's at 580.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.MetaRefreshMiddleware": 579,
    # Redirects and refreshes followed only within the site's hosts and ports (crawler/
    # scope.py): Scrapy's RedirectMiddleware in its place with the check, the refresh checked
    # just above the WARC capture; requests to non-public addresses refused before the
    # robots.txt check, so not even the robots.txt of such a host is asked for.
    "crawler.scope.MetaRefreshScopeMiddleware": 581,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.scope.ScopedRedirectMiddleware": 600,
    "crawler.scope.PrivateAddressMiddleware": 90,
    # Scrapy's robots.txt check, whose answer also serves the spider's robots.txt request.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.ArchiveRobotsTxtMiddleware": 100,
}

# One crawl per site at a time, scheduled or by hand: a lock the crawl process holds.
EXTENSIONS = {
    "crawler.extensions.SiteLockExtension": 100,
    # Start-up objects frozen, young collections less often: ~0.7 s less CPU per 2,000 pages.
    "crawler.extensions.GarbageCollectorTuning": 0,
    "crawler.extensions.ForkServerWarmUp": 0,
    # Judges the run once the store has closed it (its numbers, per-site thresholds).
    "crawler.extensions.RunMonitors": 0,
    # Joins near-duplicate clusters that concurrent writers created apart.
    "crawler.extensions.NearDuplicateMerge": 0,
}
NEWSARCHIVE_GC_THRESHOLD = 10_000

ITEM_PIPELINES = {
    "pipelines.extract_pipeline.ExtractPipeline": EXTRACT_PIPELINE_ORDER,
    "pipelines.store_pipeline.StorePipeline": STORE_PIPELINE_ORDER,
}

# Feed exports (-O out.jsonl|csv) get an ArchivedPage per fetch (crawler/model/items.py).
FEED_EXPORTERS = {"csv": "crawler.feeds.CsvItemExporter"}
FEED_EXPORT_ENCODING = "utf-8"

# Per response, not per crawl: Scrapy starts this many tasks for every response's output, and
# ours yield one page record each (plus requests, which are only scheduled). At 32 that was 33
# asyncio tasks a page. The pages waiting for extraction are bounded by
# SCRAPER_SLOT_MAX_ACTIVE_SIZE instead.
CONCURRENT_ITEMS = 1

# newsarchive's own settings (all optional; the environment's AppConfig gives the defaults):
# NEWSARCHIVE_DATA_DIR, NEWSARCHIVE_DATABASE_URL, NEWSARCHIVE_WARC_MAX_BYTES,
# NEWSARCHIVE_EXTRACT_WORKERS, NEWSARCHIVE_EXTRACT_MAX_BYTES, NEWSARCHIVE_STORE_BATCH_SIZE,
# NEWSARCHIVE_STORE_FLUSH_SECONDS, NEWSARCHIVE_MIRRORS (site key -> extra mirror hosts),
# NEWSARCHIVE_WARC_COMPRESSOR (isal | zlib), NEWSARCHIVE_WARC_COMPRESS_LEVEL (the compressor's
# own), NEWSARCHIVE_WARC_INLINE_MAX_BYTES (1 MiB: larger responses are written to WARC in a
# thread, smaller ones on the reactor's; 0: all in a thread),
# NEWSARCHIVE_INCREMENTAL_ENABLED (default on: skip archived article URLs that are not due,
# conditional requests for entry points),
# NEWSARCHIVE_NEARDUP_THRESHOLD (default 0.45), NEWSARCHIVE_MONITOR_THRESHOLDS (JSON),
# NEWSARCHIVE_RUN_ID (set by the scheduler), NEWSARCHIVE_GC_THRESHOLD (above; 0: Python's
# default, -1: leave the garbage collector alone),
# NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES (crawler/scope.py: true, or addresses, networks and
# hosts a crawl may reach besides public ones and its own entry origins),
# NEWSARCHIVE_SITEMAP_MAX_DEPTH (5), NEWSARCHIVE_DISCOVERY_MAX_DOCUMENTS (5,000),
# NEWSARCHIVE_DISCOVERY_MAX_URLS (200,000 article requests) per crawl (0: no limit).
