"""English dates as ISO 8601 (2023-12-18), as standards people write them; other languages
keep Django's own formats (Japanese: 2023年12月18日). Templates name the format
(``|date`` is ``DATE_FORMAT``, ``|date:"DATETIME_FORMAT"``), never a pattern."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
