"""Declarative descriptions of the registers (收文, 发文, 电报 …). Each register is declared once and
the table view, filter bar, form dialog, import/export and register-book printing are driven by it."""
