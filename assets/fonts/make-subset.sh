#!/usr/bin/env bash
# Regenerate AccordSans-Regular.otf and AccordSans-Bold.otf: subsets of
# "Noto Sans CJK SC" taken from Debian's fonts-noto-cjk package.
#
# Needs (Debian 12 "bookworm"):
#   apt-get install fonts-noto-cjk unicode-data python3-fonttools
# (`pip install fonttools` works in place of python3-fonttools.)
# Made with fonts-noto-cjk 1:20220127+repack1-1, unicode-data 15.0.0-1 and
# fontTools 4.38.0; other versions may give other bytes.
#
# Character set = union of
#   * every character that encodes in GB 2312 (Python codec 'gb2312');
#   * the 8105 characters of the 通用规范汉字表 (Table of General Standard
#     Chinese Characters, 2013), from the Unihan kTGH field in Debian's
#     unicode-data package (/usr/share/unicode/Unihan_OtherMappings.txt.bz2);
#   * the characters in name-chars.txt (names, surnames, place names, symbols);
#   * the Unicode blocks in BLOCKS below (the code points the source font has).
#
# The source font has no ☐ ☑ ☒ (U+2610..2612). After subsetting, ☐ is mapped
# to the font's own □ (U+25A1) glyph, ☒ to its ⊠ (U+22A0) glyph, and ☑ gets a
# new glyph drawn from the font's □ and a scaled-down ✓ (U+2713).
#
# Environment overrides: NOTO_CJK_DIR, UNIHAN_OTHER, OUT_DIR, PYTHON.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
UNIHAN=${UNIHAN_OTHER:-/usr/share/unicode/Unihan_OtherMappings.txt.bz2}
OUT_DIR=${OUT_DIR:-$HERE}
export FAMILY="Noto Sans CJK SC"

# Unicode blocks kept whole (where the source font covers them).
export BLOCKS="
0020-007E  Basic Latin (printable ASCII)
00A0-00FF  Latin-1 Supplement
0100-017F  Latin Extended-A
2000-206F  General Punctuation
20A0-20CF  Currency Symbols
2100-214F  Letterlike Symbols
2150-218F  Number Forms
2190-21FF  Arrows
2460-24FF  Enclosed Alphanumerics
2500-257F  Box Drawing
2580-259F  Block Elements
25A0-25FF  Geometric Shapes
3000-303F  CJK Symbols and Punctuation
FF00-FFEF  Halfwidth and Fullwidth Forms
20000-2A6DF  CJK Extension B (names such as 𠮷)
2A700-2B73F  CJK Extension C
2B740-2B81F  CJK Extension D
2B820-2CEAF  CJK Extension E
2CEB0-2EBEF  CJK Extension F
30000-3134F  CJK Extension G
"

# OpenType layout: pyftsubset's default feature list (ccmp, liga, locl, vert,
# vrt2, kern, mark, vkrn, vpal, ...), but only the default and Simplified
# Chinese (ZHS) language systems. Keeping the JAN/KOR/ZHT/ZHH systems would
# pull in ~7000 Japanese/Korean/Traditional glyph variants via 'locl'
# (about 4.3 MB instead of 2.5 MB per file).
LAYOUT_SCRIPTS=""
for s in DFLT latn grek cyrl hani kana; do
    LAYOUT_SCRIPTS+="${LAYOUT_SCRIPTS:+,}$s.dflt,$s.ZHS"
done

# A Python that has fontTools.
PY=""
for cand in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import fontTools' 2>/dev/null; then
        PY=$cand; break
    fi
done
[ -n "$PY" ] || { echo "error: no python3 with fontTools (apt-get install python3-fonttools)" >&2; exit 1; }
# Debian's python3-fonttools ships no pyftsubset launcher; `python3 -m
# fontTools.subset` is the same program as pyftsubset.
SUBSET=("$PY" -m fontTools.subset)

