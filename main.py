"""Launcher for development runs and the PyInstaller build."""

from pos_gui.app import main

raise SystemExit(main())
