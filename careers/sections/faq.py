"""Frequently asked questions (#FAQ): a question, "Réponse :", then its answer."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import FaqEntry, SectionKind
from ..textformat import Line, Part, Reader, join_paragraphs
from .base import Row, SectionSpec, StackedChildInline, Table

ANSWER_LINE = re.compile(r"^r[ée]ponse\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
QUESTIONS = (
    "Quelles études pour travailler dans le domaine",
    "Quel salaire espérer dans le domaine",
    "Quelles évolutions de carrière dans le domaine",
    "Quelles qualités pour réussir dans le domaine",
)


@dataclass(frozen=True)
class Question:
    question: str
    answer: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class FaqSection(Part):
    kind = SectionKind.FAQ
    entries: tuple[Question, ...] = ()

    def item_statements(self):
        for entry in self.entries:
            yield from (entry.question, entry.answer)


ENTRIES = Table(
    "questions fréquentes",
    FaqEntry,
    ("position", "question", "answer"),
    searched=("question", "answer"),
)


class FaqEntryInline(StackedChildInline):
    model = FaqEntry
    fields = ["position", "question", "answer"]


class Faq(SectionSpec):
    kind = SectionKind.FAQ
    family = "questions"
    shown = 3
    item_names = ("question", "questions")
    anchor = "faq"
    markers = ("faq",)
    tables = (ENTRIES,)
    attr = "faq_entries"
    inlines = (FaqEntryInline,)

    def parse(self, reader: Reader, title: str) -> FaqSection:
        def is_question(line: Line) -> bool:
            after = reader.peek_after(line)
            return not ANSWER_LINE.match(line.key) and bool(after and ANSWER_LINE.match(after.key))

        heading, subheading = reader.opening(title, is_question)
        intro = join_paragraphs(reader.paragraphs(lambda line: not is_question(line)))
        entries = []
        while (question := reader.peek()) is not None:
            reader.take()
            marker_line = reader.take()
            marker = ANSWER_LINE.match(marker_line.key)
            joined_to_marker = (
                reader.index < len(reader.lines) and not reader.lines[reader.index].blank
            )
            answer = reader.paragraphs(lambda line: not is_question(line))
            if marker["rest"]:
                # "Réponse : text" on one line: the text opens the answer.
                start = marker.start("rest")
                rest = Line(marker_line.number, marker_line.text[start:], marker_line.key[start:])
                if answer and joined_to_marker:
                    answer[0].insert(0, rest)
                else:
                    answer.insert(0, [rest])
            text = join_paragraphs(answer)
            if not text:
                raise reader.fail(
                    question, f"question {question.text[:60]!r} sans réponse", "une réponse"
                )
            entries.append(Question(question.text, text, question.number))
        if not entries:
            raise reader.fail(
                None, "aucune question dans #FAQ", "une question, « Réponse : », une réponse"
            )
        return FaqSection(heading, subheading, intro, entries=tuple(entries))

    def rows(self, part: FaqSection, source: str) -> dict[Table, list[Row]]:
        return {
            ENTRIES: [
                Row((position, entry.question, entry.answer), entry.line)
                for position, entry in enumerate(part.entries)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        return [Prefetch("faqentry_set", FaqEntry.objects.order_by("position"), "faq_entries")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {"question": entry.question, "answer": entry.answer} for entry in career.faq_entries
        ]

    def fake(self, draft) -> FaqSection:
        return FaqSection(
            **draft.words(self.label),
            entries=tuple(
                Question(f"{question} {draft.domain} ?", draft.para(2)) for question in QUESTIONS
            ),
        )
