"""Content: loaders and validators for courses/ and quizzes/ (pure Python, no Flask)."""
