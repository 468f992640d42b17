"""The browser fixtures (Chromium, the live server's catalogue, a 1280 px page) for every
module here; they are defined with the first browser tests."""

from tests.browser.test_pages_in_browser import browser, catalogue, page  # noqa: F401
