"""ISO Open Data import benchmark: a daily file in the real shape, imported from scratch.

    python -m benchmarks.iso_open_data [--lines 80000] [--seed 1] [--keep FILE] [--json PATH]
    python -m benchmarks.iso_open_data --generate-only FILE.jsonl.gz [--lines 80000]

Generates (never commits) a JSON Lines file shaped like ISO's ``iso_deliverables_metadata``
(every key of the design: ``title`` and ``scope`` in two languages, ``pages``, ``icsCode``,
drafts, amendments, withdrawn editions with ``replaces`` / ``replacedBy``), with
``--lines`` deliverables spread over about 700 committees; the committees the reference
catalogue follows get realistic shares, and the catalogue's own standards appear under their
ISO ids. Then it migrates a throwaway SQLite database (or ``--database-url``), loads the
reference catalogue and times ``manage.py import_iso_open_data FILE --system --committee
"ISO/IEC JTC 1/SC 42"`` in a separate process, reporting wall time and peak memory. The
references it invents are synthetic (numbers from 100000 up) and live only in that file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SC42 = "ISO/IEC JTC 1/SC 42"
# Shares of the file for committees the reference catalogue follows (the rest is spread
# over hundreds of committees it does not follow).
FOLLOWED_SHARES = {
    "ISO/TC 22": 0.02,
    "ISO/IEC JTC 1/SC 27": 0.005,
    "ISO/IEC JTC 1/SC 32": 0.002,
    "ISO/TC 215": 0.008,
    "ISO/TC 68": 0.003,
    "ISO/TC 207": 0.002,
    "ISO/TC 204": 0.002,
    SC42: 0.0015,
}
STAGES = [6060, 6060, 6060, 6060, 9093, 9093, 9092, 9060, 9599, 4020, 3020, 5020, 2020]
TYPES = ["IS"] * 8 + ["TS", "TR", "PAS", "Guide", "IWA"]
WORDS = (
    "information technology systems management requirements guidance vocabulary test methods "
    "safety quality data processes measurement assessment framework security privacy road "
    "vehicles health informatics financial services environmental performance specification "
    "interoperability architecture lifecycle evaluation reliability terminology"
).split()


def _title(rng: random.Random) -> str:
    parts = [" ".join(rng.choices(WORDS, k=rng.randint(2, 5))).capitalize() for _ in range(3)]
    return " — ".join(parts)


def _scope(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 4)):
        sentence = " ".join(rng.choices(WORDS, k=rng.randint(20, 60)))
        paragraphs.append(f"<p>This document specifies {sentence}.</p>")
    return "".join(paragraphs)


def _catalogued() -> list[dict]:
    with (ROOT / "fixtures" / "standards.yaml").open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    return [entry for entry in entries if entry.get("iso_id")]


def generate(path: Path, *, lines: int = 80_000, seed: int = 1) -> int:
    """Write ``lines`` deliverables in the real shape to ``path`` (gzipped if ``.gz``)."""
    rng = random.Random(seed)
    others = [f"ISO/TC {n}" for n in range(1, 330)] + [
        f"ISO/TC {n}/SC {m}" for n in range(1, 120, 3) for m in range(1, 9)
    ]
    committees, weights = list(FOLLOWED_SHARES), list(FOLLOWED_SHARES.values())
    rest = 1 - sum(weights)
    committees += others
    weights += [rest / len(others)] * len(others)
    opener = gzip.open if path.suffix == ".gz" else open
    written = 0
    with opener(path, "wt", encoding="utf-8") as out:

        def write(item):
            nonlocal written
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            written += 1

        for entry in _catalogued():
            write(
                _item(
                    rng,
                    iso_id=entry["iso_id"],
                    reference=entry["reference"],
                    committee=entry.get("committee") or SC42,
                    stage=int(str(entry.get("stage_code") or "60.60").replace(".", "")),
                    title=entry["title"],
                )
            )
        number = 100_000
        while written < lines:
            number += 1
            committee = rng.choices(committees, weights)[0]
            stage = rng.choice(STAGES)
            year = rng.randint(1985, 2026)
            kind = rng.choice(TYPES)
            prefix = "ISO/IEC" if committee.startswith("ISO/IEC") else "ISO"
            typed = "" if kind == "IS" else f"{kind} "
            if stage < 6000:
                reference = f"{prefix} {'DIS' if stage >= 4000 else 'CD'} {number}"
            else:
                reference = f"{prefix} {typed}{number}:{year}"
            item = _item(rng, iso_id=number, reference=reference, committee=committee, stage=stage)
            item["deliverableType"] = kind
            write(item)
            if stage >= 6000 and written < lines and rng.random() < 0.08:
                write(
                    {
                        **_item(
                            rng,
                            iso_id=number + 5_000_000,
                            reference=f"{reference}/Amd 1:{min(year + 3, 2026)}",
                            committee=committee,
                            stage=6060,
                        ),
                        "supplementType": "Amd",
                    }
                )
    return written


def _item(rng, *, iso_id, reference, committee, stage, title=None) -> dict:
    published = stage >= 6060
    year = reference.rsplit(":", 1)[-1] if ":" in reference else None
    return {
        "id": iso_id,
        "deliverableType": "IS",
        "supplementType": None,
        "reference": reference,
        "title": {"en": title or _title(rng), "fr": _title(rng)},
        "publicationDate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if published and year and year.isdigit()
        else None,
        "edition": rng.randint(1, 4) if published else None,
        "icsCode": [f"{rng.randint(1, 97):02d}.{rng.randint(0, 200):03d}"],
        "ownerCommittee": committee,
        "currentStage": stage,
        "replaces": [iso_id - 1] if rng.random() < 0.2 else None,
        "replacedBy": [iso_id + 1] if stage == 9599 else None,
        "languages": ["en", "fr"],
        "pages": {"en": rng.randint(4, 200)},
        "scope": {"en": _scope(rng)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.iso_open_data", description=__doc__)
    parser.add_argument("--lines", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Keep the generated file here.")
    parser.add_argument("--generate-only", type=Path, metavar="FILE")
    parser.add_argument("--database-url", help="Defaults to a throwaway SQLite database.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    options = parser.parse_args(argv)

    if options.generate_only:
        count = generate(options.generate_only, lines=options.lines, seed=options.seed)
        sys.stdout.write(f"Wrote {count} lines to {options.generate_only}.\n")
        return 0

    with tempfile.TemporaryDirectory() as work:
        path = options.keep or Path(work) / "iso_deliverables_metadata.jsonl.gz"
        count = generate(path, lines=options.lines, seed=options.seed)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DATABASE_URL": options.database_url or f"sqlite:///{work}/iso.sqlite3",
        }
        for command in (["migrate", "--noinput", "-v0"], ["load_catalogue", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "import_iso_open_data",
                str(path),
                "--system",
                "--committee",
                SC42,
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    summary = result.stdout.strip().splitlines()[-2:] if result.stdout else []
    outcome = {
        "lines": count,
        "bytes_gzipped": path.stat().st_size if options.keep else None,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "returncode": result.returncode,
        "summary": summary,
        "passed": result.returncode == 0 and seconds < 60,
    }
    sys.stdout.write(
        f"Imported {count} lines in {outcome['seconds']} s (budget 60 s), peak RSS "
        f"{outcome['peak_rss_mb']} MB; exit {result.returncode}.\n"
        + "\n".join(summary)
        + ("\n" + result.stderr[-2000:] if result.returncode else "")
        + "\n"
    )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(outcome, indent=2) + "\n")
    return 0 if outcome["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
