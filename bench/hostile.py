"""Hostile and malformed input, tried against the command line and the language server; prints
how many were handled as promised and how many gave a traceback, hung, or damaged a file.

Usage: python bench/hostile.py [--timeout 20] [--show]

Each case runs ``copydesk`` in a new process in its own folder, with a 2 GB address-space
limit. Handled means: exit 0, 1 or 2; no traceback; an exit 2 says why on standard error, one
line per problem; the files the case protects hold exactly what they should afterwards; the
language server answers every request after the bad bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Jens Stoltenberg spoke in Kyiv on Monday.\n"
Setup = Callable[[Path], None]


@dataclass
class Case:
    """One hostile input: files to write, the command to run, and what must hold after."""

    name: str
    setup: Setup
    args: list[str]
    stdin: bytes = b""
    expect_files: dict[str, bytes | None] = field(default_factory=dict)  # None: must load
    lsp: bool = False


def write(files: dict[str, str | bytes]) -> Setup:
    def setup(folder: Path) -> None:
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode() if isinstance(content, str) else content)

    return setup


def config_cases() -> list[Case]:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    values = [
        bomb,
        "packs: &a [*a]\n",
        "packs: " + "[" * 5000 + "]" * 5000 + "\n",
        "language: 2024-13-45\n",
        "packs: [!!int abc]\n",
        "fail_level: !!float abc\n",
        "language: !!timestamp abc\n",
        "fail_level: " + "9" * 5000 + "\n",
        "packs: [!!python/object/apply:os.system [echo owned]]\n",
        "packs: 5\n",
        "packs: [nope]\n",
        "severity: {names: loud}\n",
        "overrides: [{paths: 5}]\n",
        "vocabulary: {accept_patterns: ['(a|aa)+$']}\n",
        "vocabulary: {accept_patterns: ['(']}\n",
        "languagetool: {url: 5}\n",
        "max_file_size: lots\n",
        "? [a]\n: b\n",
        "- just\n- a list\n",
        "packs: [names]\n\tenable: [x]\n",
        "\ufeffpacks: [names]\n",
        "packs: [names]\x00\n",
        "packs: 'x" + "y" * 100_000 + "'\n",
        "",
        "# only a comment\n",
    ]
    cases = [
        Case(
            f"config {value[:30]!r}",
            write({".copydesk.yaml": value, "a.md": GOOD}),
            ["check", "a.md"],
        )
        for value in values
    ]
    cases.append(
        Case(
            "config not UTF-8",
            write({".copydesk.yaml": b"packs: [\xff]\n", "a.md": GOOD}),
            ["check", "a.md"],
        )
    )
    cases.append(
        Case("config is a folder", write({".copydesk.yaml/x": "", "a.md": GOOD}), ["check", "a.md"])
    )
    toml = {
        "deep": "[tool.copydesk]\nx = " + "[" * 2000 + "]" * 2000 + "\n",
        "big int": "[tool.copydesk]\nfail_level = " + "9" * 5000 + "\n",
        "bad value": "[tool.copydesk]\npacks = 5\n",
        "bad toml": "[tool.copydesk\n",
    }
    for name, text in toml.items():
        cases.append(
            Case(
                f"pyproject {name}",
                write({"pyproject.toml": text, "a.md": GOOD}),
                ["check", "a.md"],
            )
        )
    cases.append(
        Case(
            "pyproject not UTF-8 given with --config",
            write({"p/pyproject.toml": b"[tool.copydesk]\npacks = ['\xff']\n", "a.md": GOOD}),
            ["check", "--config", "p/pyproject.toml", "a.md"],
        )
    )
    return cases


def pack_cases() -> list[Case]:
    rule = "- id: house.{id}\n  kind: {kind}\n  severity: warning\n  message: {message}\n{extra}"
    packs = {
        "brace": rule.format(
            id="a", kind="substitution", message='"bad {match"', extra="  swap: {a: b}\n"
        ),
        "regex": rule.format(id="a", kind="pattern", message="x", extra="  pattern: '(a+)+$'\n"),
        "bad regex": rule.format(id="a", kind="pattern", message="x", extra="  pattern: '('\n"),
        "no kind": "- id: house.a\n  severity: warning\n",
        "unknown kind": rule.format(id="a", kind="nope", message="x", extra=""),
        "not a list": "id: house.a\n",
        "bad date": rule.format(
            id="a", kind="substitution", message="x", extra="  swap: {a: b}\n  as_of: 2024-02-30\n"
        ),
        "bad link": rule.format(
            id="a", kind="substitution", message="x", extra="  swap: {a: b}\n  link: 2024-13-01\n"
        ),
    }
    cases = [
        Case(
            f"pack {name}",
            write(
                {
                    "house.yaml": text,
                    ".copydesk.yaml": "packs: [names, house.yaml]\n",
                    "a.md": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n",
                }
            ),
            ["check", "a.md"],
        )
        for name, text in packs.items()
    ]
    cues = {"long cue line": "said\n" + "x " * 1000 + "\n", "cue file not UTF-8": b"said\n\xff\n"}
    for name, text in cues.items():
        cases.append(
            Case(
                name,
                write(
                    {
                        "cues.txt": text,
                        "house.yaml": "- id: house.claims\n  kind: unattributed-claim\n  severity: warning\n  message: x\n  cue_files: [cues.txt]\n",
                        ".copydesk.yaml": "packs: [house.yaml]\n",
                        "a.md": GOOD,
                    }
                ),
                ["check", "a.md"],
            )
        )
    return cases


def article_cases() -> list[Case]:
    def special(kind: str) -> Setup:
        def setup(folder: Path) -> None:
            (folder / "good.md").write_text(GOOD)
            target = folder / "bad.md"
            if kind == "fifo":
                os.mkfifo(target)
            elif kind == "zero":
                target.symlink_to("/dev/zero")
            elif kind == "folder":
                target.mkdir()
            elif kind == "broken link":
                target.symlink_to(folder / "missing.md")
            elif kind == "link loop":
                target.symlink_to(target)
            elif kind == "sparse 25 MB":
                with target.open("wb") as stream:
                    stream.truncate(25 * 1024 * 1024)

        return setup

    kinds = ["fifo", "zero", "folder", "broken link", "link loop", "sparse 25 MB"]
    cases = [
        Case(f"article {kind}", special(kind), ["check", "bad.md", "good.md"]) for kind in kinds
    ]
    texts: dict[str, str | bytes] = {
        "binary": b"\x00\x01\x02" * 100,
        "UTF-16": "Talks in Kyiv.\n".encode("utf-16"),
        "bad UTF-8": b"Talks in \xff Kyiv.\n",
        "escapes": "Talks \x1b]0;owned\x07 in \x1b[31mKiev\x1b[0m.\n",
        "deep list": "".join("  " * i + "- Stotenberg item\n" for i in range(300)),
        "deep quote": ">" * 5000 + " Stotenberg\n",
        "deep brackets": "[" * 50_000 + "Stotenberg" + "]" * 50_000 + "\n",
        "emphasis storm": "*a _b " * 40_000 + "\n",
        "long line": "Officials said prices rose 5% in Kiev. " * 20_000,
        "NFD": "Le Se\u0301cre\u0301taire ge\u0301ne\u0301ral Stotenberg.\n",
        "control chars": "Talks\x0b in\x0c Kiev\x1c.\r\r\n",
        "lone CR": "Talks in Kiev.\rMore talks.\r",
        "front matter": "---\ntitle: &a [*a]\n---\nTalks in Kiev.\n",
        "front matter bomb": "---\n"
        + "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\nText.\n",
        "suppression junk": "<!-- copydesk-disable " + "x," * 10_000 + " -->\nStotenberg.\n",
        "html": "<script>" + "<" * 100_000 + "</script>\n",
        "table": "|a|" * 20_000 + "\n|-|\n",
        "quotes": '"' * 100_000 + "\n",
    }
    for name, text in texts.items():
        cases.append(
            Case(
                f"article {name}",
                write({"bad.md": text, "good.md": GOOD}),
                ["check", "bad.md", "good.md"],
            )
        )
    cases.append(
        Case("named file missing", write({"good.md": GOOD}), ["check", "missing.md", "good.md"])
    )
    cases.append(
        Case(
            "escape in a file name",
            write({"x\x1b[31m.md": "Kiev.\n", "good.md": GOOD}),
            ["check", "."],
        )
    )
    return cases


def jsonl_cases() -> list[Case]:
    good = json.dumps({"id": 1, "text": GOOD})
    lines: dict[str, bytes] = {
        "invalid UTF-8": b'{"id": 0, "text": "\xff"}\n' + good.encode() + b"\n",
        "NaN id": b'{"id": NaN, "text": "x"}\n' + good.encode() + b"\n",
        "deep": b"[" * 100_000 + b"]" * 100_000 + b"\n" + good.encode() + b"\n",
        "BOM": b"\xef\xbb\xbf" + good.encode() + b"\n",
        "not an object": b"[1, 2]\n" + good.encode() + b"\n",
        "text not a string": b'{"text": 5}\n' + good.encode() + b"\n",
        "no newline at end": good.encode(),
        "record over the limit": json.dumps({"text": "word " * 5_000_000}).encode()
        + b"\n"
        + good.encode()
        + b"\n",
    }
    cases = [
        Case(f"jsonl {name}", write({"in.jsonl": data}), ["check", "--jsonl", "in.jsonl"])
        for name, data in lines.items()
    ]
    cases.append(
        Case(
            "jsonl from stdin, bad line",
            write({}),
            ["check", "--jsonl", "-"],
            stdin=lines["invalid UTF-8"],
        )
    )
    cases.append(Case("jsonl missing", write({}), ["check", "--jsonl", "missing.jsonl"]))
    cases.append(
        Case("jsonl is a folder", write({"in.jsonl/x": ""}), ["check", "--jsonl", "in.jsonl"])
    )

    def fifo(folder: Path) -> None:
        os.mkfifo(folder / "in.jsonl")

    cases.append(Case("jsonl FIFO", fifo, ["check", "--jsonl", "in.jsonl"]))
    return cases


def fix_cases() -> list[Case]:
    config = "packs: [names, terms, house]\n"
    article = "Mr Stoltenberg visited Kiev on Monday.\r\nThe mpox outbreak grew.\n"
    fixed = article.replace("Kiev", "Kyiv").encode()

    def linked(folder: Path) -> None:
        (folder / ".copydesk.yaml").write_text(config)
        (folder / "real.md").write_bytes(article.encode())
        (folder / "link.md").symlink_to("real.md")

    def hard(folder: Path) -> None:
        (folder / ".copydesk.yaml").write_text(config)
        (folder / "a.md").write_bytes(article.encode())
        os.link(folder / "a.md", folder / "b.md")

    return [
        Case(
            "fix CRLF and mpox",
            write({".copydesk.yaml": config, "a.md": article}),
            ["check", "--fix", "a.md"],
            expect_files={"a.md": fixed},
        ),
        Case(
            "fix through a link",
            linked,
            ["check", "--fix", "link.md"],
            expect_files={"real.md": fixed},
        ),
        Case("fix a hard link", hard, ["check", "--fix", "a.md"], expect_files={"b.md": fixed}),
        Case(
            "fix leaves guesses",
            write(
                {
                    ".copydesk.yaml": config,
                    "a.md": "Ms Sinclair and Ms Sinclaire spoke. Gorbonova and Gorbunova, Gorbunova.\n",
                }
            ),
            ["check", "--fix", "a.md"],
            expect_files={
                "a.md": b"Ms Sinclair and Ms Sinclaire spoke. Gorbonova and Gorbunova, Gorbunova.\n"
            },
        ),
    ]


def vocab_cases() -> list[Case]:
    layouts = {
        "block": "packs: [spelling]\nvocabulary:\n  accept:\n    - Zaluzhnyi\n",
        "flow": "packs: [spelling]\nvocabulary:\n  accept: [Zaluzhnyi, Syrskyi]\n",
        "inline map": "packs: [spelling]\nvocabulary: {accept: [A1]}\n",
        "empty list": "packs: [spelling]\nvocabulary:\n  accept: []\n",
        "four spaces": "packs: [spelling]\nvocabulary:\n    accept:\n        - Zaluzhnyi\n",
        "none": "packs: [spelling]\n",
    }
    words = ["'90s", "'tis", "- x", "yes", "a: b", "#tag", "Zelenskyy"]
    cases = []
    for layout, text in layouts.items():
        for word in words:
            cases.append(
                Case(
                    f"vocab add {word!r} to {layout}",
                    write({".copydesk.yaml": text, "a.md": GOOD}),
                    ["vocab", "add", word],
                    expect_files={".copydesk.yaml": None},
                )
            )
    for word in ["", "two\nlines"]:
        cases.append(
            Case(
                f"vocab add refused {word!r}",
                write({".copydesk.yaml": layouts["block"]}),
                ["vocab", "add", word],
                expect_files={".copydesk.yaml": layouts["block"].encode()},
            )
        )
    cases.append(
        Case(
            "vocab add in a pyproject project",
            write({"pyproject.toml": "[tool.copydesk]\npacks = ['spelling']\n"}),
            ["vocab", "add", "Zaluzhnyi"],
            expect_files={
                "pyproject.toml": b"[tool.copydesk]\npacks = ['spelling']\n",
                ".copydesk.yaml": b"<absent>",
            },
        )
    )
    return cases


def lsp_cases() -> list[Case]:
    def frame(body: bytes, length: int | str | None = None, newline: bytes = b"\r\n") -> bytes:
        stated = len(body) if length is None else length
        return b"Content-Length: " + str(stated).encode() + newline + newline + body

    def request(ident: int, method: str, params: object) -> bytes:
        return frame(
            json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}).encode()
        )

    init = request(1, "initialize", {"capabilities": {}})
    hover = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "$/nothing"}).encode()
    bad: dict[str, bytes] = {
        "length too small": frame(hover, 10),
        "length too large": frame(hover, 5000),
        "length not a number": frame(hover, "ten"),
        "length negative": frame(hover, -5),
        "length huge": frame(hover, 10**12),
        "no length": hover + b"\r\n",
        "LF-only headers": frame(hover, newline=b"\n"),
        "malformed JSON": frame(b'{"jsonrpc": "2.0", "id": '),
        "deep JSON": frame(b"[" * 100_000 + b"]" * 100_000),
        "not JSON-RPC": frame(b"[1, 2]"),
        "bad params": request(8, "textDocument/hover", {"x": 1}),
        "second initialize": request(9, "initialize", {"capabilities": {}}),
        "add word outside": request(
            10,
            "workspace/executeCommand",
            {"command": "copydesk.addToVocabulary", "arguments": ["file:///tmp/../etc/x.md", "w"]},
        ),
        "add word not a string": request(
            11,
            "workspace/executeCommand",
            {"command": "copydesk.addToVocabulary", "arguments": [5, {"a": 1}]},
        ),
    }
    before = request(
        2,
        "textDocument/hover",
        {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}},
    )
    return [
        Case(
            f"lsp {name}",
            write({}),
            ["lsp"],
            stdin=before + init + data + request(50, "shutdown", None),
            lsp=True,
        )
        for name, data in bad.items()
    ]


def run_case(case: Case, timeout: float) -> str:
    """'handled', 'traceback', 'hang' or 'data loss' (with a reason after a colon)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = Path(tmp)
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)  # the project root
        case.setup(folder)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "lint", *case.args],
                cwd=folder,
                input=case.stdin,
                capture_output=True,
                timeout=timeout,
                preexec_fn=_limit_memory,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        except subprocess.TimeoutExpired:
            return "hang"
        err = done.stderr.decode("utf-8", "replace")
        if "Traceback (most recent call last)" in err or done.returncode not in (0, 1, 2):
            return f"traceback: exit {done.returncode}: {err.strip().splitlines()[-1:]}"
        if case.lsp:
            return _lsp_verdict(done.stdout)
        if done.returncode == 2 and not err.strip():
            return "traceback: exit 2 with no message"
        for name, expected in case.expect_files.items():
            verdict = _file_verdict(folder / name, expected)
            if verdict:
                return f"data loss: {name}: {verdict}"
        return "handled"