for f in "$SRC_DIR/NotoSansCJK-Regular.ttc" "$SRC_DIR/NotoSansCJK-Bold.ttc" "$UNIHAN" "$HERE/name-chars.txt"; do
    [ -f "$f" ] || { echo "error: missing $f (apt-get install fonts-noto-cjk unicode-data)" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export WORK

echo "fontTools $("$PY" -c 'import fontTools; print(fontTools.version)')"

# 1. Code point lists: $WORK/unicodes.txt goes to the subsetter,
#    $WORK/required.txt must all end up in the cmap.
"$PY" - "$SRC_DIR/NotoSansCJK-Regular.ttc" "$UNIHAN" "$HERE/name-chars.txt" <<'PYEOF'
import bz2, os, sys
from fontTools.ttLib import TTFont, TTCollection

ttc, unihan, names_file = sys.argv[1:4]
family, work = os.environ["FAMILY"], os.environ["WORK"]
SYNTH = {0x2610, 0x2611, 0x2612}          # ☐ ☑ ☒, added after subsetting
SYNTH_PARTS = {0x25A1, 0x2713, 0x22A0}    # □ ✓ ⊠, used to make them

idx = next((i for i, f in enumerate(TTCollection(ttc, lazy=True).fonts)
            if f["name"].getDebugName(1) == family), None)
if idx is None:
    sys.exit(f"error: no '{family}' in {ttc}")
cmap = TTFont(ttc, fontNumber=idx, lazy=True).getBestCmap()

gb2312 = set()
for cp in range(0x20, 0x10000):
    if cp == 0x7F or 0xD800 <= cp < 0xE000:   # DEL, surrogates
        continue
    try:
        chr(cp).encode("gb2312")
        gb2312.add(cp)
    except UnicodeEncodeError:
        pass

tgh = set()
with bz2.open(unihan, "rt", encoding="utf-8") as fh:
    for line in fh:
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and parts[1] == "kTGH":
            tgh.add(int(parts[0][2:], 16))
if len(tgh) != 8105:
    sys.exit(f"error: expected 8105 kTGH entries, got {len(tgh)}")

names = set()
with open(names_file, encoding="utf-8") as fh:
    for line in fh:
        if not line.lstrip().startswith("#"):
            names.update(ord(c) for c in line if not c.isspace())

blocks = set()
for line in os.environ["BLOCKS"].strip().splitlines():
    lo, hi = (int(x, 16) for x in line.split()[0].split("-"))
    blocks.update(cp for cp in range(lo, hi + 1) if cp in cmap)

# --- GB 18030-2022 implementation level 1 (level 2, the 196 name
# characters in Extensions B-E, are the kTGH characters outside the BMP,
# already in `tgh`) ---
# Level 1 hanzi: URO U+4E00..9FEF and Ext-A U+3400..4DB5 (must all be present).
level1_han = set(range(0x4E00, 0x9FF0)) | set(range(0x3400, 0x4DB6))
# Every non-PUA character of the GB 18030 two-byte area (GBK: radicals,
# compatibility ideographs, 〇, symbols); U+2252 is not in Noto Sans CJK SC.
gb2 = set()
for b1 in range(0x81, 0xFF):
    for b2 in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
        try:
            s = bytes([b1, b2]).decode("gb18030")
        except UnicodeDecodeError:
            continue
        if len(s) == 1 and not (0xE000 <= ord(s) <= 0xF8FF):
            gb2.add(ord(s))
# GB 18030-2022 remapped two-byte PUA points: 9FB4..9FBB, FE10..FE19 vertical forms.
gb2 |= set(range(0x9FB4, 0x9FBC)) | set(range(0xFE10, 0xFE1A))
gb2_missing = sorted(cp for cp in gb2 if cp not in cmap)
print("GB two-byte characters not in font (left out):", " ".join(f"U+{cp:04X}" for cp in gb2_missing))
gb2 = {cp for cp in gb2 if cp in cmap}
# Ext-B characters behind the six GBK PUA points FE51 FE52 FE53 FE6C FE76 FE91.
gbk_extb = {0x20087, 0x20089, 0x200CC, 0x215D7, 0x2298F, 0x241FE}
required = gb2312 | tgh | names | SYNTH | SYNTH_PARTS | level1_han | gb2 | gbk_extb
missing = sorted(cp for cp in required - SYNTH if cp not in cmap)
if missing:
    sys.exit("error: not in source font: " + " ".join(f"U+{cp:04X}" for cp in missing))
to_subset = (required - SYNTH) | blocks

def write(name, cps):
    with open(os.path.join(work, name), "w") as fh:
        fh.write("".join(f"{cp:04X}\n" for cp in sorted(cps)))

write("unicodes.txt", to_subset)
write("required.txt", required | blocks)
han = sum(1 for cp in required if 0x3400 <= cp <= 0x4DBF or
          0x4E00 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF)
print(f"characters: {len(required | blocks)} in all, {han} CJK ideographs "
      f"(GB 2312: {len(gb2312)}, 通用规范汉字表: {len(tgh)}, "
      f"name-chars.txt: {len(names)}, blocks: {len(blocks)})")
PYEOF

# 2. Subset each weight.
for style in Regular Bold; do
    src="$SRC_DIR/NotoSansCJK-$style.ttc"
    idx=$("$PY" -c '
import os, sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1], lazy=True).fonts):
    if f["name"].getDebugName(1) == os.environ["FAMILY"]:
        print(i); break
