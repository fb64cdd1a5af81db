"""A footer whose keys keep one order whatever has focus."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _declared(node) -> list:
    """Every binding of a screen or the app, in the order it was declared.
    The screen's own keys come first, then the focused widget's, then the
    app's (Help, Quit): Textual's footer puts the focused widget's first,
    so the order moved with focus."""
    return [binding for bindings in node._bindings.key_to_bindings.values() for binding in bindings]


class StableFooter(Footer):
    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        screen_actions = [b.action for b in _declared(self.screen)]
        app_actions = [b.action for b in _declared(self.app)]

        def rank(binding) -> tuple[int, int, str]:
            action = binding.action
            if action in screen_actions:
                return (0, screen_actions.index(action), "")
            if action in app_actions:
                return (2, app_actions.index(action), "")
            return (1, 0, binding.description)

        seen: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        shown = sorted(seen.values(), key=lambda entry: rank(entry[0]))
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