def _file_verdict(path: Path, expected: bytes | None) -> str:
    if expected == b"<absent>":
        return "created" if path.exists() else ""
    if expected is not None:
        return "" if path.read_bytes() == expected else "changed"
    check = subprocess.run(
        [sys.executable, "-m", "lint", "check", "a.md"],
        cwd=path.parent,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return "the configuration no longer loads" if check.returncode == 2 else ""


def _lsp_verdict(out: bytes) -> str:
    ids = []
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        message = json.loads(rest[:length])
        out = rest[length:]
        if "traceback" in json.dumps(message.get("error", {})).lower():
            return "traceback: in an error reply"
        ids.append(message.get("id"))
    if 50 not in ids or 2 not in ids:
        return "traceback: the server stopped answering"
    return "handled"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def main() -> None:
    """Run every case and print the counts (and, with --show, each case not handled)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    cases = [
        *config_cases(),
        *pack_cases(),
        *article_cases(),
        *jsonl_cases(),
        *fix_cases(),
        *vocab_cases(),
        *lsp_cases(),
    ]
    counts: Counter[str] = Counter()
    for case in cases:
        verdict = run_case(case, args.timeout)
        counts[verdict.split(":")[0]] += 1
        if args.show or verdict != "handled":
            print(f"{case.name}: {verdict}", flush=True)
    print(
        f"inputs tried {len(cases)}, handled {counts['handled']}, tracebacks "
        f"{counts['traceback']}, hangs {counts['hang']}, data loss {counts['data loss']}"
    )


if __name__ == "__main__":
    main()
