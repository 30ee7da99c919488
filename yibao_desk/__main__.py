from __future__ import annotations

import sys

from yibao_desk.cli import main

sys.exit(main())
