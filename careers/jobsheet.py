"""Parse a job sheet (fiche métier) text file into frozen dataclasses.

Pure Python, no database: `parse_jobsheet(text, source=...)` returns a
`JobSheet` or raises `JobSheetError` naming the file, the line and what was
expected there.

The format, as the seed sheets write it:

    Title                                    line 1
    Summary                                  line 2
    Profil d'épanouissement                  then "Label NN%" + hint, five times
    #MISSIONS, #SOFTSKILLS, #HARDSKILLS, #FORMATIONS (or #PARCOURS / DIPLÔMES),
    #OUTILS, #CONTRAINTES, #SALAIRE (or #SALAIRE ET ÉVOLUTION), #FAQ

Sections come in any order and each is optional. Inside a section the first
line is its heading; a line repeating the career title right after it is
dropped. Structure is read from the shape of lines: "prose" lines end with
sentence punctuation, "label" lines (names, headings) do not. Texts are kept
exactly as written; non-breaking spaces only count as spaces when matching
structure.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from skills.text import normalise


class JobSheetError(ValueError):
    """A sheet that cannot be read, located at `source:line`."""

    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(f"{source}:{line}: {message}")


# --- What a sheet holds ------------------------------------------------------
# `line` is where an item starts in the source: for error messages only, so it
# takes no part in comparisons.


@dataclass(frozen=True)
class FulfilmentDimension:
    label: str
    percent: int
    hint: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class FulfilmentProfile:
    heading: str
    dimensions: tuple[FulfilmentDimension, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Section:
    """What every `#` section may carry around its items."""

    heading: str = ""
    subheading: str = ""
    intro: str = ""
    note: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Task:
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class MissionsSection(Section):
    blocks: tuple[tuple[Task, ...], ...] = ()


@dataclass(frozen=True)
class NamedText:
    """A soft skill or a constraint: a name and what it means for this career."""

    name: str
    description: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class SoftSkillsSection(Section):
    skills: tuple[NamedText, ...] = ()


@dataclass(frozen=True)
class HardSkill:
    score: int
    name: str
    keywords: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class HardSkillsSection(Section):
    skills: tuple[HardSkill, ...] = ()


@dataclass(frozen=True)
class EducationLevel:
    name: str
    level_label: str
    ects: int | None
    description: str = ""
    career_text: str = ""
    note: str = ""
    programmes_label: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ExperiencePath:
    title: str
    description: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ExperiencePart(Section):
    """ "EXPERIENCE PROFESSIONNELLE": the second half of the education section."""

    paths: tuple[ExperiencePath, ...] = ()


@dataclass(frozen=True)
class EducationSection(Section):
    levels: tuple[EducationLevel, ...] = ()
    experience: ExperiencePart | None = None


@dataclass(frozen=True)
class Tool:
    name: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ToolFamilyBlock:
    name: str
    tools: tuple[Tool, ...]
    description: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ToolsSection(Section):
    families: tuple[ToolFamilyBlock, ...] = ()


@dataclass(frozen=True)
class ConstraintsSection(Section):
    constraints: tuple[NamedText, ...] = ()


@dataclass(frozen=True)
class SalaryBand:
    label: str
    experience: str
    min_eur: int
    max_eur: int
    period: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class EvolutionPart(Section):
    """ "EVOLUTION DE CARRIERE": the paragraphs closing the salary section."""


@dataclass(frozen=True)
class SalarySection(Section):
    """`note` holds what follows the bands (the « quote »)."""

    bands: tuple[SalaryBand, ...] = ()
    evolution: EvolutionPart | None = None


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class FaqSection(Section):
    entries: tuple[FaqEntry, ...] = ()


@dataclass(frozen=True)
class JobSheet:
    source: str
    title: str
    summary: str
    profile: FulfilmentProfile | None
    sections: tuple[Section, ...]

    def statements(self) -> Iterator[str]:
        """Every text of the sheet, in source order: what the tests check reaches the database."""
        yield self.title
        yield self.summary
        if self.profile:
            yield self.profile.heading
            for dimension in self.profile.dimensions:
                yield dimension.label
                yield dimension.hint
        for section in self.sections:
            yield from _section_statements(section)


def _section_statements(section: Section) -> Iterator[str]:
    yield from (section.heading, section.subheading, section.intro)
    match section:
        case MissionsSection():
            for block in section.blocks:
                yield from (task.text for task in block)
        case SoftSkillsSection():
            for skill in section.skills:
                yield from (skill.name, skill.description)
        case HardSkillsSection():
            for hard in section.skills:
                yield from (hard.name, hard.keywords)
        case EducationSection():
            for level in section.levels:
                yield from (level.name, level.level_label, level.description)
                yield from (level.career_text, level.note, level.programmes_label)
        case ToolsSection():
            for family in section.families:
                yield family.name
                yield from (tool.name for tool in family.tools)
                yield family.description
        case ConstraintsSection():
            for constraint in section.constraints:
                yield from (constraint.name, constraint.description)
        case SalarySection():
            for band in section.bands:
                yield from (band.label, band.experience, band.period)
        case FaqSection():
            for entry in section.entries:
                yield from (entry.question, entry.answer)
        case ExperiencePart():
            for path in section.paths:
                yield from (path.title, path.description)
    yield section.note
    match section:
        case EducationSection(experience=ExperiencePart() as experience):
            yield from _section_statements(experience)
        case SalarySection(evolution=EvolutionPart() as evolution):
            yield from _section_statements(evolution)


# --- Reading lines --------------------------------------------------------------

SPACES = re.compile(r"[\u00a0\u202f\u2007\t]")
BULLET = re.compile(r"^(?:[•●▪◦·*–—]|-(?=\s))\s*")
SENTENCE_END = (".", "!", "?", "…", "»")
PERCENT_LINE = re.compile(r"^(?P<label>\S.*?)\s*:?\s*(?P<percent>\d+)\s*%$")
SCORE_LINE = re.compile(r"^(?P<score>\d+)\s*\|\s*(?P<name>\S.*)$")
LEVEL_LINE = re.compile(
    r"^(?P<label>[^|]*?)\s*\|\s*\(\s*(?P<ects>\d+)\s*cr[ée]dits?\s+ects\s*\)$", re.IGNORECASE
)
BARE_LEVEL_LINE = re.compile(r"^(?P<label>bac\s*\+\s*\d+)$", re.IGNORECASE)
BAND_LABEL = re.compile(r"^(?P<label>[^()]*?)\s*\((?P<experience>[^()]*)\)$")
AMOUNT = r"\d[\d .]*?"
AMOUNT_LINE = re.compile(
    rf"^de\s+(?P<min>{AMOUNT})\s*€\s*(?:à|a)\s+(?P<max>{AMOUNT})\s*€\s*(?P<period>.*)$",
    re.IGNORECASE,
)
ANSWER_LINE = re.compile(r"^r[ée]ponse\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
PROFILE_HEADING = "profil d'epanouissement"
EXPERIENCE_HEADING = "experience professionnelle"
EVOLUTION_HEADING = "evolution de carriere"


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


def intro_and_note(paragraphs: list[list[Line]]) -> tuple[str, str]:
    """The last of several paragraphs before the items is the section's note."""
    if len(paragraphs) < 2:
        return join_paragraphs(paragraphs), ""
    return join_paragraphs(paragraphs[:-1]), join_paragraphs(paragraphs[-1:])


