"""归档 (issue 17 §5, seed 000 §十一): the case file of a completed and handed-over case — cover, the documents the
case was given (tables, receipt, every supplement notice), its history — with its 档案号, and a day's archive run."""
