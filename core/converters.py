"""URL converters for codes, so that a malformed code is a 404 before any query runs."""


class ObjectiveCodeConverter:
    regex = r"[0-9]{1,2}\.[0-9]{1,2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class JurisdictionCodeConverter(ObjectiveCodeConverter):
    regex = r"[A-Za-z0-9_-]{1,16}"
