"""Loading the core and an edition is one step before validation, and the modules
do not import each other in a circle (edition.py never imports validate.py)."""
from __future__ import annotations

import ast

from conftest import ROOT


def imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "handbok" / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {a.name for a in node.names}
    return found


def test_no_module_of_the_loading_step_imports_validation():
    for module in ("edition", "loader", "content", "models", "problems", "limits", "children"):
        assert "validate" not in imports(module), module


def test_one_call_assembles_core_and_edition_then_one_call_checks():
    from handbok.validate import assemble, check

    content, problems = assemble(ROOT, ROOT / "editions" / "exempelkommun")
    assert not problems and content.edition is not None and content.local  # the edition's items are in
    check(content, problems)
    assert not problems
