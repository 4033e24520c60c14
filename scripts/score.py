#!/usr/bin/env python3
"""Independent scorer for Guanxi extraction output, following
/work/shared/ANNOTATION.md ("Scoring").  Python 3 standard library only; the
`opencc` command (Debian package `opencc`) is used for Traditional->Simplified
when it is installed, otherwise that step is skipped with a warning.

Usage
-----
    python3 scripts/score.py SYSTEM.json GOLD.json [--verbose] [--json]
    python3 scripts/score.py SYSTEM_DIR GOLD_DIR   [--verbose] [--json]
    python3 scripts/score.py --gold-as-system GOLD.json GOLD.json   # self-test: all 1.0

SYSTEM.json is node-link JSON:
    {"nodes": [{"id", "type", "name", "aliases": [...]}],
     "edges": [{"source", "target", "type", "evidence": [...]}]}
(source/target are node ids; "links" is accepted for "edges").
GOLD.json is a gold file: {"doc", "entities": [...], "relations": [...]}.
With two directories, every GOLD_DIR/*.json is paired with the SYSTEM_DIR file
of the same name (or named after the gold "doc" with .json); a missing system
file scores as an empty graph.  Counts are summed over documents (micro average).
--gold-as-system converts the gold file named as SYSTEM into node-link form
(one node per gold entity, one edge per gold relation) before scoring.

As ANNOTATION.md says
---------------------
* Names compare after: NFKC, Traditional->Simplified (opencc t2s.json), removing
  white space and quotes / title marks (“”‘’"'`「」『』《》〈〉«»‹›„‟〝〞〟﹁﹂﹃﹄ ...).
* A node matches a gold entity when one of {name} + aliases equals one of the
  gold {name} + aliases after normalisation.
* Entities: precision = matched / system nodes of the seven types
  (official company park policy organization project place; nodes of other types
  are not scored); a second node matching an already matched gold entity is a
  false positive; recall = matched / non-optional gold entities; nodes that match
  optional gold entities are neither true nor false positives.
  Typed scores also require the node type to be the gold type or one of `also`.
* Relations: unlabeled = the endpoints match a gold relation in either
  direction; labeled = same direction and the type (or an `also` type).
  Edges whose type is not in the ANNOTATION.md table are not scored.  Optional
  gold relations neither reward nor penalise.

Details ANNOTATION.md leaves open, decided here
---------------------------------------------
1. One-to-one assignment.  Nodes are assigned to non-optional gold entities by
   a maximum bipartite matching (augmenting paths, nodes in file order, a gold
   entity whose primary name equals the node's name tried first), so the number
   of true positives does not depend on node order.  An unassigned node is
   ignored if it matches any optional gold entity, else it is a false positive
   (an unmerged duplicate if it matched an already assigned gold entity,
   spurious otherwise).  Typed scoring redoes the matching with the type
   constraint; a node whose name matches but whose type does not is a typed
   false positive (unless it matches an optional gold entity).
2. Per-type scores: precision over system nodes of that type; recall over
   non-optional gold entities whose primary `type` is that type.  A node
   accepted through an `also` type counts as a TP for the node's type.
3. Relation endpoints.  A gold relation's head/tail name is resolved to the
   gold entity having it as name or alias (a name no entity has is treated as
   an entity of its own with that one name; a warning is printed).  An edge
   endpoint matches a gold head/tail when the endpoint node matches that gold
   entity by name/alias (the node's type and the entity assignment of point 1
   play no role: an unmerged duplicate node still names the right entity).
4. Relations are also matched one-to-one (maximum bipartite matching): a second
   edge matching an already matched gold relation is a false positive.
   Unlabeled and labeled scoring are matched separately.
5. An unassigned edge is ignored (neither TP nor FP) when
   a. its endpoints match an optional gold relation (either direction, any type,
      in labeled as well as unlabeled scoring), or
   b. one of its endpoints matches only optional gold entities (the relation
      then concerns an entity the system may or may not extract).
   Every other unassigned scored edge is a false positive, in particular edges
   touching nodes that match no gold entity, and edges with a wrong label or
   direction in labeled scoring.
6. `signed_with` (↔ in the table) and `cooperates_with` ("any two") are
   symmetric: in labeled scoring their direction is not checked.
   --strict-direction checks it for them too.
7. Edges whose source/target id names no node are counted as false positives
   (scored types) with a warning.  Self-loops are scored like any edge.
8. Zero denominators: precision or recall with nothing to count is reported as
   null in --json and "-" in text, and F1 is null when either is null; in the
   self-test and in a normal run both sides are non-empty.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

ENTITY_TYPES = ["official", "company", "park", "policy", "organization", "project", "place"]
RELATION_TYPES = {
    "holds_post", "visited", "located_in", "issued", "selected_into", "implements",
    "builds", "subsidiary_of", "invests_in", "cooperates_with", "incubated_by", "leads",
    "accompanied", "supports", "signed_with", "part_of",
}
SYMMETRIC = {"signed_with", "cooperates_with"}

QUOTES = "“”‘’\"'`「」『』《》〈〉«»‹›„‟‚‛〝〞〟﹁﹂﹃﹄︽︾︿﹀＂＇"
_DROP = re.compile("[\\s" + re.escape(QUOTES) + "]+")


# ---------------------------------------------------------------- normalising
class Normaliser:
    def __init__(self, use_opencc=True):
        self.cache = {}
        self.opencc = shutil.which("opencc") if use_opencc else None
        if use_opencc and not self.opencc:
            print("warning: opencc not found; names are not converted Traditional->Simplified "
                  "(apt-get install opencc)", file=sys.stderr)

    def prime(self, names):
        """Convert many names with one opencc call."""
        todo = sorted({unicodedata.normalize("NFKC", n) for n in names if n not in self.cache})
        todo = [t.replace("\n", " ").replace("\r", " ") for t in todo]
        conv = {}
        if self.opencc and todo:
            try:
                out = subprocess.run([self.opencc, "-c", "t2s.json"], input="\n".join(todo) + "\n",
                                     capture_output=True, text=True, check=True).stdout
                lines = out.split("\n")
                if len(lines) >= len(todo):
                    conv = dict(zip(todo, lines))
                else:
                    print("warning: opencc output has the wrong length; skipping T->S",
                          file=sys.stderr)
            except (OSError, subprocess.CalledProcessError) as e:
                print("warning: opencc failed (%s); skipping T->S" % e, file=sys.stderr)
        for n in names:
            if n in self.cache:
                continue
            k = unicodedata.normalize("NFKC", n).replace("\n", " ").replace("\r", " ")
            k = conv.get(k, k)
            self.cache[n] = _DROP.sub("", unicodedata.normalize("NFKC", k))

    def __call__(self, name):
        if name not in self.cache:
            self.prime([name])
        return self.cache[name]


def names_of(obj):
    out = []
    if isinstance(obj.get("name"), str):
        out.append(obj["name"])
    for a in obj.get("aliases") or []:
        if isinstance(a, str):
            out.append(a)
    return out


# ---------------------------------------------------------------- matching
def max_matching(cands, n_right):
    """cands[i] = ordered list of right indices for left item i.
    Returns dict left -> right (maximum matching, Kuhn's algorithm)."""
    match_r = [-1] * n_right

    def augment(i, seen):
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if match_r[j] == -1 or augment(match_r[j], seen):
                match_r[j] = i
                return True
        return False

    sys.setrecursionlimit(max(1000, 4 * (len(cands) + n_right) + 100))
    for i in range(len(cands)):
        if cands[i]:
            augment(i, set())
    return {i: j for j, i in enumerate(match_r) if i != -1}


class Counts:
    def __init__(self):
        self.tp_sys = 0   # true positives among system items (precision numerator)
        self.sys = 0      # scored system items (precision denominator)
        self.tp_gold = 0  # matched gold items (recall numerator)
        self.gold = 0     # non-optional gold items (recall denominator)

    def add(self, o):
        self.tp_sys += o.tp_sys
        self.sys += o.sys
        self.tp_gold += o.tp_gold
        self.gold += o.gold

    def prf(self):
        p = self.tp_sys / self.sys if self.sys else None
        r = self.tp_gold / self.gold if self.gold else None
        f = (2 * p * r / (p + r) if (p + r) else 0.0) if p is not None and r is not None else None
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp_sys, "system": self.sys,
                "matched_gold": self.tp_gold, "gold": self.gold}


