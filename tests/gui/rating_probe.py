"""Run as `python -m tests.gui.rating_probe PLACEMENT` under an offscreen platform with one or two screens
(QT_QPA_PLATFORM=offscreen:configfile=…): the clerk's window on the first screen, the rating window placed as the
program places it; prints the screen each stands on as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtWidgets import QApplication, QMainWindow


def main(argv: list[str]) -> int:
    from yibao_desk.gui.rating_dialog import RatingDialog, place

    app = QApplication([])
    clerk = QMainWindow()
    first = app.screens()[0]
    clerk.setScreen(first)
    clerk.setGeometry(first.availableGeometry().adjusted(0, 0, -200, -200))
    clerk.show()
    dialog = RatingDialog({"case_number": "YYK-W03-20261203-0001", "service_name": "异地就医备案"}, "李收件", "", clerk)
    moved = place(dialog, argv[0], clerk)
    dialog.show()
    app.processEvents()
    g = dialog.geometry()
    print(
        json.dumps(
            {
                "screens": [s.name() for s in app.screens()],
                "clerk": clerk.screen().name(),
                "moved": moved,
                "dialog": dialog.screen().name(),
                "full_screen": dialog.isFullScreen(),
                "geometry": [g.x(), g.y(), g.width(), g.height()],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
