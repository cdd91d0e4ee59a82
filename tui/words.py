"""Words on screen: the App's language, and key-binding labels in that language.

Bindings are declared with i18n WORDS keys as their descriptions ("tui.key.help"). Textual
keeps a copy of the bindings per node (``_bindings``), which the footer, the key panel and
our F1 help all read, so translating that copy once per node puts every label in the
user's language without a footer of our own."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from branchdesk import i18n


def translate_bindings(node: DOMNode, lang: str) -> None:
    originals = getattr(node, "_binding_words", None)
    if originals is None:
        originals = {k: list(v) for k, v in node._bindings.key_to_bindings.items()}
        node._binding_words = originals  # type: ignore[attr-defined]
    node._bindings.key_to_bindings = {
        key: [
            replace(b, description=i18n.t(b.description, lang))
            if b.description in i18n.WORDS
            else b
            for b in bindings
        ]
        for key, bindings in originals.items()
    }