def never(line: Line) -> bool:
    return False


# --- Sections ----------------------------------------------------------------------


def parse_missions(reader: Reader, title: str) -> MissionsSection:
    heading, subheading = reader.opening(title, lambda line: line.is_bullet)
    intro, note = intro_and_note(reader.prose(never))
    blocks = []
    for paragraph in reader.paragraphs(lambda line: True):
        for line in paragraph:
            if line.is_prose:
                raise reader.fail(
                    line,
                    f"une phrase parmi les tâches : {line.text[:60]!r}",
                    "des tâches, une par ligne, commençant par « • » ou « - », "
                    "ou sans ponctuation finale",
                )
        blocks.append(tuple(Task(line.without_bullet(), line.number) for line in paragraph))
    if not blocks:
        raise reader.fail(
            None, "aucune tâche dans #MISSIONS", "des lignes de tâches commençant par « • »"
        )
    return MissionsSection(heading, subheading, intro, note, blocks=tuple(blocks))


def parse_named_texts(reader: Reader, what: str) -> list[NamedText]:
    """Pairs of a name line and its description paragraph(s)."""
    items = []
    names = set()
    while (line := reader.peek()) is not None:
        if not line.is_label:
            raise reader.fail(line, f"ligne inattendue {line.text[:60]!r}", f"un nom de {what}")
        reader.take()
        description = reader.prose(never)
        if not description:
            raise reader.fail(line, f"{what} {line.text!r} sans description", "un paragraphe")
        if line.normal in names:
            raise reader.fail(line, f"{what} {line.text!r} en double", "chaque nom une seule fois")
        names.add(line.normal)
        items.append(NamedText(line.text, join_paragraphs(description), line.number))
    return items


