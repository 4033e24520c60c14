import json, glob, os, re, unicodedata, sys
base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
ok = True
def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return re.sub(r'\s+', '', s)
def strip_q(s):
    return re.sub(r'[“”"‘’《》「」『』〈〉\'…]', '', norm(s))
for g in sorted(glob.glob(os.path.join(base, 'gold/*.json'))):
    d = json.load(open(g))
    txt = open(os.path.join(base, 'texts', d['doc'])).read()
    nt = norm(txt)
    n = len(re.sub(r'\s', '', txt))
    names = {}
    for e in d['entities']:
        assert e['type'] in {'official','company','park','policy','organization','project','place'}, e
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
    types = {'holds_post','visited','located_in','issued','selected_into','implements','builds','subsidiary_of','invests_in','cooperates_with','incubated_by','leads','accompanied','supports','signed_with','part_of'}
    for r in d['relations']:
        assert r['type'] in types, r
        for a in r.get('also', []): assert a in types, r
        for end in ('head','tail'):
            if strip_q(r[end]) not in names:
                print(g, 'BAD', end, r[end]); ok = False
        for piece in r['evidence'].split('……'):
            if norm(piece) not in nt:
                print(g, 'EVIDENCE not in text:', piece); ok = False
    ne = len(d['entities']); nr = len(d['relations'])
    print(f"{os.path.basename(g)}: chars={n} entities={ne} (required {sum(1 for e in d['entities'] if not e.get('optional'))}) relations={nr} (required {sum(1 for r in d['relations'] if not r.get('optional'))})")
print('ALL OK' if ok else 'PROBLEMS')
