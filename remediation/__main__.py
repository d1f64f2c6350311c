"""``python -m remediation``: the command line."""

from remediation.cli import main

raise SystemExit(main())
