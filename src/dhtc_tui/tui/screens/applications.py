"""Membership applications: endorsements, reviews and the decision.

Terms of Reference, Process of Becoming a Member: an organization's
application "requires two endorsements by existing Coalition Organizations
(Senior Leadership with signing authority)"; a survivor member is endorsed by
a partner agency. Chair duties: every application is "reviewed and
approved/denied by at least two different, existing Member Organizations".
The rules are in ``dhtc_tui.domain.membership``; this screen gathers input
and shows where each application stands.
"""

from __future__ import annotations

import copy
from datetime import date

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Input, Select, Static

from ..widgets.footer import StableFooter
from ...domain.membership import (
    ApplicationCheck,
    add_endorsement,
    add_review,
    check_application,
    decide,
    member_from_application,
    validate_application,
)
from ...domain.model import (
    Application,
    ApplicationStatus,
    Endorsement,
    MemberKind,
    Review,
    Sector,
)
from ...domain.text import short_date
from ...domain.validation import (
    ValidationError,
    check_email,
    check_phone,
    clean_name,
    normalise_name,
    parse_optional_date,
    validate_member,
)
from ..widgets.dialogs import ConfirmDialog, DiscardGuard, field
from ..widgets.text import cut as _cut, plain
from .listing import ListScreen

DECIDE_GROUP = Binding.Group("Decide", compact=True)

#: The empty choice of a Select. Textual's type-to-search also searches this
#: prompt, so it holds no letters: typing "a" must find "approve", not it.
NO_CHOICE = "\u2014"

SEARCH_HINT = "Lists: Enter, type part of a name, Enter. Ctrl+S saves, Esc cancels."

STATUS_ORDER = {
    ApplicationStatus.PENDING: 0,
    ApplicationStatus.APPROVED: 1,
    ApplicationStatus.DENIED: 2,
    ApplicationStatus.WITHDRAWN: 3,
}


def shortfall(check: ApplicationCheck) -> str:
    """The domain's problems in a few words, for a narrow column (the full
    wording is shown under the table)."""
    parts = []
    missing = check.endorsements_needed - check.endorsements
    if missing > 0:
        parts.append(f"{missing} end.")
    reviews = check.reviews_needed - max(check.approvals, check.denials)
    if reviews > 0:
        parts.append(f"{reviews} rev.")
    if any("signatory" in p for p in check.problems):
        parts.append("signatory")
    return ", ".join(parts) if parts else "; ".join(check.problems)


# --------------------------------------------------------------------------
# Forms (each shows the domain's message beside the field it concerns)


class FormBase(DiscardGuard, ModalScreen):
    """Shared look and behaviour: Ctrl+S saves, Esc cancels, Enter moves on."""

    CSS_PATH = "applications.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    #: ValidationError.field -> widget id
    ERROR_FIELDS: dict[str, str] = {}
    ERROR_ID = ""

    def on_mount(self) -> None:
        self.call_after_refresh(self.remember_values)

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(None))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query("Input, Select"))
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def show_error(self, exc: ValidationError) -> None:
        error = self.query_one(f"#{self.ERROR_ID}", Static)
        error.update(str(exc))
        error.add_class("-shown")
        target = self.ERROR_FIELDS.get(exc.field, exc.field)
        try:
            widget = self.query_one(f"#{target}")
        except Exception:
            return
        widget.add_class("-invalid")
        widget.focus()

    def clear_errors(self) -> None:
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def selected(self, widget_id: str):
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else value


