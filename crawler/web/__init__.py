"""The archive browser: a read-only web UI and JSON API over the archive (`newsarchive serve`)."""
