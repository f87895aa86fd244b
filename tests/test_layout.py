"""The apps' imports run one way (pyproject.toml's import-linter contracts).

A failure names the import that goes the wrong way; `lint-imports` prints
the whole chain.
"""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_imports_follow_the_layers():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_newsroom_holds_only_wiring():
    package = Path(settings.BASE_DIR) / "newsroom"
    modules = {path.name for path in package.glob("*.py")}
    assert modules == {
        "__init__.py",
        "settings.py",
        "urls.py",
        "wsgi.py",
        "asgi.py",
        "middleware.py",
    }
