"""Measure how the briefing scales: time and peak memory of export and build for N sources.

Usage: python bench/scale.py [--quick | --sizes N ...] [--from FOLDER] [--workdir DIR]

Synthetic corpora are the sentences of the example articles and the test corpora, recombined
and reworded with a fixed seed (the N-source corpus is the first N sources of a larger one).
Each run is a process of its own, for its own peak memory: ``briefing export``, the full
``mkdocs build``, and ``mkdocs build`` of the same generated pages as plain Markdown without
the briefing plugin (every page; the source pages alone, the issue's baseline; the sources'
own texts without statements or links, for reference). Prints a Markdown table and the
targets of issue 6, PASS or FAIL, judged on CPU
time so that a busy machine does not fail them; a process that runs past ``--timeout`` is
killed. Export and build run cold: the
script clears each project's analysis cache (``.briefing-cache``, the example's included).
"""

from __future__ import annotations

import argparse
import compileall
import html
import itertools
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TIME = Path("/usr/bin/time")
POOLS = (ROOT / "content/sources", ROOT / "tests/data/other-event", ROOT / "tests/data/rephrased")
CSS = "assets/briefing/briefing.css"
CACHE = ".briefing-cache"  # generator.cache.CACHE_DIR, the plugin's default
SYNONYMS = (  # pairs; _ stands for a space
    "said=stated says=states militants=fighters started=began about=around riots=unrest "
    "country=nation help=assistance government=authorities meeting=session troops=forces "
    "operation=campaign announced=declared weapons=arms talks=negotiations attacks=assaults "
    "strike=walkout dockworkers=port_workers fire=blaze residents=inhabitants big=large "
    "asked=requested shut=closed"
)
QUOTES = (("“", "”"), ('"', '"'), ("«", "»"))
MASTHEADS = ("World news 24 hours a day", "All news", "Latest news", "Breaking news")
CLUTTER = (
    "Share | Twitter | Facebook | Email; Advertisement; Read more; Leave a Reply; Your email "
    "address will not be published. Required fields are marked *; Sign up for our newsletter "
    "to get the latest stories in your inbox"
).split("; ")
NAMES = ("Northern", "Eastern", "Capital", "Coastal", "Valley", "Metro", "Evening", "Free")
PAPERS = ("Herald", "Courier", "Tribune", "Post", "Observer", "Gazette", "Wire", "Chronicle")
_PAIRS = [pair.replace("_", " ").split("=") for pair in SYNONYMS.split()]
_SWAP = {a: b for x, y in _PAIRS for a, b in ((x, y), (y, x))}
_WORD = re.compile(r"\b(" + "|".join(sorted(_SWAP, key=len, reverse=True)) + r")\b", re.I)
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")
_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“«A-Z])|(?<=[.!?][\"”»])\s+(?=[\"“«A-Z])")
_ABBREVIATION = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|U\.S)\.$")
_QUOTED = re.compile(
    r"^(?P<q>[\"“«].+[.,!?][\"”»]),? (?P<who>(?:he|she|the [a-z]+|[A-Z][\w-]+)"
    r" (?:said|stated|added|noted|declared))\.$"
)
_REPORTED = re.compile(r"^(?P<body>[^\"“”«»]+), (?P<who>he|she|the [a-z]+) said\.$")
_WHEN = re.compile(
    r"^(?P<a>[^\"“”«»]+?) (?P<when>on [A-Z][a-z]+day)"
    r"(?P<b> (?:said|stated|told|announced)\b[^\"“”«»]*)\.$"
)
_NOT_REPORTS = {"README", "LICENSE", "CHANGELOG"}  # they describe a folder, as in `briefing new`
_LOWERED = {"The", "There", "It", "This", "A", "An", "Those", "These", "Their", "Its", "About"}
EXPORT_SECONDS, EXPORT_MB, BUILD_RATIO, GROWTH, EXAMPLE_RATIO = 60.0, 2048.0, 2.0, 2.3, 1.5
REBUILD_RATIO = 1.2
COLUMNS = (
    "N|statements|links|clusters|analysis s|export s|export wall s|export MB|build s|build wall s"
    "|build MB|rebuild s|serve s|plain s|plain serve s|src-only s|texts s|build/plain"
    "|build/src-only|build/texts|rebuild/src-only|serve/plain serve|analysis growth"
    "|export growth|load"
).split("|")


