#!/usr/bin/env python3
"""Fails when the code cites a source key or an open question that docs/sources.md does not define.

    scripts/check_sources.py [REPO_ROOT]      (ctest: sources_legend)

Open questions are unambiguous: every `OQ-<n>`, `OQ-R<n>`, `OQ-S<n>`, `OQ-A<n>` anywhere in a
file must have a row in docs/sources.md. Source keys (LM, S0, MH ...) look like any other acronym,
so they are recognised where comments use them as citations:
  * `KEY:Name` with a lower-case letter in Name (a screenshot: LS:CafbbV8);
  * `KEY` before a locator: ` FAQ`, ` §`, ` error case`, ` trace`, ` recipe`, ` analogy`,
    ` dump`, ` walkthrough`, ` spelling`, or a document `Path.md` / `.png` (LM CIPSEND.md);
  * a bare `KEY` (or `KEY/KEY`) as one item of a citation list: a parenthesised group, or a
    whole comment, split at `,` and `;`, in which at least one item starts with a defined key,
    an `OQ-` id or a case id (`(MH, EF)`, `(SM, S7, TG; OQ-25)`).
A candidate is fine when docs/sources.md defines it (a table row `| KEY | ...`).
"""

import os
import re
import sys

SCANNED = ["emulator", "models", "net", "tls", "tests"]
TEXT_SUFFIXES = (".h", ".cpp", ".c", ".py", ".sh", ".txt", ".log", ".md", ".yaml", ".cmake")

TOKEN = r"[A-Z][A-Z0-9]{1,5}"
# Tokens of the key shape that are never keys: firmware versions (MH V1004).
NOT_KEYS = re.compile(r"V\d{3,}")
LOCATOR = (r"(?: FAQ\b| §| error case\b| trace\b| recipe\b| analogy\b| dump\b| walkthrough\b"
           r"| spelling\b| [^\s()]+\.(?:md|png)\b)")
SCREENSHOT = re.compile(r"(?<![\w:/])(" + TOKEN + r"):[A-Za-z0-9]*[a-z][A-Za-z0-9]*")
LOCATED = re.compile(r"(?<![\w:/.-])(" + TOKEN + r")" + LOCATOR)
OQ_ID = re.compile(r"\bOQ-[A-Z]?\d+\b")
CASE_ID = re.compile(r"^[A-Z]-\d{3}\b")
BARE = re.compile(r"^" + TOKEN + r"(?:/" + TOKEN + r")*$")
PAREN = re.compile(r"\(([^()]*)\)")


def legend(path):
    """The keys and OQ ids docs/sources.md defines (first cell of a table row)."""
    keys, oqs = set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\|\s*([^|]+?)\s*\|", line)
            if not m:
                continue
            cell = m.group(1)
            if OQ_ID.fullmatch(cell):
                oqs.add(cell)
            elif re.fullmatch(r"[A-Z][A-Z0-9]{0,5}", cell):
                keys.add(cell)
    return keys, oqs


def comments(path, text):
    """The comment texts of a file: `//` comments, and `#` lines outside C/C++."""
    c_like = path.endswith((".h", ".cpp", ".c"))
    for number, line in enumerate(text.splitlines(), 1):
        if c_like:
            m = re.search(r"(?<![:\"])//(.*)", line)
            if m:
                yield number, m.group(1)
        else:
            m = re.match(r"\s*#+(.*)", line)
            if m:
                yield number, m.group(1)


def starts_with_citation(item, keys):
    item = item.strip()
    if OQ_ID.match(item) or CASE_ID.match(item) or item.startswith("§"):
        return True
    first = re.match(TOKEN + r"(?=$|[\s:/])", item)
    return bool(first) and first.group(0) in keys


def list_citations(group, keys):
    """Bare items of a citation list (see the module doc)."""
    items = re.split(r"[,;](?=\s|$)", group)
    if not any(starts_with_citation(i, keys) for i in items):
        return []
    found = []
    for item in items:
        item = item.strip().rstrip(".")
        if BARE.match(item):
            found += [k for k in item.split("/") if not NOT_KEYS.fullmatch(k)]
    return found


def citations(comment, keys):
    """The source keys one comment cites."""
    found = [m.group(1) for m in SCREENSHOT.finditer(comment)]
    found += [m.group(1) for m in LOCATED.finditer(comment)]
    for group in PAREN.findall(comment):
        found += list_citations(group, keys)
    found += list_citations(PAREN.sub("", comment), keys)
    return found


def check_file(path, text, keys, oqs):
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for oq in OQ_ID.findall(line):
            if oq not in oqs:
                problems.append(f"{path}:{number}: {oq} is not in docs/sources.md")
    for number, comment in comments(path, text):
        for key in citations(comment, keys):
            if key not in keys:
                problems.append(f"{path}:{number}: source key '{key}' is not in docs/sources.md")
    return problems


def self_test():
    """The grammar on known lines: what must be caught and what must not."""
    keys, oqs = {"LM", "MH", "S0", "LS", "TG", "V"}, {"OQ-1"}
    must_fail = ["// (MH, XQ)", "// XQ FAQ 3", "// XQ §2.4", "// see XQ:AbcdE1", "// XQ CMD.md",
                 "// (TG; XQ)", "// (S0/XQ, OQ-1)", "// OQ-2", "// MH, XQ", "// (XQ trace)"]
    must_pass = ["// (TCP flow control)", "// HOST:PORT", "// split at CR/LF", "// (FIN)",
                 "// NM28: E1 at power-up (OQ-1)", "// (E, V, Q, +CMEE, S-registers, &F, Z)",
                 "// (LM TCPIP/+++.md; NM28 the same, OQ-1)", "// tcp://HOST:PORT",
                 "// (CSTT/CIICR/CIFSR first, as LM note 5 demands)", "// (MH, LS:CafbbV8)",
                 "// TG: AT+CIFSR;E0", "// MH, V1004", "// SSL (air780ep.md §6; LM)",
                 "// one drive (LM FSDRIVE: C)"]
    errors = []
    for line in must_fail:
        if not check_file("x.cpp", line, keys, oqs):
            errors.append(f"self-test: not caught: {line}")
    for line in must_pass:
        for p in check_file("x.cpp", line, keys, oqs):
            errors.append(f"self-test: false alarm: {p}")
    return errors


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    keys, oqs = legend(os.path.join(root, "docs", "sources.md"))
    problems = self_test()
    if not keys or not oqs:
        problems.append("docs/sources.md defines no source keys or no open questions")
    for top in SCANNED:
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                if not name.endswith(TEXT_SUFFIXES) and name != "CMakeLists.txt":
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                problems += check_file(os.path.relpath(path, root), text, keys, oqs)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} citation(s) without a legend entry: add them to docs/sources.md")
        return 1
    print(f"docs/sources.md defines every cited key ({len(keys)} keys, {len(oqs)} open questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