# ---------------------------------------------------------------- one document
def score_doc(system, gold, norm, strict_direction=False, label=""):
    ents = gold.get("entities") or []
    rels = gold.get("relations") or []
    nodes = [n for n in (system.get("nodes") or []) if isinstance(n, dict)]
    edges = system.get("edges")
    if edges is None:
        edges = system.get("links") or []
    all_names = [x for o in ents + nodes for x in names_of(o)]
    all_names += [r.get(k, "") for r in rels for k in ("head", "tail")]
    norm.prime(all_names)

    # gold entity keys
    gkeys = [{norm(x) for x in names_of(e)} - {""} for e in ents]
    gtypes = [{e.get("type")} | set(e.get("also") or []) for e in ents]
    gopt = [bool(e.get("optional")) for e in ents]
    gprimary = [norm(e.get("name", "")) for e in ents]
    key2g = {}
    for gi, ks in enumerate(gkeys):
        for k in ks:
            key2g.setdefault(k, []).append(gi)

    # system node candidates (by name only)
    nkeys = [{norm(x) for x in names_of(n)} - {""} for n in nodes]
    ncands = []
    for ni, ks in enumerate(nkeys):
        c = sorted({gi for k in ks for gi in key2g.get(k, [])})
        nn = norm(nodes[ni].get("name", "")) if isinstance(nodes[ni].get("name"), str) else None
        c.sort(key=lambda gi: (gprimary[gi] != nn, gi))
        ncands.append(c)
    scored_nodes = [ni for ni, n in enumerate(nodes) if n.get("type") in ENTITY_TYPES]

    report = {"entities": {}, "relations": {}, "details": {}}
    details = report["details"]

    def entity_eval(typed):
        cands = []
        for ni in scored_nodes:
            c = [gi for gi in ncands[ni] if not gopt[gi]]
            if typed:
                c = [gi for gi in c if nodes[ni].get("type") in gtypes[gi]]
            cands.append(c)
        n_gold = len(ents)
        m = max_matching(cands, n_gold)
        assigned = {scored_nodes[i]: g for i, g in m.items()}
        total = Counts()
        per = {t: Counts() for t in ENTITY_TYPES}
        fps, misses = [], []
        for ni in scored_nodes:
            t = nodes[ni].get("type")
            if ni in assigned:
                total.tp_sys += 1; total.sys += 1
                per[t].tp_sys += 1; per[t].sys += 1
                continue
            if any(gopt[gi] for gi in ncands[ni]):
                continue  # matches an optional gold entity: ignored
            total.sys += 1; per[t].sys += 1
            if not ncands[ni]:
                why = "spurious"
            elif typed and not any(nodes[ni].get("type") in gtypes[gi] for gi in ncands[ni]
                                   if not gopt[gi]):
                why = "wrong type (gold: %s)" % ", ".join(
                    sorted("%s %s" % (ents[gi].get("name"), ents[gi].get("type"))
                           for gi in ncands[ni]))
            else:
                why = "duplicate of %s" % ", ".join(ents[gi].get("name") for gi in ncands[ni])
            fps.append({"node": nodes[ni].get("id"), "type": t, "name": nodes[ni].get("name"),
                        "why": why})
        matched_g = set(assigned.values())
        for gi, e in enumerate(ents):
            if gopt[gi]:
                continue
            total.gold += 1
            if e.get("type") in per:
                per[e.get("type")].gold += 1
            if gi in matched_g:
                total.tp_gold += 1
                if e.get("type") in per:
                    per[e.get("type")].tp_gold += 1
            else:
                misses.append({"type": e.get("type"), "name": e.get("name")})
        return total, per, fps, misses

    ent_untyped, _, fp_u, miss_u = entity_eval(False)
    ent_typed, per_type, fp_t, miss_t = entity_eval(True)

    # ------------------------------------------------------------ relations
    def resolve(name):
        k = norm(name or "")
        hits = key2g.get(k, [])
        if not hits:
            return None
        hits = sorted(hits, key=lambda gi: (gprimary[gi] != k, gi))
        return hits[0]

    # gold relation endpoints: an entity index or a pseudo key ("name", normalised)
    gr = []
    for r in rels:
        ends = []
        for k in ("head", "tail"):
            gi = resolve(r.get(k))
            if gi is None:
                print("warning: %sgold relation %s %r: no entity named %r" %
                      (label, r.get("type"), (r.get("head"), r.get("tail")), r.get(k)),
                      file=sys.stderr)
                ends.append(("name", norm(r.get(k) or "")))
            else:
                ends.append(("ent", gi))
        gr.append({"head": ends[0], "tail": ends[1], "types": {r.get("type")} | set(r.get("also") or []),
                   "optional": bool(r.get("optional")), "rel": r})

    node_by_id = {}
    for ni, n in enumerate(nodes):
        node_by_id.setdefault(str(n.get("id")), ni)

    def ep_matches(ni, end):
        if ni is None:
            return False
        if end[0] == "ent":
            return end[1] in ncands[ni]
        return end[1] in nkeys[ni]

    scored_edges = []
    for ei, e in enumerate(edges):
        if not isinstance(e, dict) or e.get("type") not in RELATION_TYPES:
            continue
        s = node_by_id.get(str(e.get("source")))
        t = node_by_id.get(str(e.get("target")))
        if s is None or t is None:
            print("warning: %sedge %d (%s) refers to a missing node" % (label, ei, e.get("type")),
                  file=sys.stderr)
        scored_edges.append((ei, e, s, t))

    def only_optional(ni):
        return ni is not None and ncands[ni] and all(gopt[gi] for gi in ncands[ni])

    def rel_eval(labeled):
        cands, ign = [], []
        for ei, e, s, t in scored_edges:
            c, ignore = [], False
            for ri, g in enumerate(gr):
                fwd = ep_matches(s, g["head"]) and ep_matches(t, g["tail"])
                bwd = ep_matches(s, g["tail"]) and ep_matches(t, g["head"])
                if not (fwd or bwd):
                    continue
                if g["optional"]:
                    ignore = True
                    continue
                if labeled:
                    ty = e.get("type")
                    if ty not in g["types"]:
                        continue
                    if not fwd and (strict_direction or ty not in SYMMETRIC):
                        continue
                c.append(ri)
            if only_optional(s) or only_optional(t):
                ignore = True
            cands.append(c)
            ign.append(ignore)
        m = max_matching(cands, len(gr))
        cnt = Counts()
        fps, misses = [], []
        for i, (ei, e, s, t) in enumerate(scored_edges):
            if i in m:
                cnt.tp_sys += 1; cnt.sys += 1
                continue
            if ign[i]:
                continue
            cnt.sys += 1
            sname = nodes[s].get("name") if s is not None else "?%s" % e.get("source")
            tname = nodes[t].get("name") if t is not None else "?%s" % e.get("target")
            if cands[i]:
                why = "duplicate"
            elif labeled and any(
                    (ep_matches(s, g["head"]) and ep_matches(t, g["tail"])) or
                    (ep_matches(s, g["tail"]) and ep_matches(t, g["head"])) for g in gr):
                why = "wrong type or direction"
            else:
                why = "no gold relation between these endpoints"
            fps.append({"edge": ei, "source": sname, "type": e.get("type"), "target": tname,
                        "why": why})
        matched = set(m.values())
        for ri, g in enumerate(gr):
            if g["optional"]:
                continue
            cnt.gold += 1
            if ri in matched:
                cnt.tp_gold += 1
            else:
                r = g["rel"]
                misses.append({"head": r.get("head"), "type": r.get("type"), "tail": r.get("tail")})
        return cnt, fps, misses

    rel_u, rfp_u, rmiss_u = rel_eval(False)
    rel_l, rfp_l, rmiss_l = rel_eval(True)

    details.update({
        "entity_false_positives": fp_u, "entity_misses": miss_u,
        "typed_entity_false_positives": fp_t, "typed_entity_misses": miss_t,
        "relation_false_positives": rfp_u, "relation_misses": rmiss_u,
        "labeled_relation_false_positives": rfp_l, "labeled_relation_misses": rmiss_l,
    })
    return {"entities": ent_untyped, "entities_typed": ent_typed, "per_type": per_type,
            "relations_unlabeled": rel_u, "relations_labeled": rel_l, "details": details}