@dataclass(frozen=True)
class Article:
    """One report of the pool: its event (the folder), headline and sentences."""

    event: str
    headline: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """One measured process: wall and CPU (user + system) seconds, peak resident memory."""

    wall: float
    cpu: float
    peak_mb: float
    status: str
    """``ok``, ``exit N``, or ``killed`` after the time limit."""


@dataclass
class Row:
    """The measurements of one project; ``stats`` are the briefing's own numbers."""

    name: str
    stats: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, Run] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)

    def get(self, what: str, measure: str = "cpu", base: str = "") -> tuple[float, bool]:
        """Return a measure of a run (over ``base``'s) and whether it is only a lower bound."""
        run = self.runs.get(what, Run(math.nan, math.nan, math.nan, "missing"))
        value = getattr(run, measure) if run.status in ("ok", "killed") else math.nan
        if base:
            value /= self.get(base)[0]
        return value, run.status == "killed"


def load_pool(folders: list[Path]) -> list[Article]:
    """Return the articles in ``folders`` (``.txt``, ``.md``, ``.html``), split into sentences."""
    articles = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".md", ".html") or path.stem.upper() in _NOT_REPORTS:
                continue
            paragraphs = _paragraphs(path)
            headline = next((p for p in paragraphs if _is_headline(p)), paragraphs[0])
            sentences = [s for p in paragraphs if p != headline for s in _sentences(p)]
            if sentences:
                articles.append(Article(folder.name, headline, tuple(sentences)))
    if not articles:
        raise SystemExit(f"no .txt, .md or .html articles in {', '.join(map(str, folders))}")
    return articles


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        text = re.sub(r"(?is)<(script|style|nav|head)\b.*?</\1>", "", text)
        text = re.sub(r"(?i)</?(p|h\d|li|div|br|article|section)\b[^>]*>", "\n\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    blocks = (" ".join(p.split()).lstrip("#>*- ") for p in re.split(r"\n\s*\n", text))
    return [p for p in blocks if p]


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return 6 <= len(words) <= 25 and paragraph[-1] not in '.!?"”' and "news" not in words


def _sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for piece in _BREAK.split(paragraph):
        if pieces and (_ABBREVIATION.search(pieces[-1]) or _is_open(pieces[-1])):
            pieces[-1] += " " + piece  # a quotation of several sentences stays one unit
        else:
            pieces.append(piece)
    return [p for p in pieces if len(p.split()) >= 5]


def _is_open(text: str) -> bool:
    opened = text.count("“") + text.count("«") > text.count("”") + text.count("»")
    return opened or text.count('"') % 2 == 1


def synthetic_source(number: int, articles: list[Article], seed: int) -> tuple[str, str]:
    """Return the file name and text of synthetic source ``number``: one report, reworded."""
    rng = random.Random(f"{seed}-{number}")
    events = list(dict.fromkeys(a.event for a in articles))
    event = events[0] if rng.random() < 0.6 else rng.choice(events)
    same = [a for a in articles if a.event == event]
    others = [a for a in articles if a.event != event] or same
    wanted = rng.randint(24, 32)
    body = [s for s in rng.choice(same).sentences if rng.random() < 0.85][:wanted]
    for _ in range(400):  # fill up from other reports of the event, rarely of another one
        if len(body) >= wanted:
            break
        sentence = rng.choice(rng.choice(others if rng.random() < 0.05 else same).sentences)
        if rng.random() < 0.15:
            sentence = _splice(sentence, rng.choice(rng.choice(same).sentences))
        if sentence not in body:
            body.insert(rng.randint(0, len(body)), sentence)
    quotes = rng.choice(QUOTES)
    lines = [rng.choice(MASTHEADS)] if rng.random() < 0.4 else []
    lines.append(_reword(rng.choice(same).headline, rng, quotes))
    if rng.random() < 0.3:
        lines.append(CLUTTER[0])
    while body:
        ended = [i for i, s in enumerate(body[:3]) if s[-1] not in '.!?"”»']
        size = ended[0] + 1 if ended else rng.randint(1, 3)  # a subheading ends its paragraph
        lines.append(" ".join(_reword(s, rng, quotes) for s in body[:size]))
        body = body[size:]
    lines += rng.sample(CLUTTER[1:], rng.randint(1, 3))
    outlet = f"{rng.choice(NAMES)}-{rng.choice(PAPERS)}".lower()
    return f"{outlet}-{number:04d}.txt", "\n\n".join(lines) + "\n"


def _splice(first: str, second: str) -> str:
    """Return the first clause of one sentence with the rest of another: a new statement."""
    if ", " not in first or ", " not in second or any(q in first + second for q in '"“”«»'):
        return first
    return f"{first.split(', ', 1)[0]}, {second.split(', ', 1)[1]}"


def _reword(sentence: str, rng: random.Random, quotes: tuple[str, str]) -> str:
    """Return ``sentence`` as another outlet might write it: synonyms, order, numbers, quotes."""
    text = _WORD.sub(lambda m: _swap(m.group(0)) if rng.random() < 0.35 else m.group(0), sentence)
    numbers = list(_NUMBER.finditer(text))
    if numbers and rng.random() < 0.15:
        found = rng.choice(numbers)
        text = text[: found.start()] + _renumber(found.group(0), rng) + text[found.end() :]
    if rng.random() < 0.3:
        text = _reorder(text)
    text = re.sub(r"(^|[\s(\[])[\"“«]", lambda m: m.group(1) + quotes[0], text)
    return re.sub(r"[\"”»]", quotes[1], text)


def _swap(word: str) -> str:
    other = _SWAP[word.lower()]
    return other[0].upper() + other[1:] if word[0].isupper() else other


def _renumber(token: str, rng: random.Random) -> str:
    value = int(token.replace(",", ""))
    if 1900 <= value <= 2100:
        return str(value + rng.choice((-10, -1, 1, 10)))  # a misreported year
    if value >= 1000 and rng.random() < 0.5:
        return token.replace(",", "") if "," in token else f"{value:,}"  # the same number
    new = max(1, round(value * rng.uniform(0.7, 1.4)))
    return f"{new:,}" if "," in token else str(new)


def _reorder(text: str) -> str:
    if quoted := _QUOTED.match(text):  # "...," he said.  ->  He said: "..."
        quote, who = quoted["q"], quoted["who"]
        quote = quote[:-2] + "." + quote[-1] if quote[-2] == "," else quote
        return f"{who[0].upper()}{who[1:]}: {quote}"
    if reported := _REPORTED.match(text):  # ..., he said.  ->  He said ...
        who = reported["who"]
        return f"{who[0].upper()}{who[1:]} said {_lower_first(reported['body'])}."
    if when := _WHEN.match(text):  # X on Friday said Y.  ->  On Friday, X said Y.
        return f"O{when['when'][1:]}, {_lower_first(when['a'])}{when['b']}."
    return text


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text.split(" ", 1)[0] in _LOWERED else text


def make_project(out: Path, count: int, articles: list[Article], seed: int) -> Path:
    """Write ``count`` synthetic sources and a project of them under ``out``; return mkdocs.yml."""
    from generator.scaffold import create_project

    shutil.rmtree(out, ignore_errors=True)
    (out / "articles").mkdir(parents=True)
    for number in range(count):
        name, text = synthetic_source(number, articles, seed)
        (out / "articles" / name).write_text(text, encoding="utf-8")
    create_project(out / "project", out / "articles", f"Synthetic briefing of {count} sources")
    return out / "project" / "mkdocs.yml"


def write_plain_sites(config_file: Path, out: Path) -> None:
    """Write the generated pages as plain MkDocs projects, and the briefing's numbers.

    ``out/plain`` holds every page, ``out/sources`` the source pages alone, ``out/texts`` the
    sources' own texts (no statements, no links); all keep the theme, extensions and other
    plugins of ``config_file`` and drop the briefing plugin.
    """
    from generator.fragments import inline_fragments
    from generator.pipeline import build_briefing
    from generator.plugin import project_paths
    from generator.rendering import RenderOptions, navigation, render_site

    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    root = config_file.resolve().parent
    plugins = config.get("plugins") or []
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    entry = plugins[names.index("briefing")] if "briefing" in names else {}
    options = (entry.get("briefing") if isinstance(entry, dict) else None) or {}
    start = time.process_time()  # CPU seconds, as the other times
    briefing = build_briefing(project_paths(root, options))
    analysed = time.process_time()
    templates = root / options.get("templates_dir", "theme/briefing")
    directory_urls = bool(config.get("use_directory_urls", True))
    pages = render_site(briefing, RenderOptions(directory_urls, (templates,)))
    stats: dict[str, float] = {k: len(getattr(briefing, k)) for k in ("sources", "statements")}
    stats |= {"links": len(briefing.links)}
    stats |= {"clusters": len(briefing.clusters), "pages": len(pages)}
    stats |= {"analysis_s": analysed - start, "render_s": time.process_time() - analysed}
    theme = dict(config.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str(root / theme["custom_dir"])
    css = Path(sys.modules["generator"].__file__ or "").parent / "assets" / "briefing.css"
    texts = _source_texts(briefing)
    for name in ("plain", "sources", "texts"):
        docs = out / name / "docs"
        for page in texts if name == "texts" else pages:
            if name == "plain" or page.path.startswith("sources/"):
                (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
                # The page as MkDocs would read it without the plugin: its HTML inlined.
                text = inline_fragments(page.markdown, page.fragments)
                (docs / page.path).write_text(text, encoding="utf-8")
        (docs / CSS).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(css, docs / CSS)
        plain = {
            **config,
            "theme": theme,
            "docs_dir": str(docs),
            "site_dir": str(docs.parent / "site"),
            "plugins": [p for p, n in zip(plugins, names, strict=True) if n != "briefing"],
            "nav": [n for n in navigation(briefing) if name == "plain" or "Sources" in n],
            "extra_css": [*config.get("extra_css", []), CSS],
        }
        if name != "plain":  # its links to the pages left out are expected
            plain["validation"] = {"links": {"not_found": "info"}}
        text = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False)
        (out / name / "mkdocs.yml").write_text(text, encoding="utf-8")
    (out / "stats.json").write_text(json.dumps(stats), encoding="utf-8")


def _source_texts(briefing: Any) -> list[Any]:
    """Return each source's own text as a plain Markdown page: the baseline of issue 6."""
    from generator import urls
    from generator.rendering import Page, escape_markdown

    pages = []
    for source in briefing.sources:
        paragraphs = [escape_markdown(source.text[b.start : b.end]) for b in source.blocks]
        text = "\n\n".join([f"# {escape_markdown(source.meta.title)}", *paragraphs])
        pages.append(Page(urls.source_page(source.meta.id), source.meta.label, text + "\n"))
    return pages


def serve_rebuild(config_file: Path, site_dir: Path) -> None:
    """Build twice in this process, as ``mkdocs serve`` does (a new config each time), and
    write the CPU and wall seconds of the second build to ``serve.json`` beside ``site_dir``.

    No file is edited in between: a rebuild after an annotation edit does the same work (the
    annotations are read, anchored and rendered again; only the analysis comes from the
    cache), and the project, the example's included, is left as it was.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(config_file.parent)
    times = []
    for build_number in range(2):
        config = load_config(str(config_file), site_dir=str(site_dir))
        if build_number == 0:  # as serve starts: plugins with on_startup live across builds
            config.plugins.on_startup(command="serve", dirty=False)
        started, cpu = time.perf_counter(), time.process_time()
        build(config)
        times.append({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - started})
    (site_dir.parent / "serve.json").write_text(json.dumps(times[-1]), encoding="utf-8")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs' own tags: ``!ENV`` resolved, others as text."""


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.SequenceNode):
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
        return os.environ.get(str(value)) if suffix == "ENV" else value
    names, default = (values := loader.construct_sequence(node))[:-1], values[-1]
    return next((os.environ[n] for n in names if n in os.environ), default)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def measure(command: list[str], log: Path, timeout: float) -> Run:
    """Run ``command`` in a process group of its own; return its times and peak memory."""
    report = log.with_suffix(".time")
    wrapped = [str(TIME), "-v", "-o", str(report), *command] if TIME.exists() else command
    # As installed packages run: from bytecode (compiled in main), not recompiled each time.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    with log.open("w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True
        )
        # wait4 gives this child's own usage and peak, not the maximum over all children.
        while not (waited := os.wait4(process.pid, os.WNOHANG))[0]:
            if time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                waited = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(waited[1])
    cpu, peak = waited[2].ru_utime + waited[2].ru_stime, waited[2].ru_maxrss / 1024
    if report.exists() and (found := re.search(r"Maximum resident.*: (\d+)", report.read_text())):
        peak = int(found.group(1)) / 1024
    status = "ok" if code == 0 else "killed" if wall > timeout else f"exit {code}"
    if code:
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        print(f"  FAILED ({status}): {' '.join(command)}", *tail, sep="\n    ", flush=True)
    return Run(wall, cpu, peak, status)