def parse_soft_skills(reader: Reader, title: str) -> SoftSkillsSection:
    heading, subheading = reader.opening(title, never)
    intro, note = intro_and_note(reader.prose(never))
    skills = parse_named_texts(reader, "soft skill")
    if not skills:
        raise reader.fail(
            None, "aucune soft skill dans #SOFTSKILLS", "une ligne de nom puis un paragraphe"
        )
    return SoftSkillsSection(heading, subheading, intro, note, skills=tuple(skills))


def parse_constraints(reader: Reader, title: str) -> ConstraintsSection:
    heading, subheading = reader.opening(title, never)
    intro, note = intro_and_note(reader.prose(never))
    constraints = parse_named_texts(reader, "contrainte")
    if not constraints:
        raise reader.fail(
            None, "aucune contrainte dans #CONTRAINTES", "une ligne de nom puis un paragraphe"
        )
    return ConstraintsSection(heading, subheading, intro, note, constraints=tuple(constraints))


def is_score_line(line: Line) -> bool:
    return bool(SCORE_LINE.match(line.key))


def parse_hard_skills(reader: Reader, title: str) -> HardSkillsSection:
    heading, subheading = reader.opening(title, is_score_line)
    intro, note = intro_and_note(reader.prose(is_score_line))
    skills = []
    names = set()
    while (line := reader.peek()) is not None:
        match = SCORE_LINE.match(line.key)
        if not match:
            raise reader.fail(
                line, f"ligne inattendue {line.text[:60]!r}", "une ligne comme « 90 | Nom »"
            )
        reader.take()
        score = int(match["score"])
        if score > 100:
            raise reader.fail(line, f"score de hard skill {score} supérieur à 100", "de 0 à 100")
        keywords = reader.peek()
        if keywords is None or is_score_line(keywords):
            raise reader.fail(
                line, f"hard skill {match['name']!r} sans mots-clés", "une ligne de mots-clés"
            )
        reader.take()
        if normalise(match["name"]) in names:
            raise reader.fail(
                line, f"hard skill {match['name']!r} en double", "chaque hard skill une seule fois"
            )
        names.add(normalise(match["name"]))
        skills.append(HardSkill(score, line.group(match, "name"), keywords.text, line.number))
    if not skills:
        raise reader.fail(
            None, "aucune hard skill dans #HARDSKILLS", "des lignes comme « 90 | Nom »"
        )
    return HardSkillsSection(heading, subheading, intro, note, skills=tuple(skills))


def parse_tools(reader: Reader, title: str) -> ToolsSection:
    heading, subheading = reader.opening(title, never)
    intro, note = intro_and_note(reader.prose(never))
    families = []
    seen_tools: set[str] = set()
    seen_families: set[str] = set()
    while (name := reader.peek()) is not None:
        if not name.is_label:
            raise reader.fail(
                name, f"ligne inattendue {name.text[:60]!r}", "un nom de famille d'outils"
            )
        reader.take()
        tools = []
        while (line := reader.peek()) is not None and (line.is_bullet or line.is_label):
            if reader.lines[reader.index - 1].blank and not line.is_bullet:
                break  # a plain line after a blank one starts the next family
            reader.take()
            if line.normal == name.normal:
                break  # the family name printed again closes its list of tools
            tool = line.without_bullet()
            if normalise(tool) in seen_tools:
                raise reader.fail(line, f"outil {tool!r} en double", "chaque outil une seule fois")
            seen_tools.add(normalise(tool))
            tools.append(Tool(tool, line.number))
        if not tools:
            raise reader.fail(
                line, f"famille d'outils {name.text!r} sans outil", "des lignes d'outils"
            )
        if name.normal in seen_families:
            raise reader.fail(
                name, f"famille d'outils {name.text!r} en double", "chaque famille une seule fois"
            )
        seen_families.add(name.normal)
        description = join_paragraphs(reader.prose(never))
        families.append(ToolFamilyBlock(name.text, tuple(tools), description, name.number))
    if not families:
        raise reader.fail(
            None,
            "aucune famille d'outils dans #OUTILS",
            "un nom de famille puis des lignes d'outils",
        )
    return ToolsSection(heading, subheading, intro, note, families=tuple(families))


