#!/usr/bin/env python3
"""Fails if a tracked file holds a personnummer that is not a known test number.

    python3 scripts/check-personnummer.py              check every file in `git ls-files`
    python3 scripts/check-personnummer.py FILE...      check only these files
    python3 scripts/check-personnummer.py --self-test  check the detector itself

Insyn is about children's medical records; a real person's identity number
must never end up in the repository, not even in a test fixture. The only
numbers allowed are the published test numbers listed, with their source, in
scripts/test-personnummer.txt.

Personnummer-shaped means: 10 digits (YYMMDDNNNC) or 12 (YYYYMMDDNNNC, century
18, 19 or 20), optionally with "-" or "+" before the last four; not part of a
longer run of letters or digits (so hashes and base64 are not read as numbers);
a date that exists, where a day of 61-91 is a samordningsnummer's day + 60;
and a last digit that is the Luhn check digit of the ten digits YYMMDDNNN.
Digits inside an http(s) URL (a path segment, an id in a query) are not checked.

A 10-digit number is compared with the allowlist in each century it can be
from: 19 or 20 with "-" or no separator, but with "+" (written for people aged
100 or more) only a century at least 100 years back. So "+" does not turn an
allowed 2017 number into an allowed-looking 1917 one, which is someone else.

The numbers found are printed with their last four digits masked, so the log
of a failing run does not repeat them.
"""

import datetime
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "scripts" / "test-personnummer.txt"

# Date part (6 or 8 digits), optional separator, birth number + check digit.
# The look-arounds keep it from matching inside a longer run of letters or
# digits. Bytes, so files need not be valid UTF-8.
CANDIDATE = re.compile(rb"(?<![0-9A-Za-z])(\d{6}|\d{8})([-+]?)(\d{4})(?![0-9A-Za-z])")
URL = re.compile(rb"https?://[^\s\"'<>`)\]]+")


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def date_exists(year: int, month: int, day: int) -> bool:
    if day > 60:  # samordningsnummer: the day of birth + 60
        day -= 60
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def personnummer(date_part: str, separator: str, tail: str, this_year: int):
    """Every 12-digit reading (YYYYMMDDNNNC) of a personnummer-shaped string, else []."""
    ten = date_part[-6:] + tail
    month, day = int(ten[2:4]), int(ten[4:6])
    if not luhn_ok(ten):
        return []
    if len(date_part) == 8:
        if date_part[:2] not in ("18", "19", "20"):
            return []
        years = [int(date_part[:4])]
    else:
        yy = int(ten[:2])
        if separator == "+":
            years = [y for y in (1800 + yy, 1900 + yy) if y <= this_year - 100]
        else:
            years = [y for y in (1900 + yy, 2000 + yy) if y <= this_year]
    return [f"{y:04d}{ten[2:]}" for y in years if date_exists(y, month, day)]


def find(data: bytes, this_year: int):
    """(offset, text, its 12-digit readings) for every personnummer-shaped string outside URLs."""
    urls = [m.span() for m in URL.finditer(data)]
    found = []
    for m in CANDIDATE.finditer(data):
        start = m.start()
        if any(a <= start < b for a, b in urls):
            continue
        readings = personnummer(m.group(1).decode(), m.group(2).decode(), m.group(3).decode(), this_year)
        if readings:
            found.append((start, m.group(0).decode(), readings))
    return found


