"""Sandbox inbox: messages on the simulated clock, actions, and replies scored by the rubric.

Importing the package registers its content check (reply lexicons, action credits, length bands).
"""

# Modules that register content checks when imported.
from app.inbox import content  # noqa: F401
