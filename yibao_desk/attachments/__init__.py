"""电子化处理 (issue 17 §1): scans and photos of a case's materials, stored by their SHA-256 beside the journal."""
