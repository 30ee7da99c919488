"""The PySide6 counter program: the only code in yibao-desk that imports Qt."""
