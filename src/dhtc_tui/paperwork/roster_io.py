"""The roster from and to a spreadsheet, and its printable hard copy.

Terms of Reference, Chair: "maintain and update membership list and contact
information" and keep "hard copies of memberships". The rules (columns,
validation, all or nothing) are in :mod:`dhtc_tui.domain.roster`; this module
reads and writes the files (openpyxl for .xlsx, the csv module for .csv).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.disclosure import roster_contact
from ..domain.model import Sector
from ..domain.text import long_date
from ..domain.roster import ImportPlan, export_rows, plan_import
from ..minutes.errors import MinutesError
from ..minutes.styles import STYLE_NOTICE, STYLE_TITLE
from ..minutes.writer import Writer
from .common import coalition_name, docx_bytes, paper_gate, short_name, slug, write_all

FORMATS = ("xlsx", "csv", "docx")


class RosterFileError(Exception):
    """The file cannot be read; one line for the chair."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(path: Path) -> list[list[str]]:
    """The sheet's rows as text (the first sheet of a workbook)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise RosterFileError(f"{path} is not a file.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import zipfile

        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise RosterFileError(f"{path} cannot be read as an Excel workbook ({exc}).") from None
        try:
            sheet = book.worksheets[0]
            rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
        return rows
    if suffix in (".csv", ".txt"):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RosterFileError(f"Cannot read {path}: {exc.strerror}.") from None
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    raise RosterFileError(f"{path.name}: give a .xlsx or .csv file.")


@dataclass
class ImportResult:
    plan: ImportPlan
    saved: bool = False
    lines: list[str] = field(default_factory=list)


def preview(store, path: Path) -> ImportPlan:
    return plan_import(read_rows(path), store.members())


def import_roster(store, path: Path, dry_run: bool = False) -> ImportResult:
    """All or nothing: with any invalid row nothing is saved."""
    plan = preview(store, path)
    result = ImportResult(plan)
    if plan.ok and not dry_run and plan.to_save:
        store.save_many(members=plan.to_save)
        result.saved = True
    return result


def describe(plan: ImportPlan, dry_run: bool = False) -> list[str]:
    lines = []
    if plan.errors:
        lines.append(f"Nothing imported: {len(plan.errors)} row(s) need fixing in the file.")
        lines.extend(plan.errors)
        return lines
    verb = "Would import" if dry_run else "Imported"
    lines.append(f"{verb}: {plan.summary()}.")
    for label, members in (("new", plan.new), ("updated", plan.updated)):
        for member in members:
            lines.append(f"  {label}: {member.name}")
    if plan.ignored_columns:
        lines.append("Columns not read: " + ", ".join(plan.ignored_columns) + ".")
    return lines


# --------------------------------------------------------------------------
# Export


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Members"
    for row in rows:
        # Text cells: a phone number or a date is kept as typed.
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (40, 14, 28, 36, 32, 18, 12, 50, 11)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def hard_copy(store, today: date) -> bytes:
    """The printable membership and contact list, by sector, confidential."""
    members, settings = store.members(), store.settings()
    gate = paper_gate(members, settings, on=today)
    w = Writer(gate)
    w.para(f"Membership and contact list \u2014 {coalition_name(settings)}", STYLE_TITLE)
    w.meta("As of", long_date(today))
    active = sum(1 for m in members if m.is_active)
    w.meta("Members", f"{len(members)} on the roster, {active} active")
    w.para(
        "Confidential: member contact information, for the Coalition's own use only. "
        "Keep this copy secure and destroy it when replaced.",
        STYLE_NOTICE,
    )
    order = {s: i for i, s in enumerate(Sector)}
    by_sector: dict[Sector, list] = {}
    for member in sorted(members, key=lambda m: (order[m.sector], m.name.casefold())):
        by_sector.setdefault(member.sector, []).append(member)
    for sector, group in by_sector.items():
        w.heading(sector.value.capitalize(), 1)
        rows = []
        for m in group:
            rows.append(
                [
                    m.name + (" (survivor member)" if m.kind.value == "survivor" else ""),
                    "; ".join(m.representatives) or "none recorded",
                    roster_contact(m, "email") if m.email.strip() else "none",
                    roster_contact(m, "phone") if m.phone.strip() else "none",
                    m.status.value + (f"\n{m.joined.isoformat()}" if m.joined else ""),
                ]
            )
        w.table(["Organization", "Representatives", "E-mail", "Phone", "Status, joined"], rows, [2.05, 2.1, 2.5, 1.75, 1.5])
    return docx_bytes(
        w,
        header=f"{short_name(settings)} membership list \u2014 confidential \u2014 {today.isoformat()}",
        title="Membership and contact list",
        subject=f"{coalition_name(settings)} members",
        category="Roster",
    )


def export_filename(settings, fmt: str, today: date) -> str:
    return f"{slug(short_name(settings))}-roster-{today.isoformat()}.{fmt}"


def export_roster(store, fmt: str | None, out: Path | None, force: bool, today: date | None = None) -> Path:
    today = today or date.today()
    settings = store.settings()
    if fmt is None:
        fmt = out.suffix.lower().lstrip(".") if out is not None and out.suffix else "xlsx"
    if fmt not in FORMATS:
        raise RosterFileError(f"Unknown format {fmt}: choose xlsx, csv or docx.")
    name = export_filename(settings, fmt, today)
    if out is None:
        target = Path.cwd() / name
    else:
        out = Path(out).expanduser()
        target = out / name if out.is_dir() else out
    if not target.parent.is_dir():
        raise MinutesError(f"The folder {target.parent} does not exist.")
    if fmt == "docx":
        payload = hard_copy(store, today)
    else:
        rows = export_rows(store.members())
        payload = _xlsx(rows) if fmt == "xlsx" else _csv(rows)
    write_all([(target, payload)], force)
    return target
