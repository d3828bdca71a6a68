"""What happens to a fetched page: extract, clean, detect language, hash, dedup, store."""

# Pipeline order (ITEM_PIPELINES): extraction runs before storing. Kept here, free of imports,
# so crawler.settings can name them without loading trafilatura.
EXTRACT_PIPELINE_ORDER = 300
STORE_PIPELINE_ORDER = 800
