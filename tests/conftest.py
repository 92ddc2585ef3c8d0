"""Shared fixtures. Corpus: where the sample dumps live, and how to read a source back as text.

The sample corpus's four tables are built once per test session (``sample_articles``,
``sample_mentions``, ``sample_claims``, ``sample_checks``; ``sample_rules_mentions`` without the
NER pass) and shared by every module that tests them; a test that changes a table works on its own ``.copy()``. Each shared table is
compared with a snapshot taken when it was built once the session is done, so a test that
changed one in place fails loudly instead of passing its change on to the tests after it.

Property tests draw as many examples as the hypothesis profile says: "fast" by default,
"thorough" with ``--hypothesis-profile=thorough`` (``make test-all``).

``run_main`` calls the command line's entry point in this process; ``early`` hands a test the
result of out-of-process work (a kernel, a fresh interpreter) started when the tests start.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# How hard the property tests search: "fast" for `make test` (every run still draws new inputs),
# "thorough" for `make test-all` (--hypothesis-profile=thorough), about ten times the examples.
PROPERTY_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("fast", max_examples=60, deadline=None, suppress_health_check=PROPERTY_CHECKS)
settings.register_profile("thorough", max_examples=600, deadline=None, suppress_health_check=PROPERTY_CHECKS)
settings.load_profile("fast")

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """data/sample: the two feed dumps of the sample corpus."""
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def decoded():
    """decoded(source, encoding): the text a row's ``offset`` and ``title_offset`` index into."""

    def read(source: str | Path, encoding: str) -> str:
        raw = Path(source).read_bytes()
        if str(source).endswith(".gz"):
            import gzip

            raw = gzip.decompress(raw)
        return raw.decode(encoding)

    return read


# --------------------------------------------------------------------------- the sample's tables, once


def shared(table: pd.DataFrame, name: str):
    """Hand ``table`` to the session, then check no test changed it (list cells included)."""
    snapshot = pickle.loads(pickle.dumps(table))
    yield table
    try:
        pd.testing.assert_frame_equal(table, snapshot, obj=name)
    except AssertionError as changed:
        raise AssertionError(f"a test changed the shared {name} table in place (change a .copy() "
                             f"instead): {str(changed).splitlines()[0]}") from None


@pytest.fixture(scope="session")
def sample_articles(sample_dir):
    """The Articles table of data/sample: ``extractor.read_corpus([sample_dir])``."""
    import extractor

    yield from shared(extractor.read_corpus([sample_dir]), "sample_articles")


@pytest.fixture(scope="session")
def sample_mentions(sample_articles):
    """The sample's Mentions table, rules and NER: ``extractor.extract(sample_articles)``."""
    import extractor

    yield from shared(extractor.extract(sample_articles), "sample_mentions")


@pytest.fixture(scope="session")
def sample_rules_mentions(sample_articles):
    """The sample's Mentions table from the rule pass alone: ``extractor.extract(sample_articles, ner=False)``."""
    import extractor

    yield from shared(extractor.extract(sample_articles, ner=False), "sample_rules_mentions")


@pytest.fixture(scope="session")
def sample_claims(sample_mentions):
    """The sample's Claims table: ``extractor.build_claims(sample_mentions)``."""
    import extractor

    yield from shared(extractor.build_claims(sample_mentions), "sample_claims")


@pytest.fixture(scope="session")
def sample_checks(sample_claims, sample_articles):
    """The sample's Checks table against the bundled reference, its articles named by title the
    way a report names them: ``extractor.check(sample_claims, articles=sample_articles)``."""
    import extractor

    yield from shared(extractor.check(sample_claims, articles=sample_articles), "sample_checks")


# --------------------------------------------------------------------------- the command line, in process


@pytest.fixture
def run_main(monkeypatch, capsys):
    """run_main(*args, cwd=None) -> (exit code, stdout, stderr) of the real entry point,
    ``extractor.cli.main``, called in this process with ``sys.argv`` set to the arguments, so
    its error handling (one ``error:`` line, exit 2) is what runs. An exception it lets
    through, which a real process would print as a traceback, fails the test where it happens.
    ``tests/test_corpus.py`` keeps one subprocess test of the same behaviour."""
    from extractor import cli

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setenv("COLUMNS", "80")
        monkeypatch.setattr(sys, "argv", ["extractor", *args])
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            cli.main()
        out, err = capsys.readouterr()
        code = exited.value.code
        return (code if isinstance(code, int) else (0 if code is None else 1)), out, err

    return run


# --------------------------------------------------------------------------- out-of-process work, started early

# Some tests spend their time waiting for another process: a notebook's kernel, or a run of the
# command line or of a report in a fresh interpreter. A test module names that work in
# ``early_jobs(item) -> {key: job}``; when the tests start running, the jobs of the selected tests
# are started in one background thread, one after another in the order of their tests, so they run
# on another core while the tests before them run here. A test then takes its job's result with
# the ``early`` fixture, which waits for it (or runs the job itself when it was not started). A job
# that raised raises in the test that takes it.

_early_jobs: dict = {}
_early_pool = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    global _early_pool
    if session.config.option.collectonly or (
            session.testsfailed and not session.config.option.continue_on_collection_errors):
        return None  # no test will run
    jobs: dict = {}
    for item in session.items:
        wanted = getattr(getattr(item, "module", None), "early_jobs", None)
        for key, job in (wanted(item) if wanted else {}).items():
            jobs.setdefault(key, job)
    if jobs:
        from concurrent.futures import ThreadPoolExecutor

        _early_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="early-job")
        _early_jobs.update((key, _early_pool.submit(job)) for key, job in jobs.items())
    return None  # the tests are run by pytest's own loop


def pytest_sessionfinish(session):
    if _early_pool is not None:
        _early_pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def early():
    """early(key, job): the result of ``job()``, started in the background when the tests started
    if the test's module listed it in ``early_jobs``, else run now."""

    def result(key, job):
        future = _early_jobs.get(key)
        return future.result() if future is not None else job()

    return result
