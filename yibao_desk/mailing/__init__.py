"""邮寄 (issue 17 §2): the day's 寄送清单 (PDF and xlsx) and the address labels, read from the journal."""
