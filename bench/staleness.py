"""Stale reads under load: readers on every surface while an editor changes an article.

    .venv/bin/python bench/staleness.py --label sqlite --seconds 75
    DATABASE_URL=postgresql://… REDIS_URL=redis://… .venv/bin/python bench/staleness.py \\
        --label postgres --seconds 75 [--varnish]

On loopback: builds a small demo site in `--data-dir` the first time (`newsdesk demo`),
starts the real server (`newsdesk serve --workers 2`, with its task worker), optionally
Varnish with deploy/varnish/default.vcl in front, and for `--seconds`:
- `--readers` threads read every surface (article, home, section, topic, tag, author,
  feeds, sitemaps, search, API, map) round and round, as fast as the server answers;
- this process, as the editor, every `--interval` seconds makes the next change of a
  cycle through Wagtail's own actions (what the admin's buttons run, in a transaction as
  the admin's requests are): publish a new article, edit its headline, rename its author
  (a snippet save), unpublish it.

Every change has a unique word (headline, name) that must appear on, or vanish from, each
surface. A read is **stale** when it started after the change's call had returned and
still shows the state before it. **Publish-to-visible** is the time from the start of the
change to the end of the first read, started after it, that shows it. Raw results go to
`bench/results/staleness-<label>.json`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
SURFACES = (
    "article",
    "home",
    "section",
    "topic",
    "tag",
    "author",
    "feeds",
    "sitemaps",
    "search",
    "api",
    "map",
)
# Surfaces that show an article's byline (the others may, and must then not be stale).
BYLINES = ("article", "author", "feeds", "api")
BENCH_TAG = "staleness-bench"


def word() -> str:
    """A made-up word that no page holds (letters only: search indexes it as one word)."""
    return "".join(random.choice(string.ascii_lowercase) for _ in range(10))


# The record ---------------------------------------------------------------------------------


@dataclass
class Read:
    surface: str
    path: str
    started: float
    ended: float
    status: int
    found: list[str]
    # Which layer answered: Varnish's X-Cache-Server and the site's X-Cache ("-": none).
    served_by: str = ""


@dataclass
class Change:
    kind: str
    started: float
    ended: float
    # {surface: {word: must it be shown}}; None: no longer expected either way.
    expect: dict[str, dict[str, bool | None]]
    paths: dict[str, str] = field(default_factory=dict)


class Board:
    """What readers read now (addresses change with each new article), and the words to
    look for; shared by the editor and the readers."""

    def __init__(self, outbox: Any = None) -> None:
        self.lock = threading.Lock()
        self.paths: dict[str, str] = {}
        self.words: tuple[str, ...] = ()
        self.reads: list[Read] = []
        # The readers' process gets every update through this queue (the editor's Django
        # work would otherwise hold the GIL and stop the readers while it publishes).
        self.outbox = outbox

    def watch(self, *words: str) -> None:
        with self.lock:
            self.words = (*self.words, *words)
        if self.outbox is not None:
            self.outbox.put(("watch", words))

    def point(self, paths: dict[str, str]) -> None:
        with self.lock:
            self.paths.update(paths)
        if self.outbox is not None:
            self.outbox.put(("point", paths))

    def apply(self, inbox: Any) -> None:
        """In the readers' process: the editor's updates, as they come."""
        while True:
            what, value = inbox.get()
            if what == "watch":
                self.watch(*value)
            elif what == "point":
                self.point(value)
            else:
                return

    def snapshot(self) -> tuple[dict[str, str], tuple[str, ...]]:
        with self.lock:
            return dict(self.paths), self.words


# Readers ------------------------------------------------------------------------------------


def shown_part(surface: str, body: str) -> str:
    """The part of a page that shows results: a search page repeats the words asked for."""
    if surface != "search":
        return body
    start = body.find('<ol class="search-results')
    return body[start : body.find("</ol>", start)] if start >= 0 else ""


def read_loop(port: int, host: str, board: Board, stop: threading.Event) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    surfaces = list(SURFACES)
    while not stop.is_set():
        random.shuffle(surfaces)
        for surface in surfaces:
            if stop.is_set():
                return
            paths, _words = board.snapshot()
            started = time.monotonic()
            try:
                connection.request("GET", paths[surface], headers={"Host": host})
                response = connection.getresponse()
                body = response.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            ended = time.monotonic()
            text = shown_part(surface, body)
            # The words known now, not at the start: a change begun meanwhile (its words
            # announced as it began) may already show.
            _paths, words = board.snapshot()
            found = [w for w in words if w in text]
            served_by = "/".join(
                response.getheader(name) or "-" for name in ("X-Cache-Server", "X-Cache")
            )
            read = Read(surface, paths[surface], started, ended, response.status, found, served_by)
            with board.lock:
                board.reads.append(read)


# The editor ---------------------------------------------------------------------------------


class Editor:
    """Makes the changes as the admin does (Django must be set up in this process)."""

    def __init__(self) -> None:
        from django.contrib.auth import get_user_model  # noqa: PLC0415
        from wagtail.models import Locale  # noqa: PLC0415

        from newsdesk.articles.models import SectionPage  # noqa: PLC0415
        from newsdesk.maps.models import Event, EventCategory, MapPage  # noqa: PLC0415
        from newsdesk.people.models import Person  # noqa: PLC0415
        from newsdesk.topics.models import TopicPage  # noqa: PLC0415

        english = Locale.objects.get(language_code="en")
        self.user = get_user_model().objects.filter(is_superuser=True).first()
        self.section = SectionPage.objects.live().filter(locale=english, slug="news").first()
        self.topic = TopicPage.objects.live().filter(locale=english).first()
        self.map = MapPage.objects.live().filter(locale=english).first()
        self.name = f"Bench reporter {word()}"
        self.person, _created = Person.objects.update_or_create(
            slug="bench-reporter", defaults={"name": self.name}
        )
        self.event = Event.objects.create(
            title="Bench event",
            latitude=self.map_point()[0],
            longitude=self.map_point()[1],
            category=EventCategory.objects.first(),
            status=Event.Status.VERIFIED,
            locale=english,
        )
        self.article: Any = None
        self.headline = ""
        self.fixed = ""

    @staticmethod
    def map_point() -> tuple[float, float]:
        from newsdesk.maps.models import Event  # noqa: PLC0415

        known = Event.objects.exclude(title="Bench event").first()
        return (known.latitude, known.longitude) if known else (33.5, 36.3)

    def paths(self) -> dict[str, str]:
        return {
            "article": f"{self.section.url}bench-missing/",
            "home": "/",
            "section": self.section.url,
            "topic": self.topic.url,
            "tag": f"/tags/{BENCH_TAG}/",
            "author": f"/authors/{self.person.slug}/",
            "feeds": "/feeds/rss.xml",
            "sitemaps": "/sitemaps/news.xml",
            "search": "/search/?q=none",
            "api": f"/api/v1/articles/?author={self.person.slug}",
            "map": self.map.url,
        }

    def publish(self, fixed: str, headline: str) -> None:
        from django.db import transaction  # noqa: PLC0415

        from newsdesk.articles.models import ArticleAuthor, ArticlePage  # noqa: PLC0415
        from newsdesk.topics.models import ArticleTopic  # noqa: PLC0415

        self.fixed, self.headline = fixed, headline
        with transaction.atomic():
            article = ArticlePage(
                title=f"{self.fixed} report {self.headline}",
                slug=f"{self.fixed}-report",
                lead="What the benchmark's editor published.",
                body=[{"type": "paragraph", "value": "<p>A paragraph.</p>"}],
                live=False,
            )
            article.authors.add(ArticleAuthor(person=self.person, sort_order=0))
            article.topic_links.add(ArticleTopic(topic=self.topic, sort_order=0))
            article.tags.add(BENCH_TAG)
            self.section.add_child(instance=article)
            self.event.articles.add(article)
            article.save_revision(user=self.user).publish(user=self.user)
        self.article = article

    def retitle(self, headline: str) -> None:
        from django.db import transaction  # noqa: PLC0415

        with transaction.atomic():
            article = self.article.__class__.objects.get(pk=self.article.pk)
            article.title = f"{self.fixed} report {headline}"
            article.save_revision(user=self.user).publish(user=self.user)
        self.headline = headline

    def rename(self, name: str) -> None:
        from django.db import transaction  # noqa: PLC0415

        with transaction.atomic():
            self.person.name = name
            self.person.save()
        self.name = name

    def unpublish(self) -> None:
        from django.db import transaction  # noqa: PLC0415

        with transaction.atomic():
            self.article.__class__.objects.get(pk=self.article.pk).unpublish(user=self.user)


def timed_change(kind: str, run: Callable[[], None], expect: dict) -> Change:
    started = time.monotonic()
    run()
    return Change(kind, started, time.monotonic(), expect)


def cycle(editor: Editor, board: Board, step: int) -> Change:
    """The change number `step` of publish, retitle, rename, unpublish, round and round."""
    kind = ("publish", "retitle", "rename", "unpublish")[step % 4]
    if kind == "publish":
        fixed, headline = word(), word()
        board.watch(headline)
        # From now on, readers look where the new article will be.
        paths = {"article": f"{editor.section.url}{fixed}-report/", "search": f"/search/?q={fixed}"}
        board.point(paths)
        name = editor.name.split()[-1]
        expect: dict[str, dict[str, bool | None]] = {s: {headline: True} for s in SURFACES}
        for surface in BYLINES:
            expect[surface][name] = True
        change = timed_change(kind, lambda: editor.publish(fixed, headline), expect)
        change.paths = paths
        return change
    if kind == "retitle":
        old, new = editor.headline, word()
        board.watch(new)
        return timed_change(
            kind, lambda: editor.retitle(new), {s: {old: False, new: True} for s in SURFACES}
        )
    if kind == "rename":
        old, new = editor.name, f"Bench reporter {word()}"
        board.watch(new.split()[-1])
        expect = {s: {old.split()[-1]: False} for s in SURFACES}
        for surface in BYLINES:
            expect[surface][new.split()[-1]] = True
        return timed_change(kind, lambda: editor.rename(new), expect)
    gone = editor.headline
    expect = {s: {gone: False} for s in SURFACES}
    for surface in BYLINES:
        if (
            surface != "author"
        ):  # the author page keeps the name; the others showed it by the article
            expect[surface][editor.name.split()[-1]] = None
    return timed_change(kind, editor.unpublish, expect)


# Judging the reads --------------------------------------------------------------------------


def judge(reads: list[Read], changes: list[Change]) -> dict[str, Any]:
    """Per surface: reads, stale reads (with examples), and publish-to-visible times.

    A read is judged against the state left by every change that had returned before the
    read started; it may also show a change that was under way (or began) while it was
    being answered. Anything older is stale."""
    report: dict[str, Any] = {
        s: {"reads": 0, "stale": 0, "examples": [], "never": 0}
        | {"latencies": [], "after_answer": [], "durations": []}
        for s in SURFACES
    }
    changes = sorted(changes, key=lambda c: c.started)
    states = _states(changes)
    for read in sorted(reads, key=lambda r: r.started):
        entry = report[read.surface]
        entry["reads"] += 1
        entry["durations"].append(read.ended - read.started)
        first = sum(1 for c in changes if c.ended < read.started)
        last = sum(1 for c in changes if c.started < read.ended)
        acceptable = [states[i][read.surface] for i in range(first, last + 1)]
        if not any(_shows(read, state) for state in acceptable):
            entry["stale"] += 1
            if len(entry["examples"]) < 5:
                entry["examples"].append({**asdict(read), "expected": acceptable[0]})
    for change in changes:
        for surface, words in change.expect.items():
            seen = _first_showing(reads, change, surface, words)
            if seen is None:
                report[surface]["never"] += 1
            else:
                report[surface]["latencies"].append(round(seen - change.started, 4))
                report[surface]["after_answer"].append(round(seen - change.ended, 4))
    return report


def _states(changes: list[Change]) -> list[dict[str, dict[str, bool]]]:
    """What each surface must show after 0, 1, 2… changes."""
    state: dict[str, dict[str, bool]] = {s: {} for s in SURFACES}
    states = [json.loads(json.dumps(state))]
    for change in changes:
        for surface, words in change.expect.items():
            for name, shown in words.items():
                if shown is None:
                    state[surface].pop(name, None)
                else:
                    state[surface][name] = shown
        states.append(json.loads(json.dumps(state)))
    return states


def _shows(read: Read, state: dict[str, bool]) -> bool:
    return all((name in read.found) == shown for name, shown in state.items())


def _first_showing(
    reads: list[Read], change: Change, surface: str, words: dict[str, bool | None]
) -> float | None:
    wanted = {w: shown for w, shown in words.items() if shown is not None}
    if not wanted:
        return None
    for read in reads:
        if read.surface != surface or read.started < change.started:
            continue
        if all((w in read.found) == shown for w, shown in wanted.items()):
            return read.ended
    return None


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        surface: {
            "reads": entry["reads"],
            "stale": entry["stale"],
            "never_visible": entry["never"],
            "p50_s": percentile(entry["latencies"], 0.5),
            "p99_s": percentile(entry["latencies"], 0.99),
            "max_s": max(entry["latencies"], default=None),
            "after_answer_p99_s": percentile(entry["after_answer"], 0.99),
            "read_p50_s": percentile(entry["durations"], 0.5),
        }
        for surface, entry in report.items()
    }


# The run ------------------------------------------------------------------------------------


def readers_process(
    port: int, host: str, readers: int, inbox: Any, stop: Any, results: Any
) -> None:
    """The readers, in a process of their own: `readers` threads until `stop` is set."""
    board = Board()
    threading.Thread(target=board.apply, args=(inbox,), daemon=True).start()
    while not board.paths:
        time.sleep(0.01)
    done = threading.Event()
    threads = [
        threading.Thread(target=read_loop, args=(port, host, board, done), daemon=True)
        for _ in range(readers)
    ]
    for thread in threads:
        thread.start()
    stop.wait()
    done.set()
    for thread in threads:
        thread.join(timeout=35)
    with board.lock:
        results.put([asdict(read) for read in board.reads])


def run_load(
    port: int,
    host: str,
    seconds: float,
    readers: int,
    interval: float,
    warmup_changes: int = 0,
) -> dict[str, Any]:
    """The load itself, against a server on `port` that reads the database this process
    writes. The core of the benchmark (tests/test_staleness_bench.py runs it briefly)."""
    context = multiprocessing.get_context("spawn")
    inbox, stop, results = context.Queue(), context.Event(), context.Queue()
    process = context.Process(
        target=readers_process, args=(port, host, readers, inbox, stop, results), daemon=True
    )
    process.start()
    board = Board(outbox=inbox)
    editor = Editor()
    board.watch(editor.name.split()[-1])
    board.point(editor.paths())
    changes: list[Change] = []
    loads: list[float] = []
    time.sleep(2)  # the readers' first round
    step = 0
    # One unrecorded cycle of changes first: each process renders every surface after a
    # change for the first time (templates compiled, code paths imported), which is the
    # server starting, not a change becoming visible.
    for _ in range(warmup_changes):
        cycle(editor, board, step)
        step += 1
        time.sleep(interval)
    measured_from = time.monotonic()
    deadline = measured_from + seconds
    try:
        while time.monotonic() < deadline:
            loads.append(os.getloadavg()[0])
            changes.append(cycle(editor, board, step))
            step += 1
            time.sleep(max(0.0, min(interval, deadline - time.monotonic())))
        time.sleep(min(interval, 2.0))  # the last change's readers
    finally:
        inbox.put(("stop", None))
        stop.set()
        reads = [
            Read(**read) for read in results.get(timeout=120) if read["started"] >= measured_from
        ]
        process.join(timeout=30)
    report = judge(reads, changes)
    return {
        "summary": summary(report),
        "changes": [asdict(c) for c in changes],
        "stale_examples": {s: e["examples"] for s, e in report.items() if e["examples"]},
        "latencies": {s: e["latencies"] for s, e in report.items()},
        "visible_after_answer": {s: e["after_answer"] for s, e in report.items()},
        "load_average_1min": loads,
        # surface, path, started, ended (seconds on this run's clock), status, words found,
        # the layer that answered (Varnish's X-Cache-Server / the site's X-Cache)
        "reads": [
            [
                r.surface,
                r.path,
                round(r.started, 4),
                round(r.ended, 4),
                r.status,
                r.found,
                r.served_by,
            ]
            for r in reads
        ],
    }


def free_port(start: int) -> int:
    for port in range(start, start + 100):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port")


def wait_for(port: int, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/health/")
            connection.getresponse().read()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.5)
    raise SystemExit(f"nothing answered on port {port}")


@contextmanager
def server(port: int, env: dict[str, str]) -> Iterator[None]:
    """`newsdesk serve` with 2 workers; granian's workers are in its process group."""
    # The server's log (errors included) beside its data.
    log = open(Path(env["NEWSDESK_DATA_DIR"]) / "serve.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(
        [NEWSDESK, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@contextmanager
def varnish(backend_port: int, port: int) -> Iterator[None]:
    workdir = Path(tempfile.mkdtemp(prefix="varnish-"))
    vcl = workdir / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    process = subprocess.Popen(
        [
            varnishd,
            *("-F", "-j", "none", "-n", str(workdir / "state")),
            *("-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{free_port(port + 1)}"),
            *("-f", str(vcl), "-s", "malloc,64m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", required=True, help="names the results file")
    parser.add_argument("--seconds", type=float, default=75)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between changes")
    parser.add_argument("--varnish", action="store_true", help="read through Varnish")
    parser.add_argument(
        "--warmup-changes",
        type=int,
        default=4,
        help="changes made (a whole cycle) before the measured ones, not recorded",
    )
    parser.add_argument("--port", type=int, default=8100, help="first port to try")
    parser.add_argument("--articles", type=int, default=30, help="demo size, the first time")
    parser.add_argument("--data-dir", type=Path, help="default: var/bench-staleness-<label>")
    parser.add_argument(
        "--markdown",
        nargs="+",
        type=Path,
        metavar="RESULTS",
        help="print the tables of saved results for docs/benchmarks.md, and run nothing",
    )
    args = parser.parse_args()
    if args.markdown:
        print("\n\n".join(markdown(json.loads(path.read_text())) for path in args.markdown))
        return

    data_dir = (args.data_dir or ROOT / "var" / f"bench-staleness-{args.label}").resolve()
    port = free_port(args.port)
    front = free_port(port + 1) if args.varnish else port
    os.environ.update(
        NEWSDESK_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="newsdesk.settings.dev",
        DEBUG="0",
        BASE_URL=f"http://127.0.0.1:{port}",
    )
    if args.varnish:
        os.environ["VARNISH_URL"] = f"http://127.0.0.1:{front}"
    env = dict(os.environ)
    if not (data_dir / "built").exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([NEWSDESK, "migrate", "-v0"], env=env, check=True)
        subprocess.run(
            [NEWSDESK, "demo", "--articles", str(args.articles)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (data_dir / "built").touch()

    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415

    django.setup()
    front_cache = varnish(port, front) if args.varnish else nullcontext()
    with server(port, env), front_cache:
        results = run_load(
            front,
            f"127.0.0.1:{port}",
            args.seconds,
            args.readers,
            args.interval,
            args.warmup_changes,
        )
    results["configuration"] = {
        "label": args.label,
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "redis": bool(os.environ.get("REDIS_URL")),
        "varnish": args.varnish,
        "web_workers": 2,
        "readers": args.readers,
        "seconds": args.seconds,
        "interval_s": args.interval,
        "cpus": os.cpu_count(),
    }
    out = ROOT / "bench" / "results" / f"staleness-{args.label}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print_table(results)
    print(f"raw results: {out.relative_to(ROOT)}")


def markdown(results: dict[str, Any]) -> str:
    """The block docs/benchmarks.md quotes, from a results file (`--markdown FILE...`)."""
    setup = results["configuration"]
    loads = results["load_average_1min"]
    database = "postgresql + Redis" if setup["redis"] else setup["database"]
    front = " behind Varnish" if setup["varnish"] else ""
    lines = [
        f"**{setup['label']}** ({database}{front}, {setup['web_workers']} web workers, "
        f"{setup['readers']} reader threads, {setup['seconds']:.0f} s after a warm-up cycle, "
        f"a change every {setup['interval_s']:.0f} s; load average "
        f"{min(loads):.1f} to {max(loads):.1f})",
        "",
        "| surface | reads | stale reads | never seen | p50 s | p99 s | max s "
        "| p99 after the answer s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for surface, row in results["summary"].items():
        cells = [_cell(row[k]) for k in ("p50_s", "p99_s", "max_s", "after_answer_p99_s")]
        lines.append(
            f"| {surface} | {row['reads']:,} | {row['stale']} | {row['never_visible']} | "
            + " | ".join(cells)
            + " |"
        )
    calls = []
    for kind in ("publish", "retitle", "rename", "unpublish"):
        took = [c["ended"] - c["started"] for c in results["changes"] if c["kind"] == kind]
        calls.append(f"{kind} {percentile(took, 0.5):.2f} s, {max(took):.2f} s")
    lines += ["", f"The editor's own calls took (median, max): {'; '.join(calls)}."]
    return "\n".join(lines)


def print_table(results: dict[str, Any]) -> None:
    loads = results["load_average_1min"]
    print(f"load average (1 min) during the run: {min(loads):.1f} to {max(loads):.1f}")
    heads = ("reads", "stale", "never", "p50 s", "p99 s", "max s", "answ99", "read s")
    print(f"{'surface':10} " + " ".join(f"{head:>7}" for head in heads))
    for surface, row in results["summary"].items():
        keys = ("p50_s", "p99_s", "max_s", "after_answer_p99_s", "read_p50_s")
        cells = [_cell(row[k]) for k in keys]
        print(
            f"{surface:10} {row['reads']:>7} {row['stale']:>7} {row['never_visible']:>7} "
            + " ".join(f"{c:>7}" for c in cells)
        )


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
