"""The printers Qt sees (for the self-check and the settings page)."""

from __future__ import annotations


def available_printers() -> tuple[list[str], str]:
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication([])  # QPrinterInfo needs an application object
    return list(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName()
