"""The command line: a thin layer over :mod:`exposure.api`. Exit codes: 0 ok, 1 bad input (a located
one-line message per problem), 2 usage error, 3 internal error (a bug: please report it)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from .model.problems import InputError

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain, conventional help: flags without a type, options as click prints them
    help="Legal exposure calculator: for an incident, who risks what, where — with citations. Not legal advice.",
)

EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


class Format(StrEnum):
    table = "table"
    json = "json"


AssumeOption = typer.Option(
    None,
    "--assume",
    metavar="ID=yes|no",
    help="Settle an open question of law, e.g. ie-coco-synthetic=yes (repeatable); 'defaults' takes each pack's "
    "default reading for the others.",
)
SetOption = typer.Option(
    None,
    "--set",
    metavar="NAME=VALUE",
    help="What if: set a fact (minor=true), a party's fact or act (party.platform.knowledge=false), or a question "
    "of law, to true, false or unknown, without editing the file (repeatable).",
)
RulesOption = typer.Option(
    None, "--rules", metavar="DIR", help="A folder of packs that add to or replace the shipped ones (repeatable)."
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"exposure {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Legal exposure calculator: for an incident, who risks what, where — with citations. Not legal advice."""


def _fail_input(exc: InputError) -> None:
    for problem in exc.problems:
        print(str(problem), file=sys.stderr)
    raise typer.Exit(EXIT_INPUT)


