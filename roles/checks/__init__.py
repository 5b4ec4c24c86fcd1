"""Checks: pure functions over text or document data. They import nothing else of the project and
take whatever reference data they need (printable code points, word lists, rules) as arguments,
so they run anywhere — in a form, a task or a test — without the database."""
