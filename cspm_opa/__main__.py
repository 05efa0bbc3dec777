"""``python -m cspm_opa``: the command line."""

from cspm_opa.cli import main

raise SystemExit(main())
