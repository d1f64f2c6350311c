"""What `import remediation` costs: nothing it does not need to build and evaluate plans."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_library_leaves_reports_and_optional_packages_for_later() -> None:
    code = (
        "import sys, remediation\n"
        "lazy = ['remediation.io.formats', 'remediation.io.converter', 'remediation.io.schema',"
        " 'remediation.examples', 'cattrs', 'yaml', 'matplotlib', 'pandas', 'hypothesis']\n"
        "loaded = [m for m in sys.modules if m in lazy or m.startswith('remediation.render')]\n"
        "print(sorted(loaded))\n"
        "remediation.to_dot\n"
        "print('remediation.render.diagrams' in sys.modules)\n"
        "plan = remediation.examples.issue_1176()\n"
        "print(remediation.loads(remediation.dumps(plan)) == plan)\n"
    )
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == ["[]", "True", "True"]
