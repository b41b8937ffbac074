"""The command-line app: the only code that imports all three layers (core `declarations`, `checks`,
`publish`). `verbs` declares the typer verbs and is the only place that prints and exits; `commands`
does the work of each verb and returns what it did; `console` is the terminal (messages, issue
tables, progress bars, exits without tracebacks)."""

from declarations.cli.verbs import app

__all__ = ["app"]
