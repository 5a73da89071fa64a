"""The notice reader is pure Python: it must not import Django, ever."""

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "shishi" / "notice"


def test_it_imports_without_django():
    code = (
        "import sys; import shishi.notice, shishi.notice.load; "
        "from shishi.notice import load_notice, parse_notice; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parents[1]
    )
    assert result.returncode == 0, f"django modules imported: {result.stdout} {result.stderr}"


def test_no_module_mentions_django_imports():
    offenders = [
        path.name
        for path in PACKAGE.glob("*.py")
        if "import django" in path.read_text(encoding="utf-8")
        or "from django" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
