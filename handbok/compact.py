"""Drop indentation from generated HTML, leaving <pre> and <textarea> untouched.

Material's templates indent deeply; at 1,000 toolbox pages this is about an
eighth of every page for no reader's benefit.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def compact_html(html: str) -> str:
    parts = _KEEP.split(html)
    # Odd parts are the protected blocks captured by the split.
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))