def parse_education(reader: Reader, title: str) -> EducationSection:
    def starts_level(line: Line) -> bool:
        after = reader.peek_after(line)
        return (
            line.is_label
            and after is not None
            and bool(LEVEL_LINE.match(after.key) or BARE_LEVEL_LINE.match(after.key))
        )

    def stop(line: Line) -> bool:
        return line.normal == EXPERIENCE_HEADING or starts_level(line)

    heading, subheading = reader.opening(title, stop)
    intro = join_paragraphs(reader.prose(stop))
    levels = []
    closing: list[list[Line]] = []
    while (line := reader.peek()) is not None and line.normal != EXPERIENCE_HEADING:
        if not starts_level(line):
            raise reader.fail(
                line,
                f"ligne inattendue {line.text[:60]!r}",
                "un nom de diplôme puis « BAC +2 | … »",
            )
        name = reader.take()
        level_line = reader.take()
        match = LEVEL_LINE.match(level_line.key) or BARE_LEVEL_LINE.match(level_line.key)
        ects = int(match["ects"]) if "ects" in match.groupdict() else None
        if ects is not None and ects > 600:
            raise reader.fail(level_line, f"{ects} crédits ECTS", "600 au plus")
        prose, label, after_label = [], [], []
        for paragraph in reader.paragraphs(lambda line: not stop(line)):
            if all(line.is_label for line in paragraph) and not label and prose:
                label = paragraph
            elif any(not line.is_prose for line in paragraph):
                raise reader.fail(
                    paragraph[0],
                    f"ligne inattendue {paragraph[0].text[:60]!r} sous {name.text!r}",
                    "des paragraphes, puis les lignes « Les formations proposées »",
                )
            elif label:
                after_label.append(paragraph)
            else:
                prose.append(paragraph)
        is_last = reader.peek() is None or reader.peek().normal == EXPERIENCE_HEADING
        if after_label and not is_last:
            raise reader.fail(
                after_label[0][0],
                "un paragraphe après la liste des formations proposées",
                "le nom du diplôme suivant",
            )
        if is_last and not label:
            # Paragraphs after the last diploma's two close the whole list.
            prose, after_label = prose[:2], prose[2:]
        closing = after_label
        levels.append(
            EducationLevel(
                name=name.text,
                level_label=level_line.group(match, "label"),
                ects=ects,
                description=join_paragraphs(prose[:1]),
                career_text=join_paragraphs(prose[1:2]),
                note=join_paragraphs(prose[2:]),
                programmes_label=join_paragraphs([label]) if label else "",
                line=name.number,
            )
        )
    experience = parse_experience(reader) if reader.peek() else None
    if not levels and not (experience and experience.paths):
        raise reader.fail(
            None,
            "aucun diplôme ni parcours par l'expérience dans la section",
            "« BTS » puis « BAC +2 | … »",
        )
    return EducationSection(
        heading,
        subheading,
        intro,
        join_paragraphs(closing),
        levels=tuple(levels),
        experience=experience,
    )


def parse_experience(reader: Reader) -> ExperiencePart:
    heading = reader.take()
    subheading = ""
    candidate = reader.peek()
    if candidate and candidate.is_label:
        after = reader.peek_after(candidate)
        if after and after.is_prose:
            subheading = reader.take().text
    intro = join_paragraphs(reader.prose(never))
    paths = parse_named_texts(reader, "parcours")
    return ExperiencePart(
        heading.text,
        subheading,
        intro,
        line=heading.number,
        paths=tuple(ExperiencePath(path.name, path.description, path.line) for path in paths),
    )


def parse_amount(reader: Reader, label: Line) -> SalaryBand:
    amount = reader.peek()
    match = AMOUNT_LINE.match(amount.key) if amount else None
    if not match:
        raise reader.fail(
            amount,
            f"montants illisibles pour {label.text!r}",
            "une ligne comme « De 22000€ à 26000€ brut par an »",
        )
    reader.take()
    low, high = (int(re.sub(r"[ .]", "", match[name])) for name in ("min", "max"))
    if low > high:
        raise reader.fail(
            amount, f"salaire minimum {low} supérieur au maximum {high}", "minimum ≤ maximum"
        )
    band = BAND_LABEL.match(label.key)
    return SalaryBand(
        label=label.group(band, "label") if band else label.text,
        experience=label.group(band, "experience") if band else "",
        min_eur=low,
        max_eur=high,
        period=amount.group(match, "period"),
        line=label.number,
    )


