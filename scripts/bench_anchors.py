#!/usr/bin/env python3
"""Anchors for `make bench`: characters per second of jieba's posseg and Baidu LAC on a sample.
Prints `name<TAB>chars_per_s<TAB>note` (or `name<TAB>skip<TAB>reason`) a line."""
import sys, time

text = open(sys.argv[1], encoding="utf-8").read()
lines = [l for l in text.split("\n") if l.strip()]
chars = sum(len(l) for l in lines)

try:
    import jieba, jieba.posseg as pseg
    jieba.setLogLevel(60)
    jieba.initialize()
    best = float("inf")
    for _ in range(3):   # best of three passes, as Guanxi's own figure is a best of several
        t = time.perf_counter()
        for l in lines:
            for _ in pseg.cut(l):
                pass
        best = min(best, time.perf_counter() - t)
    print(f"jieba posseg\t{chars / best:.0f}\tjieba {jieba.__version__}")
except ImportError as e:
    print(f"jieba posseg\tskip\tnot installed (pip install jieba): {e}")

try:
    from LAC import LAC
    lac = LAC(mode="lac")
    t = time.perf_counter()
    for i in range(0, len(lines), 64):
        lac.run(lines[i:i + 64])
    print(f"Baidu LAC\t{chars / (time.perf_counter() - t):.0f}\tlac")
except Exception as e:
    print(f"Baidu LAC\tskip\tnot installed (pip install lac; needs paddlepaddle): {type(e).__name__}")
