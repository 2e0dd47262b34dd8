"""Words that news reports use for one another: the matcher's default synonyms.

Each line is one group of words that outlets swap when they report the same thing ("asked
for help" / "appealed for assistance"). Words are in any form; the matcher compares their
stems. A group is not a claim that its words always mean the same: a pair of statements that
shares a synonym counts it as a near-match, less than the same word. ``synonyms`` in
``site-config/settings.yml`` adds groups of a briefing's own, or leaves these out.
"""

from __future__ import annotations

#: How much a synonym counts next to the same word (1) when statements are compared.
SYNONYM_SIMILARITY = 0.8

_GROUPS = """
help helped assist assisted assistance aid support backing
ask asked request requested appeal appealed urge urged seek sought plea
troops forces soldiers units servicemen contingent
arrive arrived arrival come came
begin began begun start started launch launched commence
continue continues continuing ongoing underway proceed persist
stop halt cease suspend
close closed closure shut block blocked
country countries nation nations
people citizens population residents civilians public
kill killed dead death deaths died fatalities
injured wounded hurt injuries
protest protests demonstration demonstrations rally rallies
protester protesters demonstrator demonstrators
unrest riots turmoil disorder upheaval
attack attacks assault raid
declare declared announce announced proclaim proclaimed
vow vowed pledge pledged promise promised
warn warned caution
claim claimed allege alleged
resign resigned quit resignation
government administration cabinet
authorities officials
big large major huge massive
short brief temporary finite
price prices cost costs
increase increased rise rose hike surge growth
decrease decreased fall fell drop dropped decline cut reduce reduced lower
fire fires blaze wildfire flames
quake earthquake tremor temblor
evacuate evacuated evacuation flee fled
home homes house houses
building buildings premises facility facilities
destroy destroyed demolish demolished ruin ruined wreck
damage damaged harm harmed
seize seized capture captured occupy occupied
militant militants insurgent insurgents gunmen fighters rebels
weapons arms guns firearms
restore restored reestablish reestablished
rights freedoms liberties
aim aimed target goal objective purpose
meeting session talks summit conference
chair chaired preside presided convene convened host hosted hold held
speech address remarks
televised television broadcast
decide decided decision
send sent dispatch dispatched deploy deployed
fight fighting battle battles combat clash clashes
city cities town towns
region regions area areas province provinces territory district
threat threats danger risk menace
investigate investigation probe inquiry
arrest arrested detain detained
vote votes ballot election elections poll
win won prevail prevailed triumph victory
penalty penalties shootout
company companies firm firms business corporation
buy bought purchase acquire acquisition takeover
complete completed completion finalize finalized close closed
workers employees staff
plan plans scheme proposal
ban banned prohibit prohibited forbid
allow allowed permit permitted
need needs require required necessary
important key crucial vital essential
quick quickly fast rapid rapidly swift swiftly
urgent urgently immediate immediately
decisive resolute tough
anti against
measures steps actions
foreign abroad overseas external
main principal primary chief
convict convicted conviction guilty
fraud defraud defrauded cheat cheated swindle swindled
child children kids minors
woman women
man men
""".strip().splitlines()

#: The default groups, each a tuple of words.
DEFAULT_SYNONYMS = tuple(tuple(line.split()) for line in _GROUPS)
