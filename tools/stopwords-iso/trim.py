"""Writes models/stopwords-iso/stopwords-iso.json from the npm package stopwords-iso@1.1.0.

Keeps the languages SearchPioneer.Lingua 2.0.0 can detect (ISO 639-1; Norwegian Bokmal and Nynorsk share "no"),
without English: the analyzer keeps its NLTK English list (see PROVENANCE.md). Each list is sorted by code point,
one language per line, so that the file diffs well and is byte-for-byte reproducible.

usage: python3 trim.py PACKAGE_DIR OUTPUT_FILE
"""
import json
import sys

LINGUA_CODES = """af am ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is it ja ka
kk ko la lg lt lv mi mk mn mr ms nb nl nn om pa pl pt ro ru si sk sl sn so sq sr st sv sw ta te th ti tl tn tr ts uk
ur vi xh yo zh zu""".split()

package_dir, output = sys.argv[1], sys.argv[2]
with open(f"{package_dir}/stopwords-iso.json", encoding="utf-8") as source:
    lists = json.load(source)

wanted = {"no" if code in ("nb", "nn") else code for code in LINGUA_CODES} - {"en"}
kept = {code: sorted(set(lists[code])) for code in sorted(wanted) if code in lists}
lines = [f"  {json.dumps(code)}: {json.dumps(words, ensure_ascii=False, separators=(',', ':'))}" for code, words in kept.items()]
with open(output, "w", encoding="utf-8", newline="\n") as target:
    target.write("{\n" + ",\n".join(lines) + "\n}\n")
print(f"{len(kept)} languages, {sum(len(words) for words in kept.values())} words: {' '.join(kept)}")