def parse_salary(reader: Reader, title: str) -> SalarySection:
    def stop(line: Line) -> bool:
        return line.normal == EVOLUTION_HEADING or line.key.startswith("«")

    heading, subheading = reader.opening(title, stop)
    intro = join_paragraphs(reader.prose(stop))
    bands = []
    notes: list[list[Line]] = []
    evolution = None

    def is_note(line: Line) -> bool:
        return line.normal != EVOLUTION_HEADING and (line.key.startswith("«") or not line.is_label)

    while (line := reader.peek()) is not None:
        if line.normal == EVOLUTION_HEADING:
            reader.take()
            text = join_paragraphs(reader.paragraphs(lambda line: True))
            evolution = EvolutionPart(line.text, intro=text, line=line.number)
        elif is_note(line):
            notes.extend(reader.paragraphs(is_note))
        else:
            bands.append(parse_amount(reader, reader.take()))
    if not bands:
        raise reader.fail(
            None,
            "aucune fourchette de salaire",
            "« DÉBUTANT (- de 3ans) » puis « De 22000€ à 26000€ brut par an »",
        )
    return SalarySection(
        heading, subheading, intro, join_paragraphs(notes), bands=tuple(bands), evolution=evolution
    )


def parse_faq(reader: Reader, title: str) -> FaqSection:
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
        joined_to_marker = reader.index < len(reader.lines) and not reader.lines[reader.index].blank
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
        entries.append(FaqEntry(question.text, text, question.number))
    if not entries:
        raise reader.fail(
            None, "aucune question dans #FAQ", "une question, « Réponse : », une réponse"
        )
    return FaqSection(heading, subheading, intro, entries=tuple(entries))


SECTION_PARSERS: dict[str, Callable[[Reader, str], Section]] = {
    "missions": parse_missions,
    "softskills": parse_soft_skills,
    "hardskills": parse_hard_skills,
    "formations": parse_education,
    "parcoursdiplomes": parse_education,
    "outils": parse_tools,
    "contraintes": parse_constraints,
    "salaire": parse_salary,
    "salaireetevolution": parse_salary,
    "faq": parse_faq,
}
SECTION_NAMES = (
    "#MISSIONS, #SOFTSKILLS, #HARDSKILLS, #FORMATIONS, #PARCOURS / DIPLÔMES, #OUTILS, "
    "#CONTRAINTES, #SALAIRE, #SALAIRE ET ÉVOLUTION, #FAQ"
)


def section_key(line: Line) -> str:
    return re.sub(r"[^a-z]", "", normalise(line.key[1:]))


# --- The whole sheet ------------------------------------------------------------------


def parse_profile(reader: Reader) -> FulfilmentProfile | None:
    """The profile block; a copy printed again must be identical."""
    copies: list[tuple[Line, list[FulfilmentDimension]]] = []
    while (line := reader.peek()) is not None:
        if line.normal != PROFILE_HEADING:
            if not copies:
                raise reader.fail(
                    line, f"ligne inattendue {line.text[:60]!r}", "« Profil d'épanouissement »"
                )
            raise reader.fail(line, f"ligne inattendue {line.text[:60]!r}", "« Libellé 65% »")
        reader.take()
        dimensions: list[FulfilmentDimension] = []
        while (entry := reader.peek()) is not None and entry.normal != PROFILE_HEADING:
            match = PERCENT_LINE.match(entry.key)
            if not match:
                raise reader.fail(
                    entry,
                    f"ligne inattendue {entry.text[:60]!r}",
                    "une ligne comme « Qualité de vie 65% »",
                )
            reader.take()
            percent = int(match["percent"])
            if percent > 100:
                raise reader.fail(entry, f"pourcentage {percent} supérieur à 100", "de 0 à 100")
            label = entry.group(match, "label")
            if any(normalise(label) == normalise(known.label) for known in dimensions):
                raise reader.fail(
                    entry, f"dimension {label!r} en double", "chaque dimension une seule fois"
                )
            hint = reader.peek()
            has_hint = (
                hint is not None
                and hint.normal != PROFILE_HEADING
                and not PERCENT_LINE.match(hint.key)
            )
            if has_hint:
                reader.take()
            dimensions.append(
                FulfilmentDimension(label, percent, hint.text if has_hint else "", entry.number)
            )
        if not dimensions:
            raise reader.fail(
                reader.peek(), "profil d'épanouissement vide", "« Qualité de vie 65% »"
            )
        if copies and (line.text, dimensions) != (copies[0][0].text, copies[0][1]):
            original = copies[0][1]
            differing = [
                copy.line
                for index, copy in enumerate(dimensions)
                if index >= len(original) or copy != original[index]
            ]
            raise JobSheetError(
                reader.source,
                differing[0] if differing else line.number,
                "profil d'épanouissement répété avec d'autres valeurs "
                f"(attendu : une copie identique du bloc de la ligne {copies[0][0].number})",
            )
        copies.append((line, dimensions))
    if not copies:
        return None
    heading, dimensions = copies[0]
    return FulfilmentProfile(heading.text, tuple(dimensions), heading.number)


