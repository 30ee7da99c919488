"""Counter hardware (issue 18): the 二代身份证 reader and the 80 mm ESC/POS receipt printer. No Qt here: the GUI
asks these and shows the answer."""
