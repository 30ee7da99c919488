"""纸质材料分发 and 移交 (issue 17 §4, seed 000 §八（七）, §九): the day's 移交清单 per 承办部门 — the papers of the
cases accepted that day that go on to the department — printed with the 移交人 / 接收人 / 时间 lines."""
