"""Fails when a test function checks nothing: a test that cannot fail is a defect.

A test checks something when its body has an `assert`, a `pytest.raises` or
`pytest.warns`, or a call to a function whose name starts with `assert` or `expect` (the
unittest methods, Playwright's `expect`, pytest-django's `django_assert_num_queries`, our
own `assert_...` helpers). Run by `make lint`:

    python tools/tests_assert.py tests

With --absence-only it lists instead (and does not fail) the tests whose every assert checks
an absence (`not in`, `is None`, `== 0`, `== []`, `not x`): an error page passes such a
test, so each of them should also check something that is there.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

# pytest-django's django_assert_num_queries fixtures are context managers that check.
CHECKING_CALLS = ("assert", "expect", "django_assert")
PYTEST_CHECKS = {"raises", "warns"}


def functions_under_test(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Module-level test functions and the test methods of Test classes."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (
                child
                for child in node.body
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                and child.name.startswith("test")
            )
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            yield node


def _called_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return ""


def checks_something(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name.lower().lstrip("_").startswith(CHECKING_CALLS):
                return True
            function_node = node.func
            if (
                name in PYTEST_CHECKS
                and isinstance(function_node, ast.Attribute)
                and isinstance(function_node.value, ast.Name)
                and function_node.value.id == "pytest"
            ):
                return True
    return False


def checks_an_absence(check: ast.Assert) -> bool:
    test = check.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return True
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    operator, right = test.ops[0], test.comparators[0]
    if isinstance(operator, ast.NotIn):
        return True
    nothing = isinstance(right, ast.Constant) and right.value in (None, 0, False, "", b"")
    empty = isinstance(right, ast.List | ast.Tuple | ast.Set) and not right.elts
    return isinstance(operator, ast.Is | ast.Eq) and (nothing or empty)


def absence_only(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    checks = [node for node in ast.walk(function) if isinstance(node, ast.Assert)]
    calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
    other_checks = any(
        _called_name(call).lower().startswith(CHECKING_CALLS) or _called_name(call) in PYTEST_CHECKS
        for call in calls
    )
    return bool(checks) and not other_checks and all(map(checks_an_absence, checks))


def only_absences(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    for function in functions_under_test(tree):
        if absence_only(function):
            yield f"{path}:{function.lineno}: {function.name} checks only absences"


def unchecked(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    for function in functions_under_test(tree):
        if not checks_something(function):
            yield f"{path}:{function.lineno}: {function.name} checks nothing"


def main(arguments: list[str]) -> int:
    folders = [argument for argument in arguments if not argument.startswith("--")] or ["tests"]
    if "--absence-only" in arguments:
        for folder in folders:
            for path in sorted(Path(folder).rglob("test_*.py")):
                for line in only_absences(path):
                    print(line)
        return 0
    found = [
        problem
        for folder in folders
        for path in sorted(Path(folder).rglob("test_*.py"))
        for problem in unchecked(path)
    ]
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(
            f"{len(found)} test(s) with no assert, pytest.raises/warns or assert*/expect* call",
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