def read_allowlist():
    """The allowlisted numbers as 12-digit strings; fails on an entry that is not one."""
    allowed = set()
    for lineno, line in enumerate(ALLOWLIST.read_text(encoding="utf-8").splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        m = CANDIDATE.fullmatch(entry.encode())
        readings = m and len(m.group(1)) == 8 and personnummer(m.group(1).decode(), "", m.group(3).decode(), 9999)
        if not readings:
            sys.exit(f"{ALLOWLIST.relative_to(ROOT)}:{lineno}: '{entry}' is not a 12-digit personnummer")
        allowed.update(readings)
    return allowed


def allowed_number(readings, allowed) -> bool:
    """Whether one of the centuries the string can be read in makes it an allowed number."""
    return any(reading in allowed for reading in readings)


def masked(text: str) -> str:
    return text[:-4] + "****"


def check(paths, allowed, this_year):
    problems = []
    for rel in paths:
        try:
            data = (ROOT / rel).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue  # deleted in the work tree, or a submodule
        if b"\0" in data[:8192]:
            continue  # binary (images, fonts): no text to read numbers from
        for offset, text, readings in find(data, this_year):
            if allowed_number(readings, allowed):
                continue
            line = data.count(b"\n", 0, offset) + 1
            column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
            problems.append(f"{rel}:{line}:{column}: {masked(text)}")
    return problems


def self_test():
    """The detector on numbers built here, so this file itself holds none."""

    def with_check(nine: str) -> str:
        for c in "0123456789":
            if luhn_ok(nine + c):
                return nine + c
        raise AssertionError

    ten = with_check("170101239")  # a child born 2017-01-01
    wrong = ten[:-1] + str((int(ten[-1]) + 1) % 10)
    coordination = with_check("170161239")  # samordningsnummer: day 01 + 60
    no_date = with_check("171301239")  # month 13
    leap = with_check("000229123")  # 2000-02-29
    cases = {
        f"id: 20{ten}": 1,
        f"id: 20{ten[:6]}-{ten[6:]}": 1,
        f"id: {ten[:6]}-{ten[6:]}": 1,
        f"id: {ten[:6]}+{ten[6:]}": 1,
        f"id: {ten}": 1,
        f'"pnr_{ten}"': 1,
        f"id: 20{coordination}": 1,
        f"id: {leap}": 1,
        f"id: 20{wrong}": 0,  # Luhn fails
        f"id: 20{no_date}": 0,  # no such date
        f"id: 17{ten}": 0,  # no 17th-century numbers
        f"id: 120{ten}": 0,  # 13 digits
        f"sha: ab{ten}cd": 0,  # inside a hash
        f"see https://example.org/case/20{ten}/view": 0,  # URL path segment
        f"see http://example.org/?id={ten} and 20{ten}": 1,  # only the one outside
    }
    failures = [f"{text!r}: found {n}, expected {want}"
                for text, want in cases.items()
                if (n := len(find(text.encode(), 2026))) != want]
    # Allowed forms of an allowed 2017 number; with "+" it is a 1917 number, someone else.
    allowed = {"20" + ten}
    for text, want in {
        f"20{ten}": True,
        f"20{ten[:6]}-{ten[6:]}": True,
        f"{ten[:6]}-{ten[6:]}": True,
        f"{ten}": True,
        f"{ten[:6]}+{ten[6:]}": False,
        f"19{ten}": False,
    }.items():
        [(_, _, readings)] = find(text.encode(), 2026)
        if allowed_number(readings, allowed) != want:
            failures.append(f"{text!r}: allowed is {not want}, expected {want}")
    if failures:
        sys.exit("self-test failed:\n" + "\n".join(failures))
    print(f"check-personnummer self-test: {len(cases) + 6} cases ok")


def main(argv):
    if argv == ["--self-test"]:
        self_test()
        return 0
    allowed = read_allowlist()
    if argv:
        paths = argv
    else:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
        paths = [p for p in out.decode().split("\0") if p]
    problems = check(paths, allowed, datetime.date.today().year)
    if problems:
        print(f"{len(problems)} personnummer-shaped string(s) that are not Skatteverket test numbers "
              f"(last four digits masked):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        print(f"Replace them with a test number from {ALLOWLIST.relative_to(ROOT)}; add a number there "
              "only if it is in Skatteverket's published list of test personnummer.", file=sys.stderr)
        return 1
    print(f"check-personnummer: {len(paths)} tracked files, only test numbers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
