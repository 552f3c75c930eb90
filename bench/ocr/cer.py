#!/usr/bin/python3
"""bench/ocr: character error rate of OCR output against the pages' text.

    cer.py PAGES_DIR OUT_DIR      (prints: pages chars errors cer missing)

PAGES_DIR/NNN.ref.txt is the reference, OUT_DIR/NNN.txt the OCR text (a
missing file counts as empty). Both sides: every white-space character
removed, Traditional folded to Simplified with `opencc -c t2s` (a t2s
confusion is not an OCR error). CER = the summed Levenshtein distances / the
summed reference lengths.
"""
import os
import re
import subprocess
import sys

MARK = "\n\u241ePAGE\u241e\n"  # survives opencc; never in OCR output


def levenshtein(a, b):
    """Edit distance; Myers/Hyyro bit-parallel over Python ints."""
    if not a:
        return len(b)
    peq = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    pv, mv, score = mask, 0, len(a)
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def fold_all(texts):
    """One opencc call for every text (it is slow to start)."""
    joined = MARK.join(texts)
    out = subprocess.run(["opencc", "-c", "t2s"], input=joined, capture_output=True, text=True,
                         check=True).stdout
    parts = out.split(MARK.strip("\n"))
    if len(parts) != len(texts):
        sys.exit("cer.py: opencc changed the page marks")
    return [re.sub(r"\s+", "", p) for p in parts]


def main():
    pages_dir, out_dir = sys.argv[1], sys.argv[2]
    stems = sorted(f[:-len(".ref.txt")] for f in os.listdir(pages_dir) if f.endswith(".ref.txt"))
    refs, hyps, missing = [], [], 0
    for stem in stems:
        refs.append(open(os.path.join(pages_dir, stem + ".ref.txt"), encoding="utf-8").read())
        path = os.path.join(out_dir, stem + ".txt")
        if os.path.exists(path):
            hyps.append(open(path, encoding="utf-8", errors="replace").read())
        else:
            hyps.append("")
            missing += 1
    folded = fold_all(refs + hyps)
    refs, hyps = folded[:len(stems)], folded[len(stems):]
    chars = sum(len(r) for r in refs)
    errors = sum(levenshtein(r, h) for r, h in zip(refs, hyps))
    print(len(stems), chars, errors, "%.6f" % (errors / chars if chars else 0.0), missing)


if __name__ == "__main__":
    main()