def measure_project(config: Path, out: Path, timeout: float, repeat: int = 1) -> Row:
    """Measure export, full build, and the plain builds of one project (best of ``repeat``)."""
    for stale in ("plain", "sources", "texts", "stats.json"):
        shutil.rmtree(out / stale, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    row = Row(out.name, load=[os.getloadavg()[0]])
    mkdocs = [str(BIN / "mkdocs"), "build", "-f"]
    commands = {
        "export": [str(BIN / "briefing"), "export", "-f", str(config)],
        "build": [*mkdocs, str(config), "-d", str(out / "site")],
        "rebuild": [*mkdocs, str(config), "-d", str(out / "site")],
        "serve": [sys.executable, str(Path(__file__).resolve()), "--serve-rebuild", str(config)],
        "pages": [sys.executable, str(Path(__file__).resolve()), "--plain-sites", str(config)],
        "plain": [*mkdocs, str(out / "plain" / "mkdocs.yml")],
        "sources": [*mkdocs, str(out / "sources" / "mkdocs.yml")],
        "texts": [*mkdocs, str(out / "texts" / "mkdocs.yml")],
        "plain-serve": [
            *(sys.executable, str(Path(__file__).resolve()), "--serve-rebuild"),
            *(str(out / "plain" / "mkdocs.yml"), str(out / "plain" / "serve-site")),
        ],
    }
    commands["pages"].append(str(out))
    commands["serve"].append(str(out / "serve-site"))
    for attempt, (what, command) in itertools.product(range(repeat), commands.items()):
        plain = what in ("plain", "sources", "texts", "plain-serve")
        if plain and not (out / "stats.json").exists():
            continue
        if what in ("rebuild", "serve") and row.runs["build"].status != "ok":
            continue
        if what in ("export", "build"):  # cold: the rebuild after it finds the analysis cached
            shutil.rmtree(config.parent / CACHE, ignore_errors=True)
        run = measure(command, out / f"{what}-{attempt}.log", timeout)
        if what.endswith("serve") and run.status == "ok":  # the second build alone
            folder = out / "plain" if what == "plain-serve" else out
            second = json.loads((folder / "serve.json").read_text(encoding="utf-8"))
            run = Run(second["wall"], second["cpu"], run.peak_mb, run.status)
        if what not in row.runs or (run.status == "ok" and not run.cpu > row.get(what)[0]):
            row.runs[what] = run
        if run.status == "killed" and what in ("export", "pages"):
            break  # every later run repeats the same analysis, and more
        if what == "pages" and run.status == "ok":
            row.stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    row.load.append(os.getloadavg()[0])
    return row


def report(rows: list[Row], example: Row | None) -> str:
    """Return the table of measurements and the targets, as Markdown.

    Times are CPU seconds (user + system) unless marked wall: on a shared machine that is what
    an idle one would take as wall time, as every command here runs on one core. ">" marks
    what a killed run used before it was killed. The rebuild is a second ``mkdocs build`` that
    finds the analysis in the cache, as after an edit of annotations only, in a process of its
    own; serve is the second of two builds in one process, as ``mkdocs serve`` rebuilds, and
    plain serve the same for the plain pages.
    """
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    growth = {"analysis": math.nan, "export": math.nan}
    for previous, row in zip([None, *rows, None], [*rows, example], strict=False):
        if row is None:
            continue
        rise = {"analysis": math.nan, "export": math.nan}
        if previous is not None and row is not example:
            doublings = math.log2(int(row.name[1:]) / int(previous.name[1:]))
            times = {
                "analysis": (row.stats.get("analysis_s"), previous.stats.get("analysis_s")),
                "export": (row.get("export")[0], previous.get("export")[0]),
            }
            for what, (now, before) in times.items():
                if now and before:
                    rise[what] = (now / before) ** (1 / doublings)
                    worst = growth[what]
                    growth[what] = rise[what] if math.isnan(worst) else max(worst, rise[what])
        cells = [
            row.name if row is example else row.name[1:],
            *(row.stats.get(k, "-") for k in ("statements", "links", "clusters")),
        ]
        cells.append(_f((row.stats.get("analysis_s", math.nan), False)))
        for what in ("export", "build"):
            cells += [_f(row.get(what)), _f(row.get(what, "wall")), _f(row.get(what, "peak_mb"), 0)]
        named = ("rebuild", "serve", "plain", "plain-serve", "sources", "texts")
        cells += [_f(row.get(what)) for what in named]
        cells += [_f(row.get("build", base=base), 2) for base in ("plain", "sources", "texts")]
        cells.append(_f(row.get("rebuild", base="sources"), 2))
        cells.append(_f(row.get("serve", base="plain-serve"), 2))
        cells += [_f((rise["analysis"], False), 2), _f((rise["export"], False), 2)]
        cells.append("-".join(f"{load:.1f}" for load in row.load))
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    targets = []
    if large := next((r for r in rows if r.name == "n1000"), rows[-1] if rows else None):
        at = "" if large.name == "n1000" else f" (at N={large.name[1:]}, not 1,000)"
        wall = _f(large.get("export", "wall"))
        targets += [
            (f"export < 60 s{at}; wall {wall} s", large.get("export"), EXPORT_SECONDS),
            (f"export peak < 2 GB{at}", large.get("export", "peak_mb"), EXPORT_MB),
            (f"build / source pages as plain{at}", large.get("build", base="sources"), BUILD_RATIO),
            (
                f"rebuild, analysis cached / source pages as plain{at}",
                large.get("rebuild", base="sources"),
                BUILD_RATIO,
            ),
            (
                f"serve rebuild / plain serve rebuild{at}",
                large.get("serve", base="plain-serve"),
                REBUILD_RATIO,
            ),
        ]
    worst = (growth["analysis"], False)
    targets.append(("analysis time growth per doubling of the sources (worst)", worst, GROWTH))
    worst = (growth["export"], False)
    targets.append(
        ("export time growth per doubling (worst; the analysis and more)", worst, GROWTH)
    )
    if example is not None:
        times = f"{_f(example.get('build'), 2)} s / {_f(example.get('plain'), 2)} s"
        targets.append(
            (f"example: build / plain ({times})", example.get("build", base="plain"), EXAMPLE_RATIO)
        )
        times = f"{_f(example.get('rebuild'), 2)} s / {_f(example.get('plain'), 2)} s"
        ratio = example.get("rebuild", base="plain")
        name = f"example: rebuild, analysis cached / plain ({times})"
        targets.append((name, ratio, EXAMPLE_RATIO))
        ratio = example.get("serve", base="plain-serve")
        targets.append(("example: serve rebuild / plain serve rebuild", ratio, REBUILD_RATIO))
    lines += ["", "| target | measured | limit | result |", "| --- | --- | --- | --- |"]
    for name, (value, bound), limit in targets:
        verdict = "no data" if math.isnan(value) or (bound and value <= limit) else "PASS"
        verdict = "FAIL" if value > limit else verdict
        lines.append(f"| {name} | {_f((value, bound), 2)} | {limit:g} | {verdict} |")
    if large is not None:
        # Not a target: the baseline is the source pages; the texts show what the
        # statements and their links cost MkDocs on those pages.
        ratio = _f(large.get("build", base="texts"), 2)
        lines += ["", f"For reference: build / the sources' own texts as plain{at}: {ratio}"]
    return "\n".join(lines)


def _f(value: tuple[float, bool], digits: int = 1) -> str:
    number, bound = value
    return "-" if math.isnan(number) else f"{'>' if bound else ''}{number:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, measure them, print the table; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 2000])
    parser.add_argument("--quick", action="store_true", help="sizes 50 and 100 only")
    parser.add_argument("--from", dest="folder", type=Path, help="a folder of real articles")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--workdir", type=Path, help="keep the projects here (default: temp)")
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds per process")
    parser.add_argument("--no-example", action="store_true", help="skip the example briefing")
    parser.add_argument("--example-only", action="store_true", help="no synthetic corpora")
    parser.add_argument("--plain-sites", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve-rebuild", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain_sites:
        write_plain_sites(*args.plain_sites)
        return 0
    if args.serve_rebuild:
        serve_rebuild(*args.serve_rebuild)
        return 0
    # pip compiles an installed package's modules; an editable install compiles them on first
    # use, unless PYTHONDONTWRITEBYTECODE is set (it is on some machines): then every process
    # would compile the generator's 40 modules again, which is not what a user's build does.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    articles = load_pool([args.folder] if args.folder else [p for p in POOLS if p.is_dir()])
    work = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-scale-"))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"{os.cpu_count()} cores, {memory:.1f} GiB, Python {sys.version.split()[0]}, {work}")
    rows = []
    for count in [] if args.example_only else [50, 100] if args.quick else args.sizes:
        config = make_project(work / f"n{count}", count, articles, args.seed)
        rows.append(measure_project(config, work / f"n{count}", args.timeout))
        print(f"  N={count}: {rows[-1]}", flush=True)
        if any(run.status == "killed" for run in rows[-1].runs.values()):
            break  # a larger corpus would only take longer
    example = None
    if not args.no_example:
        example = measure_project(ROOT / "mkdocs.yml", work / "example", args.timeout, repeat=3)
    print(report(rows, example))
    return 0


if __name__ == "__main__":
    sys.exit(main())
