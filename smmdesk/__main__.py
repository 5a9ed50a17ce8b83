"""`python -m smmdesk`: the same as the `smmdesk` command."""

from smmdesk.app import main

raise SystemExit(main())
