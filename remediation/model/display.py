"""How records show themselves in Jupyter, without the model knowing how.

Jupyter asks an object for ``_repr_html_`` and ``_repr_markdown_``. The records
answer with :func:`html` and :func:`markdown`: generic functions
(:func:`functools.singledispatch`) that a layer above fills in, registering
one implementation per type. The model imports nothing of that layer, not even
by name: the package hands this registry a loader (:func:`add_loader`), a
callable that registers the implementations, and the registry calls it once,
the first time an object has no implementation.

Examples:
    >>> import remediation
    >>> from remediation.model import display
    >>> phase = remediation.Phase(id="p", title="Fix <it>")
    >>> display.html(phase) == phase._repr_html_()
    True
    >>> "<h2>Fix &lt;it&gt;</h2>" in display.html(phase)
    True
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

__all__ = ["add_loader", "html", "markdown"]

_loaders: list[Callable[[], object]] = []
_loading = threading.RLock()


def add_loader(loader: Callable[[], object]) -> None:
    """Have *loader* register implementations, the first time an object has none.

    Loaders are called in the order they were added, each once; one that
    raises is called again the next time.
    """
    with _loading:
        _loaders.append(loader)


def _load() -> None:
    with _loading:
        while _loaders:
            loader = _loaders.pop(0)
            try:
                loader()
            except BaseException:
                _loaders.insert(0, loader)
                raise


def _not_shown(obj: object) -> TypeError:
    return TypeError(f"cannot show {type(obj).__name__}: no implementation is registered for it")


@functools.singledispatch
def html(obj: object) -> str:
    """An HTML fragment showing *obj*, for Jupyter's ``_repr_html_``.

    Raises:
        TypeError: No implementation is registered for the type of *obj*.
    """
    _load()
    implementation = html.dispatch(type(obj))
    if implementation is html.registry[object]:
        raise _not_shown(obj)
    return implementation(obj)


@functools.singledispatch
def markdown(obj: object) -> str:
    """Markdown showing *obj*, for Jupyter's ``_repr_markdown_``.

    Raises:
        TypeError: No implementation is registered for the type of *obj*.
    """
    _load()
    implementation = markdown.dispatch(type(obj))
    if implementation is markdown.registry[object]:
        raise _not_shown(obj)
    return implementation(obj)
