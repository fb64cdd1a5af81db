"""The chair's paperwork: agenda package, letters, roster in and out, reminders."""
