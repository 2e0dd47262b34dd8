"""Browser tests: built sites in headless Chromium."""