# ---------------------------------------------------------------- conversion
def gold_to_system(gold, norm):
    """Node-link form of a gold file: one node per entity, one edge per relation."""
    ents = gold.get("entities") or []
    nodes, key2id = [], {}
    norm.prime([x for e in ents for x in names_of(e)])
    for i, e in enumerate(ents):
        nid = "g%d" % i
        nodes.append({"id": nid, "type": e.get("type"), "name": e.get("name"),
                      "aliases": list(e.get("aliases") or [])})
        for x in names_of(e):
            key2id.setdefault(norm(x), nid)
    for i, e in enumerate(ents):  # primary names win over aliases
        key2id[norm(e.get("name", ""))] = "g%d" % i
    edges = []
    for r in gold.get("relations") or []:
        ids = []
        for k in ("head", "tail"):
            nid = key2id.get(norm(r.get(k) or ""))
            if nid is None:
                nid = "x%d" % len(nodes)
                nodes.append({"id": nid, "type": "unknown", "name": r.get(k), "aliases": []})
                key2id[norm(r.get(k) or "")] = nid
            ids.append(nid)
        edges.append({"source": ids[0], "target": ids[1], "type": r.get("type"),
                      "evidence": [r.get("evidence")] if r.get("evidence") else []})
    return {"nodes": nodes, "edges": edges}