else:
    sys.exit("error: family not found in " + sys.argv[1])
' "$src")
    out="$OUT_DIR/AccordSans-$style.otf"
    echo "subsetting $src (font #$idx) -> $out"
    # Glyph names, hinting, timestamps: pyftsubset defaults. All name
    # records are kept, so the copyright and licence strings stay inside.
    "${SUBSET[@]}" "$src" \
        --font-number="$idx" \
        --unicodes-file="$WORK/unicodes.txt" \
        --layout-scripts="$LAYOUT_SCRIPTS" \
        --name-IDs='*' \
        --name-languages='*' \
        --notdef-outline \
        --output-file="$out"

    # 3. Add ☐ ☑ ☒.
    "$PY" - "$out" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen

path = sys.argv[1]
font = TTFont(path, recalcTimestamp=False)  # keep the source timestamp: reproducible
cmap = font.getBestCmap()
gs = font.getGlyphSet()
box, tick, xbox = cmap[0x25A1], cmap[0x2713], cmap[0x22A0]   # □ ✓ ⊠

cff = font["CFF "].cff
top = cff.topDictIndex[0]
_, fd_index = top.CharStrings.getItemAndSelector(box)
private = top.FDArray[fd_index].Private

# □ is two rectangles; the second one is the inside edge of the stroke.
rec = RecordingPen()
gs[box].draw(rec)
pts = [args[0] for op, args in rec.value if op in ("moveTo", "lineTo")]
assert len(pts) == 8, "unexpected outline for U+25A1"
ix0, iy0 = min(p[0] for p in pts[4:]), min(p[1] for p in pts[4:])
ix1, iy1 = max(p[0] for p in pts[4:]), max(p[1] for p in pts[4:])
bp = BoundsPen(gs)
gs[tick].draw(bp)
tx0, ty0, tx1, ty1 = bp.bounds
pad = 0.1 * (ix1 - ix0)
s = min((ix1 - ix0 - 2 * pad) / (tx1 - tx0), (iy1 - iy0 - 2 * pad) / (ty1 - ty0))
dx = round((ix0 + ix1) / 2 - s * (tx0 + tx1) / 2)
dy = round((iy0 + iy1) / 2 - s * (ty0 + ty1) / 2)

pen = T2CharStringPen(font["hmtx"][box][0], gs)
gs[box].draw(pen)
gs[tick].draw(TransformPen(pen, (s, 0, 0, s, dx, dy)))
charstring = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)

order = list(font.getGlyphOrder())
assert order == list(top.charset)
used = set(order)
name = next(f"cid{c:05d}" for c in range(65534, 0, -1) if f"cid{c:05d}" not in used)
cs = top.CharStrings
cs.charStringsIndex.append(charstring)
cs.charStrings[name] = len(cs.charStringsIndex) - 1
top.FDSelect.append(fd_index)
order.append(name)
top.charset = order
font.setGlyphOrder(order)
font["hmtx"][name] = font["hmtx"][box]
font["vmtx"][name] = font["vmtx"][box]
for table in font["cmap"].tables:
    if table.isUnicode() and table.format in (4, 12):
        table.cmap.update({0x2610: box, 0x2611: name, 0x2612: xbox})
font.save(path)
PYEOF
done

# 4. Verify.
"$PY" - "$OUT_DIR/AccordSans-Regular.otf" "$OUT_DIR/AccordSans-Bold.otf" <<'PYEOF'
import os, sys
from fontTools.ttLib import TTFont
required = [int(x, 16) for x in open(os.path.join(os.environ["WORK"], "required.txt")).read().split()]
ok = True
for path in sys.argv[1:]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    name = font["name"]
    print(f"{os.path.basename(path)}: {os.path.getsize(path)} bytes, "
          f"{len(cmap)} characters, {font['maxp'].numGlyphs} glyphs; "
          f"family '{name.getDebugName(1)}', style '{name.getDebugName(2)}', "
          f"full name '{name.getDebugName(4)}', PostScript '{name.getDebugName(6)}'")
    missing = [cp for cp in required if cp not in cmap]
    if missing:
        ok = False
        print("  MISSING:", " ".join(f"U+{cp:04X}" for cp in missing))
    if name.getDebugName(1) != os.environ["FAMILY"]:
        ok = False
        print("  family name changed!")
    if font["CFF "].cff.topDictIndex[0].CharStrings.charStringsIndex.__len__() != font["maxp"].numGlyphs:
        ok = False
        print("  CFF and maxp glyph counts differ!")
if not ok:
    sys.exit("verification FAILED")
print("verified: every requested character is in both cmaps")
PYEOF
