from sccshell.cli import main

raise SystemExit(main())