# ---------------------------------------------------------------- driver
def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def pairs(sys_arg, gold_arg, gold_as_system):
    if os.path.isdir(gold_arg):
        out = []
        for fn in sorted(os.listdir(gold_arg)):
            if not fn.endswith(".json"):
                continue
            gpath = os.path.join(gold_arg, fn)
            gold = load(gpath)
            spath = None
            if os.path.isdir(sys_arg):
                cands = [fn]
                if gold.get("doc"):
                    cands.append(os.path.splitext(gold["doc"])[0] + ".json")
                for c in cands:
                    if os.path.exists(os.path.join(sys_arg, c)):
                        spath = os.path.join(sys_arg, c)
                        break
            else:
                sys.exit("GOLD is a directory: SYSTEM must be one too")
            out.append((fn, spath, gold))
        return out
    if os.path.isdir(sys_arg):
        sys.exit("SYSTEM is a directory: GOLD must be one too")
    return [(os.path.basename(gold_arg), sys_arg, load(gold_arg))]


def fmt(x):
    return "    -" if x is None else "%.3f" % x


def line(label, c):
    d = c.prf()
    return "%-26s P %s  R %s  F1 %s   (tp %d / sys %d; matched %d / gold %d)" % (
        label, fmt(d["precision"]), fmt(d["recall"]), fmt(d["f1"]),
        d["tp"], d["system"], d["matched_gold"], d["gold"])


