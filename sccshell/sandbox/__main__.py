from sccshell.sandbox.cli import main

raise SystemExit(main())
