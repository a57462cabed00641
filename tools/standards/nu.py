"""The W3C Nu checker (npm `vnu-jar`, run with Java): every HTML page and stylesheet in
one JVM, its JSON report read back per file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(files: list[Path]) -> dict[Path, list[str]]:
    """Errors per file (HTML by its extension `.html`, CSS by `.css`); none is [].

    Warnings and info messages are not errors: the Nu checker's own split."""
    if not files:
        return {}
    if not JAR.exists():
        raise SystemExit(f"The Nu checker is missing ({JAR}): run `make check-standards`.")
    command = ["java", "-Xss4m", "-jar", str(JAR), "--format", "json", "--stdout"]
    command += ["--exit-zero-always", "--also-check-css", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    found: dict[Path, list[str]] = {path.resolve(): [] for path in files}
    for message in json.loads(done.stdout)["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlparse(message.get("url", "")).path)).resolve()
        line = message.get("lastLine", "?")
        found.setdefault(path, []).append(f"line {line}: {message.get('message', '')}")
    return found
