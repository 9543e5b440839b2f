#!/usr/bin/env python3
"""Seeds fuzz/corpus/at_engine from the host-side strings of the conformance cases.

Usage: fuzz/make_corpus.py ../shared/spec/conformance-cases.md
Each case becomes one file: a header byte pair (model, read size) and the host bytes in order.
"""
import ast
import os
import re
import sys

spec = open(sys.argv[1], encoding="utf-8").read()
out = os.path.join(os.path.dirname(__file__), "corpus", "at_engine")
os.makedirs(out, exist_ok=True)
for block in re.split(r"\n\*\*", spec):
    m = re.match(r"([A-Z]-\d+)", block)
    if not m:
        continue
    sent = re.findall(r'→ ("(?:[^"\\]|\\.)*")', block)
    if not sent:
        continue
    data = b"".join(ast.literal_eval("b" + s) if "\\x" in s else
                    ast.literal_eval(s).encode("utf-8") for s in sent)
    model = 1 if m.group(1).startswith("N") else 0
    with open(os.path.join(out, m.group(1)), "wb") as f:
        f.write(bytes([model, 7]) + b"ATE0\r" + data)
