"""The LanguageTool path, against a local server that speaks LanguageTool's HTTP API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs

import pytest

from tests.helpers import languagetool_down, run_cli, write

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"}]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Answers /v2/languages and /v2/check like LanguageTool: offsets in UTF-16 code units."""

    requests: ClassVar[list[dict[str, list[str]]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._send(LANGUAGES)
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = parse_qs(self.rfile.read(length).decode())
        FakeLanguageTool.requests.append(form)
        text = form["text"][0]
        matches = []
        index = text.find("a apple")
        if index >= 0:
            matches.append(
                {
                    "message": "Use 'an' instead of 'a' before a vowel.",
                    "shortMessage": "",
                    "replacements": [{"value": "an apple"}],
                    "offset": _utf16_len(text[:index]),
                    "length": _utf16_len("a apple"),
                    "context": {"text": text[:40], "offset": 0, "length": 7},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": "EN_A_VS_AN",
                        "description": "a vs an",
                        "issueType": "misspelling",
                        "category": {"id": "MISC", "name": "Miscellaneous"},
                    },
                }
            )
        self._send({"software": {"name": "LanguageTool"}, "matches": matches})


@pytest.fixture
def server() -> Iterator[str]:
    FakeLanguageTool.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v2/"
    httpd.shutdown()


def test_matches_become_findings_with_character_offsets(server: str, tmp_path: Path) -> None:
    text = "Rocket 🚀 launch: 𝒜 crowd ate a apple in Kyiv.\n"
    article = write(tmp_path / "a.md", text)
    write(tmp_path / ".copydesk.yaml", f"packs: [house]\nlanguagetool: {{url: '{server}'}}\n")
    result = run_cli("check", "-f", "json", str(article))
    findings = json.loads(result.out)["files"][0]["findings"]
    (finding,) = findings
    assert finding["rule"] == "languagetool.EN_A_VS_AN"
    assert finding["category"] == "grammar"
    assert finding["match"] == "a apple" == text[finding["start"] : finding["end"]]
    assert finding["replacements"] == ["an apple"]
    sent = FakeLanguageTool.requests[-1]
    assert "MORFOLOGIK_RULE_EN_US" in sent["disabledRules"][0]  # its spelling rule is off


def test_command_line_url(server: str, tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "They ate a apple.\n")
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    result = run_cli("check", "--languagetool", server, "-f", "json", str(article))
    assert [f["match"] for f in json.loads(result.out)["files"][0]["findings"]] == ["a apple"]


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "They ate a apple.\n")
    write(
        tmp_path / ".copydesk.yaml",
        "packs: [house]\nlanguagetool: {url: 'http://127.0.0.1:9/v2/', timeout: 2}\n",
    )
    result = run_cli("check", str(article))
    assert result.code == 2
    assert "LanguageTool server unreachable" in result.err
    assert "Traceback" not in result.err
    write(
        tmp_path / ".copydesk.yaml",
        "packs: [house]\n"
        "languagetool: {url: 'http://127.0.0.1:9/v2/', timeout: 2, on_error: warning}\n",
    )
    warned = run_cli("check", str(article))
    assert warned.code == 0 and "warning:" in warned.err


def test_a_server_that_is_down_is_tried_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = languagetool_down(tmp_path, "LanguageTool server unreachable", monkeypatch)
    articles = [str(write(tmp_path / f"{n}.md", "They ate a apple.\n")) for n in "abc"]
    result = run_cli("check", "-j", "1", *articles)
    assert len(calls) == 1
    assert result.err.count("unreachable") == 3