class ApplicationForm(FormBase):
    """A new membership application, or corrections to one. Returns it unsaved."""

    ERROR_ID = "application-error"
    ERROR_FIELDS = {
        "applicant": "application-applicant",
        "email": "application-email",
        "phone": "application-phone",
        "received": "application-received",
    }

    def __init__(self, application: Application | None = None) -> None:
        super().__init__()
        self.original = application
        self.draft = copy.deepcopy(application) if application else Application(applicant="")

    def compose(self) -> ComposeResult:
        a = self.draft
        received = a.received or (None if self.original else self.app.today())
        with VerticalScroll():
            title = "Edit application" if self.original else "New membership application"
            yield Static(f"[b]{title}[/b]   Ctrl+S saves, Esc cancels")
            yield Static("", id=self.ERROR_ID, classes="form-error", markup=False)
            yield field("Applicant", Input(a.applicant, id="application-applicant", placeholder="Organization, or survivor member label"))
            yield field("Kind", Select([(k.value, k) for k in MemberKind], value=a.kind, allow_blank=False, id="application-kind"))
            yield field("Sector", Select([(s.value, s) for s in Sector], value=a.sector, allow_blank=False, id="application-sector"))
            yield field("Contact name", Input(a.contact_name, id="application-contact"))
            yield field("Contact e-mail", Input(a.email, id="application-email"))
            yield field("Phone", Input(a.phone, id="application-phone"))
            yield field(
                "Received",
                Input(received.isoformat() if received else "", id="application-received", placeholder="YYYY-MM-DD"),
            )

    def on_mount(self) -> None:
        self.query_one("#application-applicant", Input).focus()

    def action_save(self) -> None:
        self.clear_errors()
        draft = copy.deepcopy(self.draft)
        data = self.app.coalition
        try:
            draft.applicant = self.value("application-applicant")
            draft.kind = self.selected("application-kind")
            draft.sector = Sector.SURVIVOR if draft.kind is MemberKind.SURVIVOR else self.selected("application-sector")
            draft.contact_name = clean_name(self.value("application-contact"))
            draft.email = check_email(self.value("application-email"))
            draft.phone = check_phone(self.value("application-phone"))
            draft.received = parse_optional_date(self.value("application-received"), "received")
            validate_application(draft, data.members, data.applications)
        except ValidationError as exc:
            self.show_error(exc)
            return
        if self.original is None:
            self.dismiss(draft)
        else:
            self.original.__dict__.update(draft.__dict__)
            self.dismiss(self.original)


class EndorsementForm(FormBase):
    """Record an endorsement (senior leadership with signing authority)."""

    ERROR_ID = "endorse-error"
    ERROR_FIELDS = {"endorsement": "endorse-member", "signatory": "endorse-signatory", "date": "endorse-date"}

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application

    def compose(self) -> ComposeResult:
        a = self.application
        data = self.app.coalition
        already = {e.member_id for e in a.endorsements}
        options = [(plain(m.name), m.id) for m in data.active_organizations if m.id not in already]
        who = "partner agency" if a.kind is MemberKind.SURVIVOR else "member organization"
        with VerticalScroll():
            yield Static(f"[b]Endorsement of {_escape(a.applicant)}[/b]")
            yield Static(
                f"By an existing {who}, signed by senior leadership with signing authority.\n{SEARCH_HINT}",
                classes="form-hint",
            )
            yield Static("", id=self.ERROR_ID, classes="form-error", markup=False)
            yield field(
                "Endorsing member",
                Select(options, prompt=NO_CHOICE, id="endorse-member", type_to_search=True),
            )
            yield field("Signatory", Input(id="endorse-signatory", placeholder="Name and title, e.g. Executive Director"))
            yield field("Date signed", Input(self.app.today().isoformat(), id="endorse-date", placeholder="YYYY-MM-DD"))

    def on_mount(self) -> None:
        self.query_one("#endorse-member", Select).focus()

    def action_save(self) -> None:
        self.clear_errors()
        try:
            on = parse_optional_date(self.value("endorse-date"), "date") or self.app.today()
            endorsement = Endorsement(
                member_id=self.selected("endorse-member") or "",
                signatory=" ".join(self.value("endorse-signatory").split()),
                on=on,
            )
            add_endorsement(self.application, endorsement, self.app.coalition.members)
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.dismiss(self.application)


