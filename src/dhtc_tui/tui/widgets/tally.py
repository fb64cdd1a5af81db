"""The live count of a vote, large enough to read on a projected screen.

Shows a domain :class:`~dhtc_tui.domain.voting.Tally` and nothing else: every
number (base, votes needed, whether the motion is carrying, whether the
outcome is decided) comes from ``dhtc_tui.domain.voting.tally``, and the count
sentence under the numbers is ``voting.count_sentence``, as in the minutes.
The widget only chooses the headline, colours and the bar's segments.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Label, Static

from ...domain.model import MotionState
from ...domain.text import plural
from ...domain.voting import Tally, count_sentence


def outcome_words(tally: Tally, final: MotionState | None = None) -> tuple[str, str]:
    """The headline and its style class: "Carried"/"Defeated" once the vote is
    closed, else "Carrying"/"Failing" (with "decided" when the remaining votes
    can no longer change it)."""
    if final is MotionState.CARRIED:
        return "CARRIED", "-carried"
    if final is MotionState.DEFEATED:
        return "DEFEATED", "-defeated"
    if tally.voted == 0:
        return "No votes yet", "-waiting"
    word = "Carrying" if tally.carried_so_far else "Failing"
    style = "-carrying" if tally.carried_so_far else "-failing"
    if tally.decided:
        if tally.not_voted:
            return f"{word} \u2014 decided: the {tally.not_voted} votes to come cannot change it", style
        return f"{word} \u2014 decided (every eligible member has voted)", style
    return word, style


class TallyBar(Widget):
    """For, against, abstain and not yet voted, on the scale of the members
    eligible to vote, with a mark where the votes in favour needed are."""

    COMPONENT_CLASSES = {
        "tally-bar--for",
        "tally-bar--against",
        "tally-bar--abstain",
        "tally-bar--remaining",
        "tally-bar--needed",
    }
    DEFAULT_CSS = """
    TallyBar { height: 2; width: 1fr; }
    TallyBar > .tally-bar--for { color: $success; }
    TallyBar > .tally-bar--against { color: $error; }
    TallyBar > .tally-bar--abstain { color: $warning; }
    TallyBar > .tally-bar--remaining { color: $text-muted; }
    TallyBar > .tally-bar--needed { color: $text; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tally: Tally | None = None

    def show(self, tally: Tally | None) -> None:
        self.tally = tally
        self.refresh()

    def render(self) -> Text:
        width = max(self.size.width, 10)
        t = self.tally
        if t is None:
            return Text("")
        total = t.for_ + t.against + t.abstain + t.not_voted
        if total <= 0:
            return Text("no member eligible")

        def cols(count: int) -> int:
            return round(count * width / total)

        bar = Text()
        used = 0
        for count, char, component in (
            (t.for_, "\u2588", "tally-bar--for"),
            (t.against, "\u2588", "tally-bar--against"),
            (t.abstain, "\u2592", "tally-bar--abstain"),
        ):
            end = cols(used + count)
            bar.append(char * (end - cols(used)), self.get_component_rich_style(component))
            used += count
        bar.append("\u2591" * (width - cols(used)), self.get_component_rich_style("tally-bar--remaining"))
        # The mark sits under the last cell the votes in favour must fill.
        needed = min(max(t.needed, 1), total)
        at = min(max(cols(needed) - 1, 0), width - 1)
        label = f"\u25b2 {t.needed} needed"
        start = at if at + len(label) <= width else max(at - len(label) + 1, 0)
        if start == at:
            mark = " " * at + label
        else:
            mark = " " * start + f"{t.needed} needed \u25b2"
        bar.append("\n")
        bar.append(mark[:width], self.get_component_rich_style("tally-bar--needed"))
        return bar


class TallyView(Vertical):
    """The tally of one vote: big numbers, a bar, the outcome so far and the
    base it is measured against. Call :meth:`show` with a fresh domain tally
    after every vote."""

    DEFAULT_CSS = """
    TallyView { height: auto; padding: 0 1; }
    TallyView #tally-numbers { height: auto; }
    TallyView .tally-number { width: 1fr; height: auto; }
    TallyView .tally-number Label { color: $text-muted; }
    TallyView .tally-number Digits { width: auto; }
    TallyView .-for Digits { color: $success; }
    TallyView .-against Digits { color: $error; }
    TallyView .-abstain Digits { color: $warning; }
    TallyView .-needed Digits { color: $text; }
    TallyView #tally-outcome { text-style: bold; height: auto; margin-top: 1; }
    TallyView #tally-outcome.-carrying, TallyView #tally-outcome.-carried { color: $success; }
    TallyView #tally-outcome.-failing, TallyView #tally-outcome.-defeated { color: $error; }
    TallyView #tally-outcome.-waiting { color: $text-muted; }
    TallyView #tally-detail { color: $text-muted; height: auto; }
    """

    NUMBERS = (("for", "For"), ("against", "Against"), ("abstain", "Abstain"), ("needed", "Needed"))

    def __init__(self, tally: Tally | None = None, final: MotionState | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tally = tally
        self.final = final

    def compose(self) -> ComposeResult:
        with Horizontal(id="tally-numbers"):
            for key, label in self.NUMBERS:
                with Vertical(classes=f"tally-number -{key}"):
                    yield Label(label)
                    yield Digits("0", id=f"tally-{key}")
        yield TallyBar(id="tally-bar")
        yield Static("", id="tally-outcome", markup=False)
        yield Static("", id="tally-detail", markup=False)

    def on_mount(self) -> None:
        self._update()

    def show(self, tally: Tally, final: MotionState | None = None) -> None:
        """Show ``tally``; ``final`` is the motion's state once the vote is closed."""
        self.tally, self.final = tally, final
        if self.query("#tally-for"):  # composed: show it now (else on mount)
            self._update()

    def _update(self) -> None:
        tally, final = self.tally, self.final
        if tally is None:
            return
        values = {"for": tally.for_, "against": tally.against, "abstain": tally.abstain, "needed": tally.needed}
        for key, value in values.items():
            self.query_one(f"#tally-{key}", Digits).update(str(value))
        self.query_one("#tally-bar", TallyBar).show(tally)
        headline, style = outcome_words(tally, final)
        outcome = self.query_one("#tally-outcome", Static)
        outcome.set_classes(style)
        outcome.update(headline)
        # The count, base and threshold in the minutes' own words (one copy,
        # in the domain).
        detail = count_sentence(tally, pending=final is None)
        if tally.electronic:
            detail += f"\n{plural(tally.electronic, 'vote')} cast electronically."
        self.query_one("#tally-detail", Static).update(detail)