def _usage(message: str) -> None:
    print(f"exposure: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_USAGE)


def _jurisdictions(values: list[str] | None, rules, option: str = "--in") -> list[str] | None:
    if not values:
        return None
    from .model.places import normalise_place

    codes: list[str] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            try:
                code = normalise_place(part)
            except ValueError as exc:
                _usage(f"{option}: {exc}")
            if code not in rules.packs:
                _usage(f"{option}: no rule pack for {code}; packs: {', '.join(rules.packs)}")
            codes.append(code)
    return list(dict.fromkeys(codes))


@app.command()
def assess(
    incident: Path | None = typer.Argument(
        None, help="The incident file (YAML; '-' reads standard input).", show_default=False
    ),
    jurisdictions: list[str] | None = typer.Option(
        None,
        "--in",
        metavar="CODES",
        help="Only these jurisdictions, e.g. FR,GB (default: those the incident's places trigger).",
    ),
    fmt: Format | None = typer.Option(
        None, "--format", "-f", help="Output format (default: table; --batch always writes JSON lines)."
    ),
    explain: bool = typer.Option(
        False, "--explain", "-x", help="Show each finding's trail (table; with --batch, include trails)."
    ),
    batch: Path | None = typer.Option(
        None,
        "--batch",
        metavar="FILE",
        help="A queue of incidents, one JSON object per line ('-' for stdin): one JSON result per line.",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for --batch."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="With --batch: write the result lines to FILE."
    ),
    summary: bool = typer.Option(
        False, "--summary", help="With --batch: each line only the tracks' maxima and the findings' ids and status."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The law as known on this date (default: today): a milder later law in force by then applies where the "
        "jurisdiction says so.",
    ),
    history: bool = typer.Option(False, "--history", help="Show every version of each offence found, with its dates."),
    deciding: bool = typer.Option(
        False,
        "--deciding",
        help="Also list, per party, the unknown facts that would change the answer, most decisive first.",
    ),
    assume: list[str] | None = AssumeOption,
    settings: list[str] | None = SetOption,
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """Assess an incident: per jurisdiction and party, the offences, maximum prison and fine, and why."""
    from . import api

    if (incident is None) == (batch is None):
        _usage("assess needs an INCIDENT file or --batch FILE (not both)")
    if batch is not None:  # a queue honours every option it accepts, and refuses the others
        if fmt is Format.table:
            _usage("--format table: --batch writes one JSON result per line (use --format json or leave it out)")
        if history:
            _usage("--history: not available with --batch (assess one incident file to see each offence's versions)")
        if deciding or settings:
            option = "--deciding" if deciding else "--set"
            _usage(f"{option}: not available with --batch (it works on one incident file)")
    else:
        for given, option in ((output, "--output"), (summary, "--summary"), (jobs != 1, "--jobs")):
            if given:
                _usage(f"{option}: works with --batch FILE only")
    try:
        doc = api.read_incident_file(incident) if incident is not None else None
        places = api.incident_places(doc) if doc is not None and not jurisdictions else None
        rules = _load_rules(tuple(rules_dirs or ()), places=places)
        selected = _jurisdictions(jurisdictions, rules)
        day = _as_of(as_of)
        if batch is not None:
            if assume:
                _usage("--assume: give each queued incident its own 'questions:' (--assume works with one file)")
            _assess_batch(batch, rules, tuple(rules_dirs or ()), selected, jobs, explain, day, output, summary)
            return
        assert doc is not None  # an incident file, not a batch
        loaded = _settled(_assumed(api.incident_from_document(doc, rules), rules, assume), rules, settings)
        engine = api.Engine(rules)
        result = engine.assess(loaded, selected, day)
        decided = api.deciding_facts(loaded, engine, selected, day) if deciding else None
    except InputError as exc:
        _fail_input(exc)
    if fmt is Format.json:
        from .render.json_out import assessment_dict, indented

        data = assessment_dict(result, history=history)
        if decided is not None:
            from .render.deciding_out import deciding_json

            data["deciding_facts"] = deciding_json(decided)
        sys.stdout.write(indented(data) + "\n")
        return

    from .render.table import render as render_table

    lines = None
    if decided is not None:
        from .render.deciding_out import deciding_lines

        lines = deciding_lines(decided)
    render_table(result, _console(), explain=explain, history=history, deciding=lines)


def _console():
    """A console as wide as the terminal (the layouts adapt down to 60 columns); 100 columns when the output is
    piped and COLUMNS does not say."""
    import os

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich exits 1 there; the reader closing the pipe is no failure
            _quiet_stdout()
            raise SystemExit(0)

    # emoji=False: a title's ":smile:" is text (each renderer gives outside text to rich as Text, never markup)
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        return _Console(width=100, emoji=False)
    return _Console(emoji=False)


def _settled(incident, rules, settings):
    """The incident with --set applied (a bad setting is a usage error)."""
    return _applied(incident, rules, settings, "--set", "with_settings")


def _assumed(incident, rules, settings):
    """The incident with --assume applied (a bad setting is a usage error)."""
    return _applied(incident, rules, settings, "--assume", "with_assumptions")


def _applied(incident, rules, settings, option: str, how: str):
    if not settings:
        return incident
    from . import api

    try:
        return getattr(api, how)(incident, rules, settings)
    except ValueError as exc:
        _usage(f"{option}: {exc}")


def _load_rules(rule_dirs: tuple, places=None):
    """The rules for one command. The cyclic garbage collector is paused while they load (loading allocates tens of
    thousands of objects, none of them garbage, and the collections they would trigger walk the whole process for
    nothing); then the rules, which live until the command ends, are moved out of its sight (:func:`gc.freeze`), so
    that no later collection, nor the one at exit, walks them again. A command-line process only: a library
    caller decides this for its own process."""
    import gc

    from . import api

    paused = gc.isenabled()
    gc.disable()
    try:
        rules = api.load_rules(rule_dirs, places=places)
    finally:
        if paused:
            gc.enable()
    gc.freeze()
    return rules


def _as_of(text: str | None, option: str = "--as-of"):
    if text is None:
        return None
    from datetime import date

    try:
        if len(text) != 10:
            raise ValueError("write YYYY-MM-DD")
        return date.fromisoformat(text)
    except ValueError as exc:
        _usage(f"{option}: '{text}' is not a date written YYYY-MM-DD ({exc})")


def _assess_batch(
    path: Path, rules, rule_dirs, selected, jobs: int, explain: bool, as_of, output: Path | None, summary: bool
) -> None:
    import os

    from .batch import bounded_lines, run, settle_for_a_long_run
    from .load.yaml_source import open_regular

    name = "<stdin>" if str(path) == "-" else str(path)
    what = "a queue file, one JSON incident per line ('--batch -' reads a stream)"
    handle = sys.stdin.buffer if str(path) == "-" else open_regular(path, name, what)
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        print(f"exposure: --jobs {jobs} capped at {cpus}, the number of CPUs", file=sys.stderr)
        jobs = cpus
    bad = 0
    progress = None
    settle_for_a_long_run()
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True, console=__import__("rich.console").console.Console(stderr=True))
        task = progress.add_task("assessing", total=None)
        progress.start()
    try:
        sink = sys.stdout if output is None else output.open("w", encoding="utf-8")
    except OSError as exc:
        _usage(f"--output: cannot write {output}: {exc.strerror or exc}")
    lines = bounded_lines(handle)
    results = run(lines, name, rules, rule_dirs, selected, jobs=jobs, explain=explain, as_of=as_of, summary=summary)
    try:
        with handle:
            for result in results:
                if result.output is None:
                    bad += 1
                    for problem in result.problems:
                        print(str(problem), file=sys.stderr)
                else:
                    sink.write(result.output + "\n")
                if progress is not None:
                    progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
        if output is not None:
            sink.close()
    if bad:
        print(f"exposure: {bad} bad line(s) skipped", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


@app.command()
def compare(
    incident: Path = typer.Argument(
        ..., help="The incident file (YAML; '-' reads standard input).", show_default=False
    ),
    jurisdictions: list[str] | None = typer.Option(
        None, "--in", metavar="CODES", help="Only these jurisdictions (default: every pack)."
    ),
    party: str | None = typer.Option(None, "--party", metavar="ID", help="Only this party."),
    currency: str = typer.Option("EUR", "--currency", "-c", metavar="CODE", help="Currency to convert fines into."),
    rates: list[str] | None = typer.Option(
        None, "--rate", metavar="CUR=PER_EUR", help="Override a rate, e.g. GBP=0.87 (repeatable)."
    ),
    fmt: CompareFormat = typer.Option(CompareFormat.table, "--format", "-f", help="Output format."),
    save: Path | None = typer.Option(
        None, "--save", metavar="FILE", help="Also write a report: FILE.html or FILE.svg (with bar charts)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", help="The law as known on this date (default: today)."
    ),
    vary: str | None = typer.Option(
        None,
        "--vary",
        metavar="NAME",
        help="Show the comparison for each value of a fact (minor, party.platform.knowledge), one after the other.",
    ),
    assume: list[str] | None = AssumeOption,
    settings: list[str] | None = SetOption,
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """Compare jurisdictions side by side, fines converted into one currency with dated reference rates."""
    from . import api
    from .load.rates import parse_override
    from .model.money import ISO_4217
    from .render import compare_out

    code = currency.strip().upper()
    if code not in ISO_4217:
        _usage(f"--currency: '{currency}' is not an ISO 4217 currency code")
    overrides = {}
    for text in rates or ():
        try:
            key, value = parse_override(text)
        except ValueError as exc:
            _usage(str(exc))
        overrides[key] = value
    if save is not None and save.suffix.lower() not in (".html", ".htm", ".svg"):
        _usage("--save: the report file must end in .html or .svg")
    try:
        rules = _load_rules(tuple(rules_dirs or ()))
        selected = _jurisdictions(jurisdictions, rules)
        loaded = _settled(_assumed(api.load_incident(incident, rules), rules, assume), rules, settings)
        if party is not None and party not in {p.id for p in loaded.parties}:
            _usage(f"--party: no party '{party}' in the incident (parties: {', '.join(p.id for p in loaded.parties)})")
        if vary is not None:
            if save is not None:
                _usage("--save: one report per comparison; leave out --vary to save one")
            variants = [
                (value, api.comparison(variant, rules, code, selected, party, overrides, None, _as_of(as_of)))
                for value, variant in ((v, _settled(loaded, rules, [f"{vary}={v}"])) for v in ("true", "false"))
            ]
            _render_variants(vary, variants, fmt)
            return
        result = api.comparison(loaded, rules, code, selected, party, overrides, None, _as_of(as_of))
    except InputError as exc:
        _fail_input(exc)
    if fmt is CompareFormat.json:
        sys.stdout.write(compare_out.render_json(result))
    elif fmt is CompareFormat.markdown:
        sys.stdout.write(compare_out.render_markdown(result))
    elif fmt is CompareFormat.csv:
        sys.stdout.write(compare_out.render_csv(result))
    else:
        compare_out.render_table(result, _console())
    if save is not None:
        text = compare_out.render_svg(result) if save.suffix.lower() == ".svg" else compare_out.render_html(result)
        try:
            save.write_text(text, encoding="utf-8")
        except OSError as exc:
            _usage(f"--save: cannot write {save}: {exc.strerror or exc}")
        print(f"exposure: report written to {save}", file=sys.stderr)


@app.command()
def interview(
    incident: Path | None = typer.Argument(
        None, help="A partial incident to start from (default: ask for the basics first).", show_default=False
    ),
    jurisdictions: list[str] | None = typer.Option(
        None, "--in", metavar="CODES", help="Only these jurisdictions (default: those the places trigger)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Where to write the completed incident (default: interview.yaml)."
    ),
    as_of: str | None = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="The law as known on this date."),
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """Ask only the facts that still decide something, most decisive first (y, n or ? for don't know); then write
    the completed incident and print its assessment. Answers come from standard input when it is not a terminal."""
    from . import api
    from .interview import Interview, basics, incident_yaml, run

    target = output or Path("interview.yaml")
    if output is None and target.exists():
        _usage(f"--output: {target} exists; name the file to write with --output FILE")
    interactive = sys.stdin.isatty()
    lines = None if interactive else iter(sys.stdin.readline, "")

    def ask(prompt: str) -> str | None:
        if interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        print(prompt.rstrip(), file=sys.stderr)  # scripted: each question and the answer read are logged
        line: str | None = next(lines, None) if lines is not None else None
        if line is None:
            return None
        print(f"  > {line.strip()}", file=sys.stderr)
        return line.rstrip("\n")

    def progress(text: str) -> None:
        print(f"[{text}]", file=sys.stderr if not interactive else sys.stdout)

    day = _as_of(as_of)
    try:
        rules = _load_rules(tuple(rules_dirs or ()))
        selected = _jurisdictions(jurisdictions, rules)
        start = api.load_incident(incident, rules) if incident is not None else basics(ask, rules)
        if start is None:
            _usage("interview: the answers ended before the basics (title, date, places, party) were given")
        assert start is not None  # _usage exits
        engine = api.Engine(rules)
        state = Interview(start)
        try:
            run(state, ask, engine, selected, day, progress)
        except KeyboardInterrupt:
            _write_interview(target, incident_yaml(state))
            print(f"exposure: interrupted; the answers so far are in {target}", file=sys.stderr)
            raise typer.Exit(130) from None
        _write_interview(target, incident_yaml(state))
        result = engine.assess(state.incident, selected, day)
    except InputError as exc:
        _fail_input(exc)
    how = "nothing left would change the answer" if state.finished else "the answers ended"
    print(f"exposure: {len(state.asked)} question(s) asked, {how}; the incident is in {target}", file=sys.stderr)
    from .render.table import render as render_table

    render_table(result, _console())


def _write_interview(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _usage(f"--output: cannot write {path}: {exc.strerror or exc}")


def _render_variants(name: str, variants, fmt) -> None:
    """``compare --vary``: a comparison for each value of one fact, in the chosen format."""
    import json

    from .render import compare_out

    if fmt is CompareFormat.json:
        data = {
            "vary": name,
            "variants": [{"value": value == "true", "comparison": compare_out.as_dict(c)} for value, c in variants],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is CompareFormat.csv:
        lines: list[str] = []
        for i, (value, c) in enumerate(variants):
            rows = compare_out.render_csv(c).splitlines()
            header, body = rows[0], rows[1:]
            if i == 0:
                lines.append(f"{name},{header}")
            lines += [f"{value},{row}" for row in body]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    console = _console() if fmt is CompareFormat.table else None
    for value, c in variants:
        if console is not None:
            from rich.text import Text

            console.rule(Text(f"{name} = {value}"))
            compare_out.render_table(c, console)
        else:
            sys.stdout.write(f"## {name} = {value}\n\n" + compare_out.render_markdown(c) + "\n")


@app.command()
def packs(
    codes: list[str] | None = typer.Argument(
        None, help="List the offences of these packs (e.g. FR GB).", show_default=False
    ),
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """List the rule packs (code, name, tracks, offences, the date their sources were checked, where they apply);
    with pack codes, each pack's offences with their citations."""
    try:
        rules = _load_rules(tuple(rules_dirs or ()))
    except InputError as exc:
        _fail_input(exc)
    wanted = _jurisdictions(codes, rules, "packs") if codes else None
    if wanted is None:
        for pack in rules.packs.values():
            places = ",".join(sorted(pack.applies_in))
            tracks = ",".join(pack.tracks)
            level = f"subdivision of {pack.parent}" if pack.level == "subdivision" else pack.level
            print(
                f"{pack.code}\t{pack.name.en}\t{level}\t{len(pack.offences)} offences\ttracks {tracks}\t"
                f"checked {pack.checked}\tapplies in {places}"
            )
        return
    for code in wanted:
        pack = rules.packs[code]
        print(f"{pack.code} {pack.name.en} ({pack.name.local}) — checked {pack.checked}")
        for offence in pack.offences:
            cite = offence.cite.cite if offence.cite else ""
            print(f"  {offence.id}\t[{offence.track}]\t{offence.title.en}\t{cite}")
        for measure in pack.measures:
            print(f"  {measure.id}\t[measure]\t{measure.title.en}\t{measure.evidence.source.cite}")


@app.command()
def facts(
    jurisdictions: list[str] | None = typer.Option(
        None, "--in", metavar="CODES", help="Only the names these packs read, e.g. FR,GB (default: every name)."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format (table: plain text)."),
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """List every fact, act and quantity an incident may state: where it goes, what it means, its synonyms, and
    which packs read it; then the open questions of law."""
    from .render.vocabulary_out import facts_json, facts_text

    try:
        rules = _load_rules(tuple(rules_dirs or ()))
    except InputError as exc:
        _fail_input(exc)
    selected = _jurisdictions(jurisdictions, rules)
    packs = [rules.packs[c] for c in selected] if selected else list(rules.packs.values())
    render = facts_json if fmt is Format.json else facts_text
    sys.stdout.write(render(rules.vocabulary, packs, only_read=bool(selected)))


@app.command()
def new(
    jurisdictions: list[str] = typer.Option(
        ..., "--in", metavar="CODES", help="The places of the incident, e.g. FR,GB: the facts their packs read."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write it to FILE (never over an existing file)."
    ),
    day: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="The incident's date (default: today)."),
    rules_dirs: list[Path] | None = RulesOption,
) -> None:
    """Write a commented starter incident for these places: every fact and act their packs read, with its
    meaning, left unknown until you state it."""
    from datetime import date

    from .model.places import normalise_place
    from .render.vocabulary_out import starter_incident

    places: list[str] = []
    for value in jurisdictions:
        for part in value.split(","):
            if part.strip():
                try:
                    places.append(normalise_place(part.strip()))
                except ValueError as exc:
                    _usage(f"--in: {exc}")
    try:
        rules = _load_rules(tuple(rules_dirs or ()), places=frozenset(places))
    except InputError as exc:
        _fail_input(exc)
    packs = [p for p in rules.packs.values() if p.applies_in & set(places)]
    if not packs:
        _usage(f"--in: no rule pack applies in {', '.join(places)}; packs: see `exposure packs`")
    text = starter_incident(rules.vocabulary, packs, list(dict.fromkeys(places)), _as_of(day, "--date") or date.today())
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        _usage(f"--output: {output} exists; choose another name")
    except OSError as exc:
        _usage(f"--output: cannot write {output}: {exc.strerror or exc}")
    print(f"exposure: wrote {output}; fill it in, then: exposure assess {output}", file=sys.stderr)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command()
def check(
    paths: list[Path] | None = typer.Argument(
        None, help="Pack files, test files or folders (default: the shipped packs)."
    ),
    fmt: CheckFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="text (default), json, or github (workflow annotations; the default under GitHub Actions).",
    ),
    max_age: int = typer.Option(
        365, "--max-age", metavar="DAYS", min=1, max=36500, help="Warn when a source was checked longer ago than this."
    ),
    disable: list[str] | None = typer.Option(
        None, "--disable", metavar="ID", help="Do not run this rule, e.g. L312 (repeatable)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too (exit 1)."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List every rule with its documentation, and exit."),
    rules_format: RulesFormat = typer.Option(
        RulesFormat.text, "--rules-format", help="How --list-rules prints: text or markdown."
    ),
) -> None:
    """Check rule packs: schema and references, legal sanity rules, then each pack's test cases.

    Every problem is one line `file:line:col: code: message`; exit 1 if there is any error (or, with --strict,
    any warning)."""
    import os

    from .check.runner import check as run_check
    from .check.runner import unknown_rules
    from .render import check_out

    if list_rules:
        from .check.rules import listing, reference

        sys.stdout.write(reference() if rules_format is RulesFormat.markdown else listing())
        return
    disabled = frozenset(code.strip().upper() for value in disable or () for code in value.split(",") if code.strip())
    unknown = unknown_rules(sorted(disabled))
    if unknown:
        _usage(f"--disable: no rule {', '.join(unknown)} (see exposure check --list-rules)")
    report = run_check(list(paths or []), max_age_days=max_age, disabled=disabled)
    chosen = fmt or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text)
    if chosen is CheckFormat.json:
        sys.stdout.write(check_out.as_json(report))
    elif chosen is CheckFormat.github:
        sys.stdout.write(check_out.as_github(report))
        print(check_out.summary(report), file=sys.stderr)
    else:
        sys.stdout.write(check_out.as_text(report))
        print(check_out.summary(report), file=sys.stderr)
    if report.errors or (strict and report.problems):
        raise typer.Exit(EXIT_INPUT)


class SchemaKind(StrEnum):
    pack = "pack"
    incident = "incident"
    docs = "docs"


@app.command()
def schema(
    kind: SchemaKind = typer.Argument(..., help="pack, incident, or docs (the pack-format reference, Markdown)"),
) -> None:
    """Print the JSON Schema (draft-07) of rule packs or incidents, for editors and other tools; or the pack-format
    reference that docs/pack-format.md holds."""
    import json

    from . import api
    from .load.schemas import incident_schema, pack_schema

    if kind is SchemaKind.docs:
        from .load.pack_format import reference

        sys.stdout.write(reference())
        return
    if kind is SchemaKind.pack:
        data = pack_schema()
    else:
        try:
            data = incident_schema(api.load_rules().vocabulary)
        except InputError as exc:
            _fail_input(exc)
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


class _Terminated(Exception):
    """SIGTERM arrived: stop as for Ctrl-C (worker processes are terminated by their pool on the way out)."""


def _on_sigterm(signum, frame) -> None:
    raise _Terminated


def _quiet_stdout() -> None:
    """After the reader of our output went away (``| head``): point stdout at /dev/null, so that the flush at
    exit does not fail again (the recipe of the :mod:`signal` documentation, "Note on SIGPIPE")."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _app_for(args: list[str]) -> typer.Typer:
    """The application with only the command being run, when the first argument names one; else all of it.

    Why: typer builds the parameters of every command before it dispatches to one, work that a start spends on
    commands it will not run. With the one command, its options, help and errors are the same; no argument,
    ``--help``, ``--version`` or a mistyped command get the whole application, its list of commands and its
    suggestions."""
    import copy

    from typer.main import get_command_name

    wanted = [
        info
        for info in app.registered_commands
        if args and (info.name or get_command_name(info.callback.__name__ if info.callback else "")) == args[0]
    ]
    if len(wanted) != 1:
        return app
    single = copy.copy(app)
    single.registered_commands = wanted
    return single


def main() -> None:
    """Console entry point: turns any unexpected exception into exit code 3 without a traceback. A closed pipe
    (``exposure ... | head``) ends quietly with 0, as the reader asked for no more; an operating-system error
    (a full disk, a file that vanished) is said in one line, with exit code 1."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        _app_for(sys.argv[1:])()
        sys.stdout.flush()
    except SystemExit as exc:
        if exc.code == 1 and type(sys.stdout).__name__.lstrip("_") == "PacifyFlushWrapper":
            sys.exit(0)  # click's way of saying that the reader closed the pipe: not a failure of ours
        raise
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        print("exposure: interrupted", file=sys.stderr)
        sys.exit(130)
    except _Terminated:
        print("exposure: terminated", file=sys.stderr)
        sys.exit(143)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"exposure: {exc.strerror or exc}{where}", file=sys.stderr)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - a bug, not bad input: say so plainly, without a traceback
        print(f"exposure: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
