"""`python -m declarations.cli`: the same app as the `declarations` console script."""

from declarations.cli import app

app()
