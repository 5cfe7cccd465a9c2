"""Reading the job-sheet text format line by line: what every section parser shares.

Structure is read from the shape of lines: "prose" lines end with sentence
punctuation, "label" lines (names, headings) do not. Texts are kept exactly
as written; non-breaking spaces only count as spaces when matching structure.
Errors name the file, the line and what was expected there.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from core.text import normalise


class JobSheetError(ValueError):
    """A sheet that cannot be read, located at `source:line`."""

    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(f"{source}:{line}: {message}")


@dataclass(frozen=True)
class Part:
    """What every part of a sheet may carry around its items.

    `line` is where it starts in the source: for error messages only, so it
    takes no part in comparisons. Each subclass names its section `kind`.
    """

    heading: str = ""
    subheading: str = ""
    intro: str = ""
    note: str = ""
    line: int = field(default=0, compare=False)

    def item_statements(self):
        """The texts of the items, in source order (between the intro and the note)."""
        return ()

    def sub_parts(self) -> tuple["Part", ...]:
        """Parts printed inside this one's section (experience paths under the diplomas)."""
        return ()

    def statements(self):
        """Every text of the part, in source order."""
        yield from (self.heading, self.subheading, self.intro)
        yield from self.item_statements()
        yield self.note
        for part in self.sub_parts():
            yield from part.statements()


@dataclass(frozen=True)
class NamedText:
    """A soft skill, a constraint or an experience path: a name and what it means here."""

    name: str
    description: str
    line: int = field(default=0, compare=False)


SPACES = re.compile(r"[\u00a0\u202f\u2007\t]")
BULLET = re.compile(r"^(?:[•●▪◦·*–—]|-(?=\s))\s*")
SENTENCE_END = (".", "!", "?", "…", "»")


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # as written, without surrounding white space
    key: str  # the same characters, with every kind of space as " "

    @property
    def blank(self) -> bool:
        return not self.key

    @property
    def is_section(self) -> bool:
        return self.key.startswith("#")

    @property
    def is_bullet(self) -> bool:
        return bool(BULLET.match(self.key))

    @property
    def is_prose(self) -> bool:
        return self.key.endswith(SENTENCE_END) and not self.is_bullet

    @property
    def is_label(self) -> bool:
        return bool(self.key) and not self.is_prose and not self.is_bullet

    @cached_property
    def normal(self) -> str:
        """Compared with headings and titles only: long prose need not be normalised."""
        return normalise(self.key) if len(self.key) <= 250 else self.key

    def without_bullet(self) -> str:
        return self.text[BULLET.match(self.key).end() :] if self.is_bullet else self.text

    def group(self, match: re.Match, name: str) -> str:
        """A regex group matched on `key`, taken from the faithful `text`."""
        start, end = match.span(name)
        return self.text[start:end].strip()


def split_lines(text: str) -> list[Line]:
    text = text.removeprefix("\ufeff")
    lines = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        stripped = raw.strip()
        lines.append(Line(number, stripped, SPACES.sub(" ", stripped)))
    return lines


def join_paragraphs(paragraphs: list[list[Line]]) -> str:
    return "\n\n".join("\n".join(line.text for line in paragraph) for paragraph in paragraphs)


class Reader:
    """Walks the lines of one section; raises errors located in the source."""

    def __init__(self, source: str, lines: list[Line], end_line: int) -> None:
        self.source = source
        self.lines = lines
        self.index = 0
        self.end_line = end_line  # the section's "#" line: where section-wide errors point

    def fail(self, line: Line | None, what: str, expected: str) -> JobSheetError:
        number = line.number if line else self.end_line
        return JobSheetError(self.source, number, f"{what} (attendu : {expected})")

    def skip_blank(self) -> None:
        while self.index < len(self.lines) and self.lines[self.index].blank:
            self.index += 1

    def peek(self) -> Line | None:
        """The next non-blank line, without consuming it."""
        self.skip_blank()
        return self.lines[self.index] if self.index < len(self.lines) else None

    def peek_after(self, line: Line) -> Line | None:
        """The first non-blank line after `line`."""
        position = self.lines.index(line) + 1
        for candidate in self.lines[position:]:
            if not candidate.blank:
                return candidate
        return None

    def take(self) -> Line:
        line = self.peek()
        assert line is not None
        self.index += 1
        return line

    def paragraphs(self, keep: Callable[[Line], bool]) -> list[list[Line]]:
        """Consecutive lines accepted by `keep`, grouped by blank lines."""
        paragraphs: list[list[Line]] = []
        current: list[Line] = []
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if line.blank:
                if current:
                    paragraphs.append(current)
                    current = []
            elif keep(line):
                current.append(line)
            else:
                break
            self.index += 1
        if current:
            paragraphs.append(current)
        return paragraphs

    def opening(self, title: str, stop: Callable[[Line], bool]) -> tuple[str, str]:
        """Heading, optional subheading; drops the career title repeated under them.

        A label line is a subheading only when prose follows it: otherwise it
        is the first item of the section.
        """
        heading = ""
        first = self.peek()
        if first and first.is_label and not stop(first):
            heading = self.take().text
        following = self.peek()
        if following and following.normal == normalise(title) and not stop(following):
            self.take()
        subheading = ""
        candidate = self.peek()
        if candidate and candidate.is_label and not stop(candidate):
            after = self.peek_after(candidate)
            if after and after.is_prose and not stop(after):
                subheading = self.take().text
        return heading, subheading

    def prose(self, stop: Callable[[Line], bool]) -> list[list[Line]]:
        return self.paragraphs(lambda line: line.is_prose and not stop(line))

    def named_texts(self, what: str) -> list[NamedText]:
        """Pairs of a name line and its description paragraph(s)."""
        items = []
        names = set()
        while (line := self.peek()) is not None:
            if not line.is_label:
                raise self.fail(line, f"ligne inattendue {line.text[:60]!r}", f"un nom de {what}")
            self.take()
            description = self.prose(never)
            if not description:
                raise self.fail(line, f"{what} {line.text!r} sans description", "un paragraphe")
            if line.normal in names:
                raise self.fail(
                    line, f"{what} {line.text!r} en double", "chaque nom une seule fois"
                )
            names.add(line.normal)
            items.append(NamedText(line.text, join_paragraphs(description), line.number))
        return items


def intro_and_note(paragraphs: list[list[Line]]) -> tuple[str, str]:
    """The last of several paragraphs before the items is the section's note."""
    if len(paragraphs) < 2:
        return join_paragraphs(paragraphs), ""
    return join_paragraphs(paragraphs[:-1]), join_paragraphs(paragraphs[-1:])


def never(line: Line) -> bool:
    return False
