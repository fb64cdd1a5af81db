"""The one footer every screen uses: keys in one order whatever has focus,
rebuilt only when what it shows changes.

Textual's Footer recomposes every key for every change it hears of (each
focus move, each refreshed binding), and each new key is styled twice (once
when mounted, once more when its ``compact`` class arrives). On a live
console that is most of the cost of a key press. Relies on Footer internals
as in Textual 8.2.8 (pinned): ``bindings_changed``, ``_bindings_ready``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _declared(node) -> list:
    """Every binding of a screen or the app, in the order it was declared.
    The screen's own keys come first, then the focused widget's, then the
    app's (Help, Quit): Textual's footer puts the focused widget's first,
    so the order moved with focus."""
    return [binding for bindings in node._bindings.key_to_bindings.values() for binding in bindings]


class StableFooter(Footer):
    _rebuild_pending = False
    _shown_signature: tuple | None = None

    def _shown(self) -> list[tuple]:
        """(binding, enabled, tooltip) for each key to show, in a stable order."""
        screen_actions = [b.action for b in _declared(self.screen)]
        app_actions = [b.action for b in _declared(self.app)]

        seen: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        # The focused widget's keys keep the order that widget declares them in.
        arrival = {action: index for index, action in enumerate(seen)}

        def rank(binding) -> tuple[int, int]:
            action = binding.action
            if action in screen_actions:
                return (0, screen_actions.index(action))
            if action in app_actions:
                return (2, app_actions.index(action))
            return (1, arrival[action])

        return sorted(seen.values(), key=lambda entry: rank(entry[0]))

    def _signature(self, shown: list[tuple]) -> tuple:
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
                for binding, enabled, tooltip in shown
            ),
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = self._shown()
        self._shown_signature = self._signature(shown)
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown:
            yield self._key(binding, binding.description, enabled, tooltip)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _ = palette
                key = self._key(binding, binding.description, enabled, binding.tooltip or binding.description)
                key.add_class("-command-palette", update=False)
                yield key

    def _key(self, binding, description: str, enabled: bool, tooltip: str) -> FooterKey:
        """A key styled once: its ``compact`` value and class are set before it
        mounts, so neither its own watcher nor the binding to the footer
        restyles it (each restyle walks the stylesheet again)."""
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            classes="-compact" if self.compact else "",
        )
        key.set_reactive(FooterKey.compact, self.compact)
        return key.data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen) -> None:
        """One rebuild for a burst of changes (mount, focus, resume), and
        none when the keys shown are the same."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        if self._shown_signature is not None and self._signature(self._shown()) == self._shown_signature:
            return
        await self.recompose()
