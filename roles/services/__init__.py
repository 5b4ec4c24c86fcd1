"""Writes: keyword-only ``<noun>_<verb>(*, …)`` functions that take values (not forms), each atomic,
so a view, a task, an approval step or a test can call them alike."""