def parse_jobsheet(text: str, *, source: str) -> JobSheet:
    lines = split_lines(text)
    section_starts = [index for index, line in enumerate(lines) if line.is_section]
    head_end = section_starts[0] if section_starts else len(lines)
    head = Reader(source, lines[:head_end], lines[head_end - 1].number if head_end else 1)

    title = head.peek()
    if title is None or title.normal == PROFILE_HEADING:
        found = lines[head_end] if title is None and section_starts else title
        raise head.fail(found, "pas d'intitulé", "l'intitulé du métier en ligne 1")
    head.take()
    summary = head.peek()
    if summary is None or summary.normal == PROFILE_HEADING:
        line = summary or (lines[head_end] if section_starts else None)
        raise head.fail(line, "pas de résumé", "un résumé d'une ligne en ligne 2")
    head.take()
    profile = parse_profile(head)

    sections = []
    seen: dict[str, Line] = {}
    for position, start in enumerate(section_starts):
        marker = lines[start]
        key = section_key(marker)
        if key not in SECTION_PARSERS:
            raise JobSheetError(
                source,
                marker.number,
                f"section inconnue {marker.text!r} (attendu : {SECTION_NAMES})",
            )
        parser = SECTION_PARSERS[key]
        if parser in {SECTION_PARSERS[other] for other in seen}:
            first = next(line for other, line in seen.items() if SECTION_PARSERS[other] is parser)
            raise JobSheetError(
                source,
                marker.number,
                f"section {marker.text!r} en double (attendu : une seule fois ; "
                f"première à la ligne {first.number})",
            )
        seen[key] = marker
        end = section_starts[position + 1] if position + 1 < len(section_starts) else len(lines)
        body = lines[start + 1 : end]
        reader = Reader(source, body, marker.number)
        if reader.peek() is None:
            raise reader.fail(marker, f"section {marker.text!r} vide", "son titre et ses éléments")
        section = parser(reader, title.text)
        sections.append(replace(section, line=marker.number))
    return JobSheet(source, title.text, summary.text, profile, tuple(sections))


# The system's own wording (error.strerror) is English: the usual cases in French.
READ_ERRORS = {
    FileNotFoundError: "fichier introuvable",
    IsADirectoryError: "c'est un dossier (attendu : un fichier texte)",
    PermissionError: "lecture du fichier non autorisée",
}


def read_jobsheet(path: Path) -> JobSheet:
    """Parse a file; anything but UTF-8 text (a BOM is fine) is refused, located."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        message = READ_ERRORS.get(type(error), f"fichier illisible : {error.strerror}")
        raise JobSheetError(source, 0, message) from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise JobSheetError(source, 1, "texte encodé en UTF-16 (attendu : UTF-8)")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            raise JobSheetError(source, line, "texte encodé en UTF-16 (attendu : UTF-8)")
        raise JobSheetError(
            source, line, "contenu binaire, un octet NUL (attendu : du texte UTF-8)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise JobSheetError(
            source,
            line,
            f"l'octet 0x{byte:02X} n'est pas de l'UTF-8 (attendu : du texte UTF-8 ; "
            "le fichier a-t-il été enregistré en Latin-1 ou en Windows-1252, "
            "ou coupé au milieu d'un caractère ?)",
        ) from error
    if not text.strip():
        raise JobSheetError(
            source, 1, "fichier vide (attendu : un intitulé, un résumé et des sections)"
        )
    return parse_jobsheet(text, source=source)
