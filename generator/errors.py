"""The one exception type the pipeline raises for input a person must fix."""

from __future__ import annotations

from generator.model import Origin, Problem, Severity


class BriefingError(Exception):
    """Input the build cannot survive; carries every problem found, each with file and line."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int | None, message: str) -> BriefingError:
        """Return an error for one place in one file."""
        return cls(Problem(Severity.ERROR, Origin(path, line), message))


def error(path: str, line: int | None, message: str) -> Problem:
    """Return an error problem for one place in one file."""
    return Problem(Severity.ERROR, Origin(path, line), message)


def warning(path: str, line: int | None, message: str) -> Problem:
    """Return a warning problem for one place in one file."""
    return Problem(Severity.WARNING, Origin(path, line), message)
