"""`python -m pos_gui` starts the till."""

from pos_gui.app import main

raise SystemExit(main())
