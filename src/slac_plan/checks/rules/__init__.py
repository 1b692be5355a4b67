"""The SMART rules, one module each, and their explicit registry (no discovery magic)."""

from __future__ import annotations

from slac_plan.checks.rules.a001_no_lead import NoLead
from slac_plan.checks.rules.a002_no_responsible_lead import NoResponsibleLead
from slac_plan.checks.rules.a003_lead_overloaded import LeadOverloaded
from slac_plan.checks.rules.base import Finding, LintContext, Located, Rule
from slac_plan.checks.rules.e001_complete_without_evidence import CompleteWithoutEvidence
from slac_plan.checks.rules.e002_overdue_without_evidence import OverdueWithoutEvidence
from slac_plan.checks.rules.e003_status_contradicts_evidence import StatusContradictsEvidence
from slac_plan.checks.rules.m001_no_measure import NoMeasure
from slac_plan.checks.rules.p001_nhs_number import NhsNumber
from slac_plan.checks.rules.p002_email_address import EmailAddress
from slac_plan.checks.rules.p003_phone_number import PhoneNumber
from slac_plan.checks.rules.p004_postcode import Postcode
from slac_plan.checks.rules.p005_date_of_birth import DateOfBirth
from slac_plan.checks.rules.p006_person_as_lead import PersonAsLead
from slac_plan.checks.rules.r001_action_without_outcome import ActionWithoutOutcome
from slac_plan.checks.rules.r002_outcome_without_action import OutcomeWithoutAction
from slac_plan.checks.rules.r003_item_without_action import ItemWithoutAction
from slac_plan.checks.rules.s001_vague_action import VagueAction
from slac_plan.checks.rules.s002_bundled_action import BundledAction
from slac_plan.checks.rules.s003_short_action import ShortAction
from slac_plan.checks.rules.t001_no_due import NoDue
from slac_plan.checks.rules.t002_due_after_deadline import DueAfterDeadline
from slac_plan.checks.rules.t003_due_before_report import DueBeforeReport
from slac_plan.checks.rules.t004_ongoing_without_review import OngoingWithoutReview
from slac_plan.checks.rules.t005_recurring_without_start import RecurringWithoutStart

RULES: tuple[type[Rule], ...] = (
    VagueAction,
    BundledAction,
    ShortAction,
    NoMeasure,
    NoLead,
    NoResponsibleLead,
    LeadOverloaded,
    ActionWithoutOutcome,
    OutcomeWithoutAction,
    ItemWithoutAction,
    NoDue,
    DueAfterDeadline,
    DueBeforeReport,
    OngoingWithoutReview,
    RecurringWithoutStart,
    CompleteWithoutEvidence,
    OverdueWithoutEvidence,
    StatusContradictsEvidence,
    NhsNumber,
    EmailAddress,
    PhoneNumber,
    Postcode,
    DateOfBirth,
    PersonAsLead,
)
"""Every rule, in the order `slac rules` lists them."""

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

SMART_FAMILIES = {
    "S": "Specific",
    "M": "Measurable",
    "A": "Achievable",
    "R": "Relevant",
    "T": "Time-bound",
    "E": "Evidence and status",
    "P": "Privacy",
}

__all__ = ["BY_CODE", "RULES", "SMART_FAMILIES", "Finding", "LintContext", "Located", "Rule"]