class ReviewForm(FormBase):
    """Record a member organization's review: approve or deny, with a note."""

    ERROR_ID = "review-error"
    ERROR_FIELDS = {"review": "review-member", "decision": "review-decision", "date": "review-date"}

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application

    def compose(self) -> ComposeResult:
        a = self.application
        data = self.app.coalition
        options = [(plain(m.name), m.id) for m in data.active_organizations]
        with VerticalScroll():
            yield Static(f"[b]Review of {_escape(a.applicant)}[/b]")
            yield Static(
                f"By an existing member organization; two different organizations must review.\n{SEARCH_HINT}",
                classes="form-hint",
            )
            yield Static("", id=self.ERROR_ID, classes="form-error", markup=False)
            yield field(
                "Reviewing member",
                Select(options, prompt=NO_CHOICE, id="review-member", type_to_search=True),
            )
            yield field(
                "Decision",
                Select([("approve", "approve"), ("deny", "deny")], prompt=NO_CHOICE, id="review-decision"),
            )
            yield field("Note", Input(id="review-note", placeholder="optional"))
            yield field("Date", Input(self.app.today().isoformat(), id="review-date", placeholder="YYYY-MM-DD"))
            yield Static("", id="review-hint", classes="form-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#review-member", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "review-member":
            return
        earlier = next((r for r in self.application.reviews if r.member_id == event.value), None)
        self.query_one("#review-hint", Static).update(
            f"This replaces its earlier review ({earlier.decision}, {short_date(earlier.on)})." if earlier else ""
        )

    def action_save(self) -> None:
        self.clear_errors()
        decision = self.selected("review-decision")
        try:
            if self.selected("review-member") is None:
                raise ValidationError("Choose the reviewing member organization.", "review")
            if decision is None:
                raise ValidationError("Choose approve or deny.", "decision")
            on = parse_optional_date(self.value("review-date"), "date") or self.app.today()
            review = Review(
                member_id=self.selected("review-member"),
                decision=decision,
                on=on,
                note=" ".join(self.value("review-note").split()),
            )
            add_review(self.application, review, self.app.coalition.members)
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.dismiss(self.application)


def _escape(text: str) -> str:
    from ..widgets.text import escape

    return escape(text)


# --------------------------------------------------------------------------
# The screen


class ApplicationsScreen(ListScreen):
    """Membership applications"""

    TABLE_ID = "applications-table"

    CSS_PATH = "applications.tcss"

    BINDINGS = [
        Binding("a", "add", "New", id="application-new"),
        Binding("e,enter", "edit", "Edit", show=False, id="application-edit"),
        Binding("n", "endorse", "Endorse", id="application-endorse"),
        Binding("r", "review", "Review", id="application-review"),
        Binding("y", "decide(True)", "Approve", id="application-approve", group=DECIDE_GROUP),
        Binding("x", "decide(False)", "Deny", id="application-deny", group=DECIDE_GROUP),
        Binding("m", "to_roster", "Add to roster", show=False, id="application-to-roster"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._widths: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="applications-summary", markup=False)
        yield DataTable(id="applications-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="applications-detail", markup=False)
        yield Static(id="applications-state", markup=False)
        yield StableFooter()

    # -- table ---------------------------------------------------------------

    def column_widths(self) -> tuple[int, ...]:
        """Applicant, kind, received, endorsements, reviews, status, problems."""
        fixed = (4, 10, 4, 4, 8)
        spare = max(self.size.width, 80) - 2 - 2 * 7 - sum(fixed)
        problems = max(15, spare * 40 // 100)
        applicant = max(12, spare - problems)
        return (applicant, *fixed, problems)

    def applications(self) -> list[Application]:
        return sorted(
            self.app.coalition.applications,
            key=lambda a: (STATUS_ORDER[a.status], -(a.received or date.min).toordinal(), a.applicant.casefold()),
        )

    def on_roster(self, application: Application) -> bool:
        key = normalise_name(application.applicant)
        return any(normalise_name(m.name) == key for m in self.app.coalition.members)

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#applications-table", DataTable)
        row = table.cursor_row
        widths = self.column_widths()
        if widths != self._widths:
            self._widths = widths
            table.clear(columns=True)
            labels = ("Applicant", "Kind", "Received", "End.", "Rev.", "Status", "Still needs")
            for label, width in zip(labels, widths):
                table.add_column(label, width=width)
        else:
            table.clear()
        members = self.app.coalition.members
        w_applicant, w_problems = widths[0], widths[-1]
        for application in self.applications():
            check = check_application(application, members)
            pending = application.status is ApplicationStatus.PENDING
            if not pending:
                problem = Text("")
            elif check.problems:
                problem = Text(_cut(shortfall(check), w_problems), style="yellow")
            elif check.ready_to_approve:
                problem = Text("ready (y)", style="bold green")
            else:
                problem = Text("")
            status_style = {"approved": "green", "denied": "red"}.get(application.status.value, "")
            table.add_row(
                Text(_cut(application.applicant, w_applicant), style="" if pending else "dim"),
                "org" if application.kind is MemberKind.ORGANIZATION else "surv",
                application.received.isoformat() if application.received else "\u2014",
                Text(
                    f"{check.endorsements}/{check.endorsements_needed}",
                    style="" if check.endorsements >= check.endorsements_needed else "yellow",
                ),
                f"{check.approvals}\u2713{check.denials}\u2717",
                Text(application.status.value, style=status_style),
                problem,
                key=application.id,
            )
        self.restore_cursor(table, keep, row)
        self.show_summary()
        self.show_detail()

    def show_summary(self) -> None:
        apps = self.app.coalition.applications
        pending = sum(a.status is ApplicationStatus.PENDING for a in apps)
        self.sub_title = f"Applications \u2014 {pending} pending of {len(apps)}"
        self.query_one("#applications-summary", Static).update(
            "An organization needs 2 endorsing member organizations (senior leadership\n"
            "with signing authority), a survivor 1 partner agency; 2 members must review."
        )

    def selected(self) -> Application | None:
        key = self.selected_id()
        return next((a for a in self.app.coalition.applications if a.id == key), None) if key else None

    def show_detail(self) -> None:
        detail = self.query_one("#applications-detail", Static)
        state_line = self.query_one("#applications-state", Static)
        application = self.selected()
        if application is None:
            detail.update("No membership applications yet. Press a to record one.")
            state_line.update("")
            return
        data = self.app.coalition
        a = application
        check = check_application(a, data.members)
        kind = "survivor member" if a.kind is MemberKind.SURVIVOR else f"organization, {a.sector.value}"
        contact = " \u00b7 ".join(p for p in (a.contact_name, a.email, a.phone) if p) or "no contact recorded"
        endorsements = "; ".join(
            f"{data.name_of(e.member_id, '?')} ({e.signatory or 'no signatory'}, {short_date(e.on)})"
            for e in a.endorsements
        ) or "none yet (n adds one)"
        reviews = "; ".join(
            f"{data.name_of(r.member_id, '?')}: {r.decision}" + (f" \u2014 {r.note}" if r.note else "")
            for r in a.reviews
        ) or "none yet (r adds one)"
        if a.status is ApplicationStatus.PENDING:
            if check.ready_to_approve:
                state = "Ready: y approves" + (", x denies" if check.ready_to_deny else "") + "."
            elif check.ready_to_deny:
                state = "Two reviews deny it: x denies. Not ready to approve: " + "; ".join(check.problems)
            else:
                state = "Not ready: " + "; ".join(check.problems)
        elif a.status is ApplicationStatus.APPROVED:
            state = "Approved. " + ("On the roster." if self.on_roster(a) else "Not on the roster yet: m adds it.")
        else:
            state = a.status.value.capitalize() + "."
        detail.update(
            "\n".join(
                [
                    f"{a.applicant} ({kind}) \u2014 received {short_date(a.received)}",
                    f"Contact: {contact}",
                    f"Endorsed by: {endorsements}",
                    f"Reviews: {reviews}",
                ]
            )
        )
        state_line.update(state)
        state_line.set_class(a.status is ApplicationStatus.PENDING and not check.ready_to_approve, "-not-ready")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    # -- actions -------------------------------------------------------------

    def _pending(self) -> Application | None:
        """The selected application, if it can still change."""
        application = self.selected()
        if application is None:
            self.notify("No application selected: press a to record one.", severity="warning")
            return None
        if application.status is not ApplicationStatus.PENDING:
            self.notify(f"The application of {application.applicant} is already {application.status.value}.", severity="warning", markup=False)
            return None
        return application

    def _saved(self, application: Application | None, message: str) -> None:
        if application is None:
            return
        self.app.save_application(application)
        self.reload(keep=application.id)
        self.notify(message, markup=False)

    def action_add(self) -> None:
        self.app.push_screen(
            ApplicationForm(None), lambda a: self._saved(a, f"Application of {a.applicant} recorded." if a else "")
        )

    def action_edit(self) -> None:
        application = self.selected()
        if application is None:
            self.notify("No application selected: press a to record one.", severity="warning")
            return
        self.app.push_screen(ApplicationForm(application), lambda a: self._saved(a, "Application saved."))

    def action_endorse(self) -> None:
        application = self._pending()
        if application is not None:
            self.app.push_screen(EndorsementForm(application), lambda a: self._saved(a, "Endorsement recorded."))

    def action_review(self) -> None:
        application = self._pending()
        if application is not None:
            self.app.push_screen(ReviewForm(application), lambda a: self._saved(a, "Review recorded."))

    def action_decide(self, approve: bool) -> None:
        application = self._pending()
        if application is None:
            return
        members = self.app.coalition.members
        try:
            # Ask the domain on a copy: nothing changes until the chair confirms.
            decide(copy.deepcopy(application), members, approve)
        except ValidationError as exc:
            state_line = self.query_one("#applications-state", Static)
            state_line.update(str(exc))
            state_line.add_class("-not-ready")
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        data = self.app.coalition
        endorsers = ", ".join(data.name_of(e.member_id, "?") for e in application.endorsements)
        reviewers = ", ".join(
            data.name_of(r.member_id, "?") for r in application.reviews if r.decision == ("approve" if approve else "deny")
        )
        verb = "Approve" if approve else "Deny"
        question = (
            f"{verb} the membership application of {application.applicant}?\n\n"
            + (f"Endorsed by: {endorsers}\n" if endorsers else "")
            + f"Reviewed ({'approve' if approve else 'deny'}) by: {reviewers}"
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            decide(application, self.app.coalition.members, approve)
            self.app.save_application(application)
            self.reload(keep=application.id)
            self.notify(f"{application.applicant}: application {application.status.value}.", markup=False)
            if approve:
                self.offer_roster(application)

        self.app.push_screen(ConfirmDialog(question, yes=verb, no="Cancel"), answer)

    def offer_roster(self, application: Application) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.add_to_roster(application)

        self.app.push_screen(
            ConfirmDialog(
                f"Add {application.applicant} to the roster as a member, joined today?\n"
                "Its endorsers are recorded on the member.",
                yes="Add to roster",
                no="Later",
            ),
            answer,
        )

    def action_to_roster(self) -> None:
        application = self.selected()
        if application is None:
            return
        if application.status is not ApplicationStatus.APPROVED:
            self.notify("Only an approved application becomes a member.", severity="warning")
            return
        if self.on_roster(application):
            self.notify(f"{application.applicant} is already on the roster.", markup=False)
            return
        self.offer_roster(application)

    def add_to_roster(self, application: Application) -> None:
        data = self.app.coalition
        try:
            member = member_from_application(application, self.app.today())
            validate_member(member, data.members)
        except ValidationError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.app.save_member(member)
        self.reload(keep=application.id)
        self.notify(f"{member.name} is now on the roster.", markup=False)

    def palette_commands(self):
        yield SystemCommand("New membership application", "Applicant, contact, date received", self.action_add)
        yield SystemCommand("Record an endorsement", "For the selected application", self.action_endorse)
        yield SystemCommand("Record a review", "Approve or deny, by a member organization", self.action_review)
