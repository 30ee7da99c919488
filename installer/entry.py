"""Entry point of the frozen program: the same `yibao-desk` command (no arguments starts the window)."""

import sys

from yibao_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
