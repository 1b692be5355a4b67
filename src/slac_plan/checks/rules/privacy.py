"""Where personal data could hide in a plan, and what it looks like. Shared by the P rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import Plan
from slac_plan.core.positions import Loc, strings
from slac_plan.core.problems import Severity


def plan_texts(plan: Plan) -> Iterator[tuple[str, Loc, str]]:
    """Every piece of text in the plan: (source, data path, text)."""
    files: list[tuple[str, Loc, object]] = [
        ("plan.yaml", (), plan.meta.model_dump(by_alias=True)),
        ("roles.yaml", ("roles",), [role.model_dump(by_alias=True) for role in plan.roles]),
        ("boards.yaml", ("boards",), [board.model_dump(by_alias=True) for board in plan.boards]),
        ("glossary.yaml", ("glossary",), dict(plan.glossary)),
        *((item.id, (), item.model_dump(by_alias=True)) for item in plan.items),
    ]
    for source, loc, data in files:
        for path, text in strings(data, loc):
            yield source, path, text


NHS_NUMBER = re.compile(r"(?<![\d/.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d/.-])")


def valid_nhs_number(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weights 10..2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+\b")

UK_PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s-]?){9,10}(?![\w/.-])")

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})\b")

DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\b[:\s]*"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4})",
    re.IGNORECASE,
)

# A lead worded as a person (P006). The words are kept as lists, not patterns, so a plural
# ("School Nurses"), a possessive ("Children's") or a hyphenated word ("Multi-Agency") is
# read by stripping it to its stem, and each list can grow without touching a pattern.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    """
    Mr Mrs Ms Miss Mx Dr Prof Professor Cllr Councillor Sir Dame Lord Lady Baroness Rev Revd
    Reverend Fr Sister
    PC PCSO DC DS DI DCI DSI Sgt Sergeant Insp Inspector Supt Superintendent Constable
    """
)
"""Written before a name (the last line: police ranks, as in "DI Smith"). Case-sensitive, so
"MS Nurse" (multiple sclerosis) has no "Ms" in it."""

HONORIFIC = re.compile(
    r"(?<![\w'’.-])(?:"
    + "|".join(sorted(HONORIFICS, key=lambda word: (-len(word), word)))
    + r")\.?\s++(?=[^\W\d_])"
)
"""An honorific followed by a word: whether that word is a name is for the caller to judge
("Dr Anita Patel" is a person, "Professor of Child Health" a post)."""


ROLE_NOUNS = _words(
    # Posts and the people who hold them (singular: plurals are read by their stem).
    """
    director manager chair chairman chairwoman chairperson chief officer lead member adviser
    advisor coordinator ordinator lawyer solicitor barrister counsel worker keyworker
    caseworker matron midwife doctor physician gp paediatrician pediatrician psychiatrist
    psychologist psychotherapist therapist consultant registrar practitioner clinician
    assistant deputy principal commissioner inspector superintendent detective governor
    teacher headteacher tutor lecturer professor educator mentor guardian advocate visitor
    carer secretary treasurer auditor accountant analyst administrator receptionist
    controller supervisor trainer trainee apprentice volunteer ombudsman monitor reviewer
    assessor investigator mediator counsellor councillor mayor mayoress executive president
    vice coroner magistrate justice bailiff caretaker chaplain dietitian dietician pharmacist
    dentist optometrist podiatrist physiotherapist radiographer paramedic surgeon specialist
    technician scientist engineer planner surveyor architect librarian archivist
    statistician economist editor designer developer facilitator navigator liaison
    representative rep delegate ambassador trustee commander lieutenant chancellor cabinet
    portfolio owner sponsor senco sendco safeguarder interpreter translator staff personnel
    professional operator responder individual person people adult parent children youth
    pupil student learner patient client customer resident family leaver offender victim
    survivor witness user
    """
    # Qualifiers that make a post or a team of a noun.
    """
    named designated nominated appointed approved registered qualified accredited responsible
    accountable appropriate independent virtual strategic operational tactical clinical
    medical acting interim joint associate statutory corporate non specialist advanced
    general local national regional integrated targeted universal multi inter interagency
    shared community public primary secondary tertiary acute mental physical emotional
    behavioural special educational looked after missing serious domestic sexual social human
    private residential disabled personal modern safer best internal external further higher
    teenage adolescent
    """
    # Teams, departments, bodies and places of work.
    """
    team department dept directorate division section service unit board panel partnership
    group subgroup sub committee forum network alliance consortium collaborative council
    authority agency trust body centre center clinic practice surgery hospital infirmary
    school academy college university nursery tribunal commission inspectorate assembly
    office secretariat hub desk helpline gateway pathway programme program project
    initiative scheme register provider setting workforce pool cluster locality area region
    district borough county city metropolitan met constabulary police force fire rescue
    ambulance probation prison society federation institute function parliament
    ministry government bureau campus hostel refuge wing laboratory pharmacy front door
    """
    # Functions and fields of work.
    """
    safeguarding protection prevention intervention support help care health wellbeing
    welfare education learning skills training development improvement quality assurance
    performance standard governance compliance audit risk commissioning contract procurement
    finance financial budget resources legal information data intelligence record system
    technology ict digital communications comms media press marketing engagement
    participation voice advocacy complaint relations admissions attendance inclusion
    exclusion needs disability transport estates property facilities operations business
    administration admin payroll pension benefit revenues licensing regulation enforcement
    trading environmental environment planning regeneration housing homelessness tenancy
    neighbourhood cohesion equality equalities diversity crime offending offence adoption
    fostering placement permanence respite breaks short leaving aftercare transition contact
    referral assessment review reviewing conference overview death exploitation abuse
    violence misuse substance drug alcohol action pregnancy maternity neonatal nursing
    midwifery immunisation vaccination screening visiting therapy psychology psychiatry
    dental medicine infection control safety incident investigation enquiry policy strategy
    research evaluation insight income payment purchasing supplies catering security
    emergency urgent resilience continuity scrutiny democratic electoral registration culture
    leisure sport library parks highways waste transformation change efficiency parenting
    childcare years play duty intake access triage response rapid options rights interests
    interpreting assault prosecution crown behaviour teaching governing troubled language
    speech occupational
    """
)
"""Words of a post, team, department, service, function or statutory role. A wording with
one of them is not a plain name ("Caldicott Guardian", "Early Help", "Human Resources")."""

AMBIGUOUS_ROLE_NOUNS = _words(
    """
    head nurse sister ward bishop dean judge clerk porter warden steward marshal marshall
    sheriff constable sergeant major leader senior junior young early child north south east
    west hall house home chamber church chapel court bank grant law link line foster parish
    master fellow reader holder champion day
    """
)
"""Words of posts that are also surnames ("Jane Ward", "John Head"): a wording of them alone
is a post ("Ward Sister", "Senior Nurse"), one with a word that is only a name a person."""

ROLE_SUFFIXES = tuple(
    sorted(
        _words(
            """
            ation ition ution ction ssion nsion ology ologist iatric iatrics iatry iatrist ician
            apist worker officer manager ordinator
            """
        )
    )
)
"""Endings of a field or post ("Protection", "Radiology", "Physician", "Caseworker") that no
common name has, in words of eight letters or more (plus "-ment" from nine: not "Clement")."""

NAME_PARTICLES = _words(
    "van von de der den del della di da dos das du la le bin binti ibn al el ap"
)
"""Lower-case words inside a name ("Maria de Souza", "Rhys ap Gwilym", "Ibrahim al-Hassan")."""

ROLE_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(map(re.escape, ROLE_NOUNS | AMBIGUOUS_ROLE_NOUNS), key=lambda w: (-len(w), w))
    )
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)
"""A word of a post or team anywhere in free text (the literal lists, singular or plural)."""

_NAME_WORD = r"[^\W\d_]++(?:['’-][^\W\d_]++)*+\.?"

PERSON_NAME = re.compile(rf"^{_NAME_WORD}(?:\s++{_NAME_WORD}){{1,5}}\Z")
"""The shape of a plain name: two to six words of letters (an apostrophe or hyphen inside,
a dot after an initial). Python's patterns cannot say "a capital", so the caller checks
capitals word by word. Possessive quantifiers: no backtracking on long input."""


class TextPatternRule(Rule):
    """A privacy rule that looks for one pattern in every piece of text of the plan."""

    severity = Severity.ERROR
    pattern: ClassVar[re.Pattern[str]]
    found: ClassVar[str]
    """The finding's message."""

    def accept(self, match: re.Match[str]) -> bool:
        """Whether a match really is the personal data (a check digit, a digit count)."""
        return True

    def check(self, context: LintContext) -> Iterator[Finding]:
        for source, loc, text in plan_texts(context.plan):
            if any(self.accept(match) for match in self.pattern.finditer(text)):
                yield Finding(source, loc, self.found)
