"""Forms by page family: ``editor`` (the draft editor's form and formsets), ``pages`` (the other
pages' small forms) and ``fields`` (fields the admin shares). Import from the module: this package
loads nothing, so the admin does not load the editor."""
