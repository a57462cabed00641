"""tools/tests_assert.py, the lint that fails on a test function that checks nothing."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tools.tests_assert import absence_only, checks_something, functions_under_test


def _checked(source: str) -> dict[str, bool]:
    tree = ast.parse(textwrap.dedent(source))
    return {function.name: checks_something(function) for function in functions_under_test(tree)}


@pytest.mark.parametrize(
    ("body", "checks"),
    [
        ("assert 1 + 1 == 2", True),
        ("with pytest.raises(ValueError):\n        int('x')", True),
        ("with pytest.warns(UserWarning):\n        warn()", True),
        ("expect(page.locator('h1')).to_have_text('News')", True),
        ("self.assertEqual(1, 1)", True),
        ("assert_listed(page)", True),
        ("with django_assert_num_queries(0):\n        view()", True),
        ("def inner():\n        assert ok\n    inner()", True),
        ("client.get('/')", False),
        ("raises(ValueError)", False),
        ("x = 1 == 1", False),
    ],
)
def test_it_tells_whether_a_test_checks_something(body: str, checks: bool) -> None:
    assert _checked(f"def test_it(page):\n    {body}\n") == {"test_it": checks}


def test_it_reads_test_methods_of_test_classes_only() -> None:
    source = """
        class TestPages:
            def test_home(self):
                pass
            def helper(self):
                pass
        class Helpers:
            def test_not_collected(self):
                pass
        def helper():
            pass
    """
    assert _checked(source) == {"test_home": False}


@pytest.mark.parametrize(
    ("body", "only_absences"),
    [
        ("assert 'secret' not in html", True),
        ("assert found is None\n    assert not hidden\n    assert rows == []", True),
        ("assert 'news' in html\n    assert 'secret' not in html", False),
        ("assert count == 3", False),
        ("assert 'x' not in html\n    expect(page).to_have_title('News')", False),
    ],
)
def test_it_tells_a_test_that_checks_only_absences(body: str, only_absences: bool) -> None:
    (function,) = functions_under_test(ast.parse(f"def test_it(page):\n    {body}\n"))
    assert absence_only(function) is only_absences
