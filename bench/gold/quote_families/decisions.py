# ruff: noqa: E501  (a table of reading decisions, one family a line)
"""The reading decisions behind ``families.jsonl``, and the script that writes it.

``D`` numbers the sets of :func:`propose.components` (``C104`` is ``D[104]``; member numbers are positions in
the set), ``P`` the candidates of :func:`propose.candidates` (PolNeAR train). Each entry lists, for one set,
the families read in it: (members, speaker, note). A speaker ``"o:NAME"`` is an organisation; ``None`` means
the speaker could not be told from the text read. Quotes of a set not listed were left out (titles of
books, shows and laws, extraction debris, or a call the reader could not make). Families of one quote are
the hard negatives. Run from the repository root:

    python bench/gold/quote_families/decisions.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from propose import candidates, components  # noqa: E402

D = {
104: [([0,1,2,4,5,8,9,10,11,12,15,16,17], "Jack Ketsoyan", "rep's statement; 9 and 17 quote both sentences, so both are one utterance"),
      ([3], "Tara Reid", ""), ([6], None, "a friend"), ([7], "Tara Reid", ""), ([13], None, "film director"), ([14], None, "")],
105: [([0,1,2,3], "Tara Reid", "one interview remark quoted in parts; 2 holds most of it")],
106: [([0,2,3,4,5], "Mark Heller", ""), ([1], "o:California Department of Alcohol and Drug Programs", "")],
107: [([0], "Shawn Holley", ""), ([1], None, "an unnamed source")],
108: [([0,1,2], "Mark Heller", "")],
110: [([0], None, "report of an offer"), ([1], "John Henry", "")],
112: [([0,1], "John Henry", "")],
113: [([0,1], "Tadzhigul Begmedova", "")],
114: [([0,1], None, "Turkmen rights group head")],
115: [([0,1], "Maral", "one elided")],
117: [([0,1], "o:Defence Ministry", "")],
118: [([1,6], "o:Indian Navy", "statement phrase"), ([0], None, ""), ([3], None, ""), ([4], None, ""), ([5], None, "")],  # on review: 2 left out (the statement's words or the officer's? can't tell)
119: [([0,1,4,6,7], "Sarah Palin", "her office's statement, quoted directly and in part"),
      ([2,5,8,9], "Bill McAllister", "spokesman's sentence; 8 and 9 are its two halves")],
120: [([0,1,2,3], "Larry Kroon", "")],
121: [([0,1,2], "James Steele", "")],
122: [([0], None, "head minister"), ([1], None, ""), ([2], None, "")],
123: [([0,3,4], "James Steele", "0 holds both sentences 3 and 4 quote apart"), ([1], None, "similar sense, other words"), ([2], None, "")],
125: [([0,1], "o:Focus on the Family", "mission statement")],
128: [([0,1,2], "o:Surrey Police", ""), ([3], "o:Surrey Police", "same speaker, other statement")],
129: [([0,1], "Guest", "")],
130: [([0,1], "Guest", "same speaker as 129, next sentence")],
132: [([0,1], None, "fire officer")],
133: [([0], "Hickok", ""), ([1], None, "")],
134: [([0], "Steve Cooley", ""), ([1], "Steve Cooley", "same speaker, other remark"), ([3], "Lee Baca", ""), ([4], "Lee Baca", "next sentence"),
      ([5], "Steve Cooley", ""), ([6], "Perlo", ""), ([7], "Chela Ortiz", ""), ([8], "Chela Ortiz", "")],
136: [([0,3], "Charlie Kafoury", ""), ([1,4], "Charlie Kafoury", "same speaker, next sentence"), ([2], "Larson", "")],
137: [([0,1], "Gerry Scherlinck", "")],
138: [([0,1], "Bill Adgate", "")],
139: [([0,1], "o:Vancouver police", "")],
141: [([1,3], "Tim Fanning", ""), ([0], None, ""), ([2], None, "")],
142: [([0,1,2,3], "Luke Pigeon", "")],
143: [([0,1,2], "Tim Fanning", "")],
145: [([0], None, ""), ([1], "Tim Fanning", "")],
146: [([0,1], "Luke Pigeon", "")],
147: [([0,1], "Mark Pinder", "")],
148: [([0,1,2], None, "a witness; 1 cut short")],
150: [([0,1,2], None, "protesters' chant, transcribed three ways")],
151: [([0,1], None, "")],
152: [([0,1], None, "")],
153: [([0,1], None, "0 is a fragment")],
154: [([0], None, ""), ([1], "Davis", "")],
155: [([0], None, ""), ([1], "Lee", "")],
156: [([0], "Williams", ""), ([1], "McPhatter", "")],
158: [([0,1], None, "")],
159: [([0,1], "Kyriakides", "")],
160: [([0,1], None, "")],
161: [([0], None, ""), ([1], None, ""), ([2], "George Bergeles", ""), ([3], None, ""), ([4], None, ""), ([6], None, "")],
163: [([0,2,4,5,8,12], "Craig Zadan", "producers' joint statement"), ([1,3,7,10], "Paul Lee", ""),
      ([6,9], "Cheryl Boone Isaacs", "")],
165: [([0], "Laurence Mark", ""), ([3], "Laurence Mark", "same speaker, other remark")],
166: [([1,2,3,4,5,8], "Laurence Mark", "producers' statement: 8 and 5 join its sentences"), ([0], None, ""), ([6], None, ""), ([7], None, "")],
167: [([0,1], "Hugh Jackman", "")],
169: [([0], "Azm Al Homoud", ""), ([1], None, "")],
170: [([0], "Sara Sadeqi", ""), ([1], None, "similar sense, other speaker")],
171: [([0,1], None, "the same remark translated two ways (Persian)")],
172: [([0,1], "Mehdi Irannejad", "")],
173: [([0,1], "Gallagher", "transcribed two ways")],
174: [([0,1], "Marty Earley", "")],
177: [([0,1], "Clark", "")],
178: [([0,1], None, "")],
179: [([0], "Dorsey", ""), ([1], "Hiller", ""), ([2], "Hiller", "")],
180: [([0], None, ""), ([1], "Vanore", "")],
181: [([0,1], "Dorsey", "")],
182: [([0,1], "Dorsey", "same speaker as 181, other remark")],
184: [([1], "Gaskin", ""), ([4], "Gaskin", "same speaker, other remark"), ([2], None, "")],
185: [([0,1], "o:Foreign Office", "")],
186: [([0,1], "Gaskin", "")],
187: [([0], None, ""), ([1], None, "")],
189: [([1,2,3], None, "judge's phrase"), ([0], None, "")],
190: [([0,1,2], None, "2 joins the two halves 0 and 1 quote apart")],
191: [([0,1], None, "")],
193: [([0,2,3], None, "phrase"), ([1], "Reavey", "")],
194: [([0,1,2], "Paul Ferguson", "")],
195: [([0,1,2,3,4], "Paul Ferguson", "")],
196: [([0,1], "Paul Ferguson", "")],
197: [([0], None, ""), ([1], "o:McAfee", "")],
198: [([1,4], "o:Microsoft", ""), ([0], None, ""), ([2], None, ""), ([3], None, "")],
199: [([0], "Childs", ""), ([1], None, "")],
200: [([0], None, ""), ([1], "Wee", ""), ([2], "Henry", "")],
202: [([2,5], None, "book passage"), ([0], "Carl Bernstein", ""), ([8], None, "")],
203: [([0,1], "Patrick J. Buchanan", "")],
204: [([0,1], "Patrick J. Buchanan", "same speaker as 203, other remark")],
205: [([0,1], None, "")],
206: [([0], "Carl Bernstein", ""), ([1], "Bob Woodward", "")],
207: [([0], None, ""), ([1], None, "")],
208: [([1,2], "Fred LaRue", ""), ([0], None, "")],
209: [([0,1], "Fred LaRue", "same speaker, other remark")],
210: [([0,1], "Fred LaRue", "same speaker, other remark")],
211: [([0], None, ""), ([4], "Jack Del Rio", ""), ([1,2,3], "David Garrard", "on review: 3 holds the whole answer 1 and 2 quote in parts")],
213: [([0,1,2], "Peyton Manning", "2 joins the two parts 0 and 1 quote apart")],
214: [([0,1,2,3], "Bruce Arians", "")],
215: [([0,1,2], "Reggie Wayne", "")],
216: [([0,1,2], None, "")],
217: [([0,1,2], "Bruce Arians", "")],
218: [([0,1,2], None, "")],
219: [([0,2,5,7], "Jamaal Charles", ""), ([1,3,6,8], None, "'It was fun ...': other remark"), ([4], None, "")],
220: [([0,1,2,3], "Brady Quinn", "")],
221: [([0,1,2,3], None, "")],
222: [([0,1,2,3], "Bruce Arians", "")],
223: [([0,1,2,3], None, "")],
225: [([0,5,6], "Nichols", "apology"), ([1,3,4,7], "Nichols", "same speaker, next remark with shared words"), ([2], None, "")],
226: [([0,1], None, "")],
227: [([0,1,2], "Bodiford", "1 transcribed differently")],
228: [([0,1], "o:France Telecom", "")],
229: [([0], "o:France Telecom", "other statement"), ([2], None, ""), ([3], None, "")],
230: [([0,2,3], "o:SEACOM", ""), ([1], "o:SEACOM", "same speaker, other sentence")],
231: [([0,1,2], "o:SEACOM", "")],
232: [([0,1,2], "o:SEACOM", "")],
233: [([0,1], None, "")],
237: [([1,2,6], "Tyler Hansbrough", "1 is a fragment"), ([3,4], "Tyler Hansbrough", "other remark"), ([0], None, ""), ([5], None, "")],
239: [([0,1,2], None, "")],
240: [([0,1], "Unique Armstead", "")],
241: [([0,1], None, "")],
242: [([0,2,4], "Unique Armstead", ""), ([1,5], "Unique Armstead", "other remark"), ([3], None, "")],
243: [([0,3], None, "'The man is petrified'"), ([1,2,4], None, "'The man is an emotional wreck': other remark")],
244: [([0,1], "Seth Goldman", "")],
245: [([0,1,2], None, "a child's cry, transcribed three ways"), ([3], None, "")],
246: [([0,1], "Shondell McAllister", "")],
248: [([1,2,3], "Rossi", "3 reworded"), ([0], None, ""), ([4], "Lynch", ""), ([5], None, "")],
249: [([1,2], None, "phrase"), ([0], None, ""), ([3], "o:CNN", "")],
250: [([0,2], None, ""), ([4], None, ""), ([5], None, "")],
253: [([0,1,2,3,4,5,6,7,8,9], "A. J. Smith", "on review: 9 holds all four sentences, one statement (first read as two)")],
255: [([0,1,2,3,4,5,6,7], "Vincent Jackson", "7 holds the whole statement")],
258: [([1,2,3], "Bettie Page", "3 joins 1 and 2")],
259: [([0,1,2], "Bettie Page", "0 joins 1 and 2")],
260: [([0,1], "Bettie Page", "")],
262: [([0,1,2], "Ed Stefanski", "")],
263: [([0,1,2], "Ed Stefanski", "next sentence of the same statement, never quoted together")],
264: [([0,1,2], "Ed Stefanski", "")],
265: [([0,1,2], "Ed Stefanski", "2 negated and reworded"), ([3], None, "")],
266: [([0], "Billy King", ""), ([1], None, "")],
267: [([0], None, ""), ([1], "Billy King", "")],
268: [([0], None, ""), ([1], "Billy King", "")],
270: [([0,1], "Billy King", "")],
271: [([0,1], "Billy King", "")],
275: [([0,1], None, "")],
276: [([0,1,2], "Wladimir Klitschko", "")],
277: [([0,1], "Emanuel Steward", "")],
278: [([0,1], None, "")],
279: [([0,1], "Tony Thompson", "")],
280: [([0,1], None, "")],
282: [([0,1], None, "")],
284: [([0,1,2], None, "")],
285: [([0,1], "Yiannis Panagopoulos", "")],
286: [([0,1], None, "")],
287: [([0,1], None, "")],
288: [([0,1,2], "Gregg Hastings", "2 shortened"), ([3], "Sznewajs", "")],
290: [([0,1,2], "Michael Hutchins", "")],
291: [([0,2,4], None, ""), ([1,3], None, "other sentence")],
292: [([0,1], "Francesca Grifo", "")],
294: [([1], "Dirk Kempthorne", ""), ([2], None, ""), ([3], None, "")],
295: [([0], "Jamie Rappaport Clark", ""), ([1], "Inslee", "")],
296: [([0,1,2], "Dirk Kempthorne", "")],
297: [([0,1], "Edward J. Markey", "")],
}
D.update({
140: [([0,4,11,18,21], "Tim Fanning", "police statement"), ([3,12,13,23], "Tim Fanning", "other remark"), ([6,8], "Tim Fanning", ""),
      ([5,14,19,22], "Luke Pigeon", ""), ([17,20], "Luke Pigeon", ""), ([15], "Luke Pigeon", ""), ([16], "Mark Pinder", ""),
      ([24], "Tim Fanning", ""), ([1], None, ""), ([2], None, "")],
162: [([0,1,2,5,7,9,10,11,12,13,14,16], "Ellen DeGeneres", "statement; the longer renderings join its two sentences"),
      ([3,4,6,8,15,17], "Ellen DeGeneres", "her tweet: same speaker, other remark")],
201: [([1,4,7,8,12], "Mark Felt", ""), ([0], None, ""), ([11], "Bob Woodward", ""), ([10], None, ""), ([14], None, ""), ([15], None, "")],
281: [([1,6], "Giannis Panagopoulos", ""), ([2,7], None, ""), ([3,8,10,32], "Angela Merkel", "two translations"),
      ([4], "George Papandreou", ""), ([23,26], "George Papandreou", "two translations"), ([9], "Herman Van Rompuy", ""),
      ([11,33], None, ""), ([16,34], None, ""), ([17,35], None, ""),
      ([18,19,29,30], "Karolos Papoulias", "two translations; 19 holds both sentences 29 and 30 render"),
      ([27], None, ""), ([28], None, ""), ([31], "Ilias Vrettakos", ""), ([36], None, ""), ([37], None, "")],
289: [([2,3,24,31], "Barack Obama", "2 and 3 are halves of one sentence 24 holds"), ([19,30], "Barack Obama", "other remark"),
      ([0,20], "Barack Obama", "other remark"), ([7,35], "Ken Salazar", "joint statement"), ([4,15,34,37], "Ken Salazar", ""),
      ([9,25,41], "Stuart Pimm", ""), ([10,26,42], "Alan Thornhill", ""), ([27,43], None, ""), ([28,44], None, ""),
      ([11,12,29], "Francesca Grifo", "on review: 11 holds 12's sentence"), ([16,17], None, ""), ([1], "Nick Rahall", ""), ([6], "Gary Locke", ""),
      ([13], "Francesca Grifo", "same speaker, other remark"), ([21], "Andrew Wetzler", ""), ([36], "Noah Greenwald", ""),
      ([40], "Noah Greenwald", "same speaker, other remark"), ([8], None, ""), ([14], None, ""), ([22], None, "")],
293: [([0,3,11], "Dirk Kempthorne", ""), ([1,12,13], "Andrew Wetzler", "on review: 12 holds 13's sentence, so 1 and 12 are his too"), ([6], "Janette Brimmer", ""),
      ([7], "Reid Cherlin", ""), ([4], "Nick Rahall", ""), ([5], "Jamie Rappaport Clark", ""), ([14], "Jamie Rappaport Clark", ""),
      ([15], "Jamie Rappaport Clark", ""), ([16], "Jamie Rappaport Clark", "")],
})
D.update({
257: [([8,27], "Mark Roesler", ""), ([9,16,28,30,38,50,17,31,39,49], "Mark Roesler", "28 joins 'captured the imagination' and 'embodiment of beauty'"),
      ([18,23], "Bettie Page", ""), ([19,24], "Bettie Page", "next remark"), ([15], "Hugh Hefner", ""), ([33], "Hugh Hefner", ""),
      ([44], "Hugh Hefner", ""), ([35], "Mark Roesler", "other remark"), ([14], "Mark Roesler", "other remark"), ([32], "Mark Roesler", ""),
      ([1], None, ""), ([2], "Bunny Yeager", ""), ([6], "Bunny Yeager", ""), ([3], None, ""), ([5], None, "")],
235: [([2,6,13], None, "one remark transcribed three ways"), ([8,9], None, ""), ([1,14], "Phil Ford", "on review: 1 is Ford too, a fragment of 14"), ([0], None, ""),
      ([4], None, ""), ([10], None, ""), ([11], None, "")],
})

P = {
"obama-qualified": [([579, 4864], "Barack Obama", "4864 adds an aside"), ([290], "Brigid Harrison", ""), ([593], "Joe Biden", ""),
                    ([2114], "Bernie Sanders", ""), ([4246], "John Podesta", "")],
"pence-pay-to-play": [([604, 605, 613, 614], "Mike Pence", "on review: one statement; 604 and 614 overlap in its middle sentence"),
                      ([615], "Reince Priebus", "")],
"trump-isis-founder": [([1300, 1315, 2362, 2363], "Donald Trump", "one reply to Hewitt; 2363 is its elided second part")],
"trump-paul-ryan": [([1294, 1295, 4877, 4878], "Donald Trump", "4877 joins 1294 and 1295")],
"trump-israel": [([1433, 3155, 3602], "Donald Trump", "")],
"what-difference": [([3092, 4739], "Hillary Clinton", "her Benghazi hearing words"), ([1670], "Ben Carson", "quotes her words inside his own"),
                    ([4631], "Donald Trump", "same words, other speaker")],
"establishment": [([1349], "Bernie Sanders", ""), ([2616], "Bernie Sanders", "same stump phrase, other occasion"),
                  ([363], "Bernie Sanders", "same phrase, other occasion")],
"isis-recruiter": [([715, 737, 4525], "Hillary Clinton", "")],
"muslim-shutdown": [([734, 1460, 3140], "Donald Trump", "his statement, read at a rally")],
"coal": [([2084, 2828, 4130], "Hillary Clinton", "2084 swaps two words")],
"sanders-all-of-us": [([2657, 3442], "Bernie Sanders", ""), ([3973], "Bernie Sanders", "other remark, shared phrase")],
"calderon-wall": [([172, 1196], "Felipe Calderon", ""), ([173, 1197], "Felipe Calderon", "next remark")],
"clinton-sick": [([330, 1886], "Hillary Clinton", "")],
"trump-russia": [([581, 1264], "Donald Trump", "")],
"palmieri-video": [([717, 738], "Jennifer Palmieri", "738 names her only as a campaign official")],
"conant": [([796, 2635], "Alex Conant", "candidates' names reordered")],
"sanders-transform": [([1120, 4000], "Bernie Sanders", "")],
"trump-bibi": [([1440, 3157], "Donald Trump", "")],
"axelrod-tarp": [([1767, 3592], "David Axelrod", "")],
"sanders-puerto-rico": [([2001, 3979], "Bernie Sanders", "")],
"sanders-confident": [([2177, 4071], "Bernie Sanders", "")],
"usatoday-race": [([2734, 2742], "Steve Elmendorf", ""), ([2735, 2743], "Steve Elmendorf", "other remark"),
                  ([2736, 2744], "David Wasserman", ""), ([2737, 2745], "David Wasserman", "other remark"),
                  ([2739, 2747], "Robby Mook", ""), ([2741, 2749], "Gerstein", ""), ([2740, 2748], "Gerstein", "other remark"),
                  ([3433], "Hillary Clinton", "similar words, other speaker")],
"trump-hedge-fund": [([2849, 4841], "Donald Trump", "")],
"trump-congrats": [([2863, 4025], "Donald Trump", "tweet")],
"trump-resign": [([2868, 4026], "Donald Trump", "tweet")],
"trump-second-amendment": [([2968, 4891], "Donald Trump", ""), ([2969, 4892], "Donald Trump", "next remark")],
"trump-both-sides": [([3154, 3601], "Donald Trump", "")],
"washpost-facts": [([3158, 3181], "Steve Smith", ""), ([3159, 3182], "Steve Smith", "other remark"),
                   ([3160, 3183], "Kathleen Hall Jamieson", ""), ([3161, 3184], "Kathleen Hall Jamieson", "other remark"),
                   ([3162, 3185], "Angie Drobnic Holan", ""), ([3163, 3186], "Jeffery Hemsley", ""),
                   ([3164, 3187], "Jeffery Hemsley", "other remark"), ([3165, 3188], "Jeffery Hemsley", "other remark"),
                   ([3166, 3189], "Robert Mason", ""), ([3167, 3190], "Robert Mason", "other remark")],
"washpost-axelrod": [([3230, 3236], "Mo Elleithee", ""), ([3231, 3237], "Mo Elleithee", "other remark"),
                     ([3232, 3238], "David Axelrod", ""), ([3233, 3239], "David Axelrod", "other remark"),
                     ([3234, 3240], "David Axelrod", "other remark"), ([3235, 3241], "David Axelrod", "other remark")],
"trump-judge": [([3904, 3947], "Donald Trump", "3904 is a fragment"), ([3906, 3953], "Gonzalo Curiel", "")],
"trump-politically-correct": [([4038, 4816], "Donald Trump", "")],
"clinton-classified": [([4433, 4476], "Hillary Clinton", "")],
"trump-fight-for-you": [([548, 4264], "Donald Trump", "")],
"blackwell": [([109, 125], "Morton Blackwell", "")],
"next-president": [([532], "Jeff Sessions", ""), ([895], "Susan Collins", ""), ([2293], "Silverman", ""), ([3402], "Mary Kay Henry", ""),
                   ([3864], "Ban Ki-moon", ""), ([4333], "Gary Johnson", "")],
"dont-think-its": [([438], "Lee Zeldin", ""), ([776], "Bill Clinton", ""), ([1379], "Chuck Grassley", ""), ([1594], "O'Donnell", ""),
                   ([2355], "Brian Murphy", "")],
}

#: PolNeAR pools left out after reading: one outlet republishing its own article, not several outlets.
SAME_OUTLET = ("usatoday-race", "washpost-facts", "washpost-axelrod")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def build(data: Path) -> list[dict]:
    """The pools of ``families.jsonl``: ECB+ pools are events, PolNeAR pools the names of ``P``. Of the ECB+
    families of exactly two identical renderings (easy: a wire copy), one in three is kept, so that the gold
    is mostly hard cases and half its families have three or more versions."""
    sets = components(data)
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in (data / "ecbplus-dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    pools: dict[str, dict] = {}
    exact = 0

    def add(pool: str, corpus: str, groups: list, get) -> None:  # type: ignore[no-untyped-def]
        nonlocal exact
        entry = pools.setdefault(pool, {"pool": pool, "corpus": corpus, "families": [], "items": []})
        for members, speaker, note in groups:
            items = [get(m) for m in members]
            if corpus == "ecbplus" and len(items) == 2 and len({_norm(i["text"]) for i in items}) == 1:
                exact += 1
                if exact % 3:
                    continue
            fid = f"{pool}-f{len(entry['families']) + 1:02d}"
            kind = None if speaker is None else ("ORG" if speaker.startswith("o:") else "PERSON")
            name = speaker[2:] if kind == "ORG" else speaker
            entry["families"].append({"id": fid, "speaker": name, "speaker_type": kind, "versions": len(items),
                                      "articles": len({i["article"] for i in items}), "note": note})
            for item in items:
                entry["items"].append({**item, "speaker": name, "speaker_type": kind, "family": fid})

    for k in sorted(D):
        _corpus, event, quotes = sets[k]

        def get_ecb(m: int, quotes: list[dict] = quotes) -> dict:
            q = quotes[m]
            assert texts[q["article"]][q["start"]:q["end"]] == q["text"]
            return {"article": q["article"], "start": q["start"], "end": q["end"], "text": q["text"]}

        add(f"ecbplus:{event}", "ecbplus", D[k], get_ecb)
    found = candidates(data)
    for name, groups in P.items():
        if name in SAME_OUTLET:
            continue

        def get_polnear(i: int) -> dict:
            c = found[i]
            return {"article": c["article"], "start": c["start"], "end": c["end"], "text": c["text"]}

        add(f"polnear:{name}", "polnear", groups, get_polnear)
    out = []
    for pool in pools.values():
        if not pool["families"]:
            continue
        items = []
        for n, item in enumerate(pool["items"], 1):
            items.append({"id": f"{pool['pool']}-q{n:03d}", **{k: item[k] for k in (
                "article", "start", "end", "text", "speaker", "speaker_type", "family")}})
        out.append({**pool, "items": items})
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    pools = build(args.data)
    target = Path(__file__).resolve().parent / "families.jsonl"
    target.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pools), encoding="utf-8")
    families = [f for p in pools for f in p["families"] if f["versions"] >= 2]
    print(f"{len(pools)} pools, {sum(len(p['items']) for p in pools)} quotes, {len(families)} families of 2+ "
          f"({sum(f['versions'] >= 3 for f in families)} of 3+)")


if __name__ == "__main__":
    main()
