"""Time the parsers of issue #13 on every real file of the shared test data (no database).

    .venv/bin/python bench/outcomes_parsing.py [--repeat 5]

Each file is decoded, its format detected and parsed, as the importer does; the best of
`--repeat` runs is printed per file, with its observations and skipped rows. The issue's target
is a whole import under 10 s a file; parsing is a small part of it.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groundwork.outcomes.parsing import decode, detect_format, head, parse  # noqa: E402
from tests import testdata  # noqa: E402


def _timed(data: bytes, name: str) -> float:
    """Seconds to decode, detect and parse one file."""
    started = time.perf_counter()
    text = decode(data)
    parse(text, detect_format(head(text), name) or "", name)
    return time.perf_counter() - started


def main() -> None:
    """Print each file's parse time, best of several runs."""
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--repeat", type=int, default=5)
    repeat = arguments.parse_args().repeat
    folder = testdata.root() / "uk_indicators"
    total = 0.0
    for path in sorted(folder.glob("*/*.csv")):
        text = decode(path.read_bytes())
        found = detect_format(head(text), path.name) or ""
        parsed = parse(text, found, path.name)
        best = min(_timed(path.read_bytes(), path.name) for _ in range(max(repeat, 1)))
        total += best
        print(
            f"{path.name[:44]:44} {found:16} {len(parsed.observations):5} observations "
            f"{len(parsed.skipped):2} skipped {best * 1000:7.1f} ms"
        )
    print(f"all files: {total * 1000:.0f} ms")


if __name__ == "__main__":
    main()
