"""Build or reuse the benchmark database: a SQLite file per size, or ``bench_catalogue``.

Call ``configure()`` before Django is set up (it chooses the database through the
environment), then ``prepare()`` after.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / ".data"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_catalogue"


def database_url(kind: str, standards: int, url: str | None = None) -> str:
    if url:
        return url
    if kind == "sqlite":
        return f"sqlite:///{DATA_DIR / f'bench-{standards}.sqlite3'}"
    if kind == "postgres":
        return POSTGRES_URL
    raise ValueError(f"Unknown database {kind!r}: sqlite or postgres.")


def configure(url: str):
    """Point Django at ``url`` with the benchmark settings (before ``django.setup()``)."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"


def reset(url: str):
    """Delete the benchmark database so that the next ``prepare()`` starts from nothing."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        Path(parts.path).unlink(missing_ok=True)
        return
    name = parts.path.lstrip("/")
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create(url: str):
    """Create the database (a PostgreSQL database or the folder of a SQLite file) if missing."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        Path(parts.path).parent.mkdir(parents=True, exist_ok=True)
        return
    name = parts.path.lstrip("/")
    with _admin_connection(url) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def prepare(*, standards: int, seed: int, log=print) -> dict:
    """Migrate, load the reference catalogue, and make the synthetic one ``standards`` big.

    An existing synthetic catalogue of the same size and seed is reused. Return what was done.
    """
    from django.core.management import call_command

    from benchmarks.synthetic import (
        synthetic_catalogue_clear,
        synthetic_catalogue_generate,
        synthetic_catalogue_seed,
        synthetic_catalogue_size,
    )
    from exchange.reference_data import catalogue_load_reference
    from policies.models import Objective

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Objective.objects.exists():
        log("Loading the reference catalogue.")
        catalogue_load_reference()
    info = {"generated": False, "generate_seconds": None}
    if synthetic_catalogue_size() == standards and synthetic_catalogue_seed() == seed:
        log(f"Reusing the synthetic catalogue of {standards} standards (seed {seed}).")
    else:
        log(f"Generating a synthetic catalogue of {standards} standards (seed {seed}).")
        synthetic_catalogue_clear()
        generate_started = time.perf_counter()
        synthetic_catalogue_generate(standards=standards, seed=seed)
        info.update(generated=True, generate_seconds=time.perf_counter() - generate_started)
        log(f"Generated in {info['generate_seconds']:.1f} s; analysing.")
        analyse()
    info["prepare_seconds"] = time.perf_counter() - started
    return info


def analyse():
    """Refresh the planner's statistics, as autovacuum would do on a live PostgreSQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def catalogue_counts() -> dict[str, int]:
    from catalogue.models import NationalAdoption, Standard
    from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
    from policies.models import PolicyInstrument, Provision

    links = [StandardObjectiveLink, StandardLifecycleLink, StandardProvisionLink]
    return {
        "standards": Standard.objects.count(),
        "instruments": PolicyInstrument.objects.count(),
        "provisions": Provision.objects.count(),
        "approved_links": sum(model.objects.approved().count() for model in links),
        "all_links": sum(model.objects.count() for model in links),
        "adoptions": NationalAdoption.objects.count(),
    }
