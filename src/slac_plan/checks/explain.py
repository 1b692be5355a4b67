"""What each validation code means and how to fix it, for `slac rules CODE` (lint rules carry
their own documentation). Written for the officer who edits the plan, not for a programmer.
"""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    "F101": """The file cannot be opened: it is missing, or you do not have permission to read it.
Check the path and the file's permissions.""",
    "F102": """A path the plan reads is not an ordinary file (a folder, a device, a broken link or a
link that loops). Plan files must be ordinary .yaml files.""",
    "F103": """The file is larger than 1 MiB. A plan file holds one recommendation and is a few
kilobytes; a file this large is a mistake or a paste gone wrong. Split it or remove what does not
belong.""",
    "F104": """The file is not inside a plan folder (no plan.yaml at or above it). Give the plan
with --plan DIR, or run slac from inside the plan's folder.""",
    "F199": """slac failed while reading this file. This is a bug in slac, not in your plan: rerun
with --traceback and report what it prints.""",
    "Y201": """The file is not UTF-8 text. Save it as UTF-8 (in VS Code: the encoding in the status
bar, then "Save with Encoding", UTF-8). A BOM and Windows line endings are fine.""",
    "Y202": """The text holds a control character (an invisible character, often pasted from Word
or email). Delete it: it would reach terminals, spreadsheets and board papers.""",
    "Y203": """The YAML cannot be read. The message names the mistake; the usual ones are:
- a colon and a space inside unquoted text. Wrong: `text: Audit: 15 files`. Right:
  `text: 'Audit: 15 files'` (put the whole text in quotes);
- no space after a key's colon. Wrong: `by_when:end May 2012`. Right: `by_when: end May 2012`;
- indentation with tabs, or list items (`- `) not lined up with their neighbours.""",
    "Y204": """The same key appears twice in one mapping, so one of the two values would be
silently lost. Keep one.""",
    "Y205": """Anchors (&name) and aliases (*name) are not allowed: they hide where a value comes
from and can make a small file expand enormously. Write the value out in full.""",
    "Y206": """A YAML tag (!something) is not allowed in a plan file. Remove it; write the value as
plain text, a number, a date or true/false.""",
    "Y207": """YAML directives (%YAML, %TAG) are not allowed. Delete the line starting with %.""",
    "Y208": """A plan file holds exactly one YAML document: it is empty, or a second document starts
with `---`. Remove the extra `---` line, or put content in the empty file.""",
    "Y209": """The top of the file must be a mapping of fields (`id: ...`, `text: ...`), not a list
or a single value.""",
    "Y210": """The file is nested more than 64 levels deep, which no plan needs. Check the
indentation.""",
    "Y211": """A number or date is out of range (a date such as 2012-02-30, or a number with
hundreds of digits). Write a real date, or quote the text.""",
    "Y212": """A key must be plain text (`by_when:`), not a list or a mapping.""",
    "Y213": """The file has more than 20,000 keys and values; a plan file holds hundreds. It is a
mistake or a paste gone wrong.""",
    "Y214": """Unquoted text stops at ` #`: YAML reads the rest of the line as a comment, so
"see minutes #4, agreed" is stored as "see minutes". If the # belongs to the text, put the whole
text in quotes: `text: 'see minutes #4, agreed'`. (A warning: a real comment is fine, but write
it with two spaces before the # and a space after it.)""",
    "V301": """A field this file does not have, usually a misspelling (`bywhen` for `by_when`); the
message suggests the nearest field, and lists the allowed ones otherwise. `slac schema` shows
every field, and VS Code completes them when the schemas are mapped.""",
    "V302": """A required field is missing (an action needs `id` and `text`, for example). Add it
where the message points.""",
    "V303": """A value of the wrong kind or form. The message says what was expected. Common ones:
- a status must be `not-started`, `in-progress` or `complete`;
- dates are written YYYY-MM-DD (2012-01-31), evidence may give a month as YYYY-MM;
- a `by_when` is text: `by_when: 2012-05-31` is read as a date, so write it in quotes
  ('2012-05-31') or as words (31 May 2012);
- true and false are the only booleans (`yes` is not one);
- ids use letters, digits, '.', '-' and '_'.""",
    "X401": """Two things share one id. Ids must be unique across the plan: reports, edits and
cross-references find things by id. Renumber one of them.""",
    "X402": """A lead's role (or evidence `by:`) names no role in roles.yaml. Write the role's id,
not its title: `role: head-safeguarding`, not `role: Head of Safeguarding` (the message gives the
id it means). A new role goes into roles.yaml first.""",
    "X403": """`accountable_to` (or a monitoring arrangement) names no board in boards.yaml and no
role in roles.yaml. Use the board's id (`lscb`); add a new board to boards.yaml.""",
    "X404": """A cross-reference names no item or action of the plan. Check the id.""",
    "X405": """The item's `section` is not one of the sections listed in plan.yaml.""",
    "X406": """An action's `outcomes` names an outcome id its item does not define (outcomes are
listed under the item's `outcomes:` as o1, o2, ...).""",
    "X407": """An id does not sit under its parent: action ids start with their item's id and a
dot (SG-R1.2 under SG-R1); sub-action ids extend their action's id with a letter (SG-R1.2a).""",
    "X408": """More than one lead is marked `responsible: true`. A SMART action has one accountable
lead: mark exactly one.""",
    "X409": """Evidence is dated before the inspection began (a warning). Plans often record work
already under way when the inspectors came, which is fine; otherwise the year is mistyped.""",
    "X410": """Evidence is dated in the future. Evidence records what has happened: date it the day
it happened.""",
    "X411": """The plan has no plan.yaml or roles.yaml. Every plan folder needs them (`slac init`
writes both); boards.yaml and glossary.yaml are needed only when the plan names boards or
acronyms.""",
    "X412": """The item's `kind` (recommendation or area-for-development) differs from its
section's kind in plan.yaml.""",
    "X413": """An acronym used in the plan is not in glossary.yaml. Board members read the report
without the plan's authors: add it to glossary.yaml with its meaning, or, if every reader knows
it, to `known_abbreviations` in plan.yaml.""",
    "X414": """`same_as` must name another action (or sub-action) of the plan, one that keeps its
own records (not itself, and not one that is kept elsewhere too).""",
    "X415": """An action with `same_as` is the same work as another action, which keeps its due,
status and evidence. Move this action's `status`, `completed_on`, `evidence`, `due_override`,
`due_moves` or `brag_override` to the action it names, or remove `same_as`.""",
    "X416": """A completion (`completed_on`), a due move (`due_moves` date), a status set by hand
(`brag_override` since) or a recommendation's `added_on` is dated in the future. Record things on
the day they happen.""",
    "X417": """An action's `status` is not one of the statuses the plan uses. By default they are
not-started, in-progress and complete; a plan that uses others (awaiting sign-off, verified, on
hold, superseded, transferred) declares them under `statuses:` in plan.yaml, each with what it
means (not-started, in-progress, done, on-hold or closed).""",
    "X418": """A section's `kind` is not one of the kinds of item the plan declares. By default
they are recommendation and area-for-development; a plan with areas for improvement, must dos or
priority actions declares them under `kinds:` in plan.yaml, each with the label reports print.""",
    "X419": """The plan's `scale:` in plan.yaml must show every state slac derives (complete,
on-track, at-risk, overdue) with some colour, and no two colours may answer to the same id,
label or alias. A RAG scale shows complete with Green: `shows: [on-track, complete]`.""",
    "X420": """A `brag_override` names a colour the plan's scale does not have. Write one of its
colours by id, label or alias (by default red, amber, green, blue, or R, A, G, B).""",
    "L001": """A `# slac: ignore[CODE]` comment gives no reason. Say why the finding does not apply:
`# slac: ignore[T002] agreed with the DCS`.""",
    "L002": """A `# slac: ignore[CODE]` comment suppresses nothing: the finding it names is not
reported on that line any more. Remove the comment.""",
    "L003": """A rule code that does not exist, in `lint:` settings of plan.yaml or in an ignore
comment. `slac rules` lists the codes.""",
}
