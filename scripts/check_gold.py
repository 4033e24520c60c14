"""Check a folder of hand-written articles and their gold files (texts/, gold/).

Every gold file must be valid JSON; every relation end must be an entity name or alias of
the same file; every entity name and every evidence fragment (split on ……) must occur in the
text as read: white space ignored, NFKC; for .html the tags are removed (each tag becomes a
separator, so a name split by a tag fails) and entities decoded; for .md the markup
(#, >, -, **, *, [text](url)) is removed. Traditional names are checked as written.
Warns about required relations to optional entities and aliases not in the text.
Prints counts per file. Usage: python3 scripts/check_gold.py DIR   (e.g. Tests/Fixtures/heldout)"""
import json, glob, os, re, unicodedata, sys, html
base = sys.argv[1] if len(sys.argv) > 1 else 'Tests/Fixtures/heldout'
ok = True
SEP = '\u241e'  # visible separator left where an HTML tag was

def read_text(path):
    raw = open(path, encoding='utf-8').read()
    if path.endswith('.html'):
        body = re.sub(r'(?is)<(script|style)\b.*?</\1>', SEP, raw)
        body = re.sub(r'(?s)<!--.*?-->', SEP, body)
        body = re.sub(r'<[^>]+>', SEP, body)
        return html.unescape(body)
    if path.endswith('.md'):
        t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', raw)
        t = re.sub(r'(?m)^\s{0,3}(#{1,6}|>|[-*+])\s+', '', t)
        t = t.replace('**', '').replace('__', '')
        t = re.sub(r'(?<![*\w])\*(?!\s)([^*\n]+)(?<!\s)\*', r'\1', t)
        return t
    return raw

def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return re.sub(r'\s+', '', s)
def strip_q(s):
    return re.sub(r'[“”"‘’《》「」『』〈〉\'…]', '', norm(s))
TYPES = {'official','company','park','policy','organization','project','place'}
RELS = {'holds_post','visited','located_in','issued','selected_into','implements','builds','subsidiary_of','invests_in','cooperates_with','incubated_by','leads','accompanied','supports','signed_with','part_of'}
tot = [0, 0, 0, 0]
rows = []
for g in sorted(glob.glob(os.path.join(base, 'gold/*.json'))):
    d = json.load(open(g, encoding='utf-8'))
    txt = read_text(os.path.join(base, 'texts', d['doc']))
    nt = norm(txt)
    n = len(re.sub(r'\s', '', txt.replace(SEP, '')))
    names = {}
    for e in d['entities']:
        assert set(e) <= {'type','name','aliases','title','also','optional'}, e
        assert e['type'] in TYPES, e
        for a in e.get('also', []): assert a in TYPES, e
        for k in [e['name']] + e.get('aliases', []):
            key = strip_q(k)
            if key in names and names[key] is not e:
                print(g, 'DUP name/alias', k); ok = False
            names[key] = e
        if norm(e['name']) not in nt:
            print(g, 'NAME NOT IN TEXT', e['name']); ok = False
        for a in e.get('aliases', []):
            if norm(a) not in nt:
                print(g, '  (alias not in text, ok if intended)', a)
        if e['type'] == 'official' and not e.get('title'):
            print(g, 'official w/o title', e['name'])
    seen = set()
    for r in d['relations']:
        assert set(r) <= {'head','type','tail','also','evidence','optional'}, r
        assert r['type'] in RELS, r
        for a in r.get('also', []): assert a in RELS, r
        for end in ('head','tail'):
            if strip_q(r[end]) not in names:
                print(g, 'BAD', end, r[end]); ok = False
        k = (strip_q(r['head']), r['type'], strip_q(r['tail']))
        if k in seen:
            print(g, 'DUP relation', k); ok = False
        seen.add(k)
        if not r.get('optional'):
            for end in ('head', 'tail'):
                ent = names.get(strip_q(r[end]))
                if ent is not None and ent.get('optional'):
                    print(g, '  (required relation to optional entity)', r[end], r['type'])
        for piece in r['evidence'].split('……'):
            if norm(piece) not in nt:
                print(g, 'EVIDENCE not in text:', piece); ok = False
    ne = len(d['entities']); nr = len(d['relations'])
    re_ = sum(1 for e in d['entities'] if not e.get('optional'))
    rr = sum(1 for r in d['relations'] if not r.get('optional'))
    tot = [tot[0]+ne, tot[1]+re_, tot[2]+nr, tot[3]+rr]
    print(f"{os.path.basename(g)}: chars={n} entities={ne} (required {re_}) relations={nr} (required {rr})")
print(f"TOTAL entities={tot[0]} (required {tot[1]}) relations={tot[2]} (required {tot[3]})")
print('ALL OK' if ok else 'PROBLEMS')
