"""Counting the SQL a block of code sends."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def sql_statements():
    """The SQL sent inside the block, in order. Through ``execute_wrapper``, not
    ``CaptureQueriesContext``: that reads the connection's query log, which keeps only the
    last 9,000 and then counts nothing in a test that sent more before the block."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements
