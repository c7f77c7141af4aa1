"""What a compliance team hands on, made from a survey: the follow-up list, the annex workbook, the
report people look at, the comparison with last year. Pure: every function returns bytes, text or
records; only the command writes files."""

from __future__ import annotations

from cmrt.deliverables.compare import SURVEY_SCHEMA, Comparison, Snapshot, compare, survey_snapshot
from cmrt.deliverables.follow_up import FollowUp, follow_up
from cmrt.deliverables.report_html import survey_html

__all__ = ["SURVEY_SCHEMA", "Comparison", "FollowUp", "Snapshot", "compare", "follow_up", "survey_html",
           "survey_snapshot"]  # fmt: skip