def main():
    ap = argparse.ArgumentParser(description="Score a Guanxi node-link graph against gold.")
    ap.add_argument("system", help="system node-link JSON (or directory of them)")
    ap.add_argument("gold", help="gold JSON (or directory of them)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--gold-as-system", action="store_true",
                    help="read SYSTEM as a gold file and convert it to node-link form")
    ap.add_argument("--strict-direction", action="store_true",
                    help="check direction for signed_with/cooperates_with too")
    ap.add_argument("--no-opencc", action="store_true", help="skip Traditional->Simplified")
    args = ap.parse_args()

    norm = Normaliser(use_opencc=not args.no_opencc)
    tot = {k: Counts() for k in ("entities", "entities_typed", "relations_unlabeled",
                                 "relations_labeled")}
    per_type = {t: Counts() for t in ENTITY_TYPES}
    docs = []
    for name, spath, gold in pairs(args.system, args.gold, args.gold_as_system):
        if spath is None:
            print("warning: no system file for %s; scoring an empty graph" % name, file=sys.stderr)
            system = {"nodes": [], "edges": []}
        else:
            system = load(spath)
            if args.gold_as_system:
                system = gold_to_system(system, norm)
        res = score_doc(system, gold, norm, args.strict_direction, label="%s: " % name)
        for k in tot:
            tot[k].add(res[k])
        for t in ENTITY_TYPES:
            per_type[t].add(res["per_type"][t])
        docs.append((name, res))

    if args.json:
        out = {k: c.prf() for k, c in tot.items()}
        out["per_type"] = {t: c.prf() for t, c in per_type.items()}
        out["documents"] = len(docs)
        if args.verbose:
            out["details"] = {name: res["details"] for name, res in docs}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return

    if args.verbose:
        for name, res in docs:
            d = res["details"]
            print("== %s" % name)
            for key, title in [("entity_misses", "missed entities"),
                               ("entity_false_positives", "false-positive nodes"),
                               ("typed_entity_false_positives", "typed false positives"),
                               ("relation_misses", "missed relations (unlabeled)"),
                               ("relation_false_positives", "false-positive edges (unlabeled)"),
                               ("labeled_relation_misses", "missed relations (labeled)"),
                               ("labeled_relation_false_positives", "false-positive edges (labeled)")]:
                items = d[key]
                if key == "typed_entity_false_positives":
                    items = [x for x in items if x["why"].startswith("wrong type")]
                if not items:
                    continue
                print("  %s (%d):" % (title, len(items)))
                for x in items:
                    if "head" in x:
                        print("    %s -%s-> %s" % (x["head"], x["type"], x["tail"]))
                    elif "source" in x:
                        print("    %s -%s-> %s   [%s]" % (x["source"], x["type"], x["target"], x["why"]))
                    elif "why" in x:
                        print("    %s (%s)   [%s]" % (x["name"], x["type"], x["why"]))
                    else:
                        print("    %s (%s)" % (x["name"], x["type"]))
        print()
    print("documents: %d" % len(docs))
    print(line("entities (untyped)", tot["entities"]))
    print(line("entities (typed)", tot["entities_typed"]))
    for t in ENTITY_TYPES:
        print(line("  " + t, per_type[t]))
    print(line("relations (unlabeled)", tot["relations_unlabeled"]))
    print(line("relations (labeled)", tot["relations_labeled"]))


if __name__ == "__main__":
    main()
