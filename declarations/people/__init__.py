"""Person resolution for public declarations: which sections belong to one person.

Public (Declarator) data carries no personnel numbers, so after every `declarations
load` the store decides which declarant sections are one person, and says why:

1. `sections` gathers one row per declarant section (name, year, organisation, role,
   incomes, family, real estate, vehicles) from the store;
2. `names` parses the published name into folded surname, given name, patronymic
   and initials, and makes the blocking key (surname + both initials);
3. `pairs` pairs the sections of one block and measures their agreement;
4. `model` turns the agreement into a probability (a logistic score with fixed,
   documented weights tuned on Declarator's labelled pairs) and readable reasons;
5. `cluster` joins sections into people from the most to the least likely link,
   refusing any join that would give one person two different declarations for
   one year in one organisation;
6. `persist` writes `person_links` and reassigns `person_id` everywhere.

Lives in the core package because `load` runs it; it imports nothing from `checks`.
"""

from .run import LinkSummary, link_people  # noqa: E402

__all__ = ["LinkSummary", "link_people"]
