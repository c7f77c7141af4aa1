from cmrt.cli import main

raise SystemExit(main())
