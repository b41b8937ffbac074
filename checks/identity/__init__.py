"""Asset identity across years: which row of this year's справка is which row of the previous one.

`spec` holds one declarative `IdentitySpec` per asset kind (real estate, vehicle, account, security,
liability): its identifier, its normalised keys and its ordered identity stages. `matching` runs a
spec over every pair of справки of a subject as a one-to-one assignment, in set-based SQL, and
records the stage and score of every matched pair; the year-over-year rules (`checks/rules/
dynamics_*.py`) read the matches and the rows left unmatched, and put the stage, its Russian label
and the score into every flag's evidence. `keys` binds the normalisers of
`declarations.normalise` (vehicles, banks, addresses) to the specs.
"""
