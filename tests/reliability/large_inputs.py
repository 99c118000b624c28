#!/usr/bin/env python3
"""Very large or deeply nested inputs fail with a clear message, not memory exhaustion
. Each scenario edits a small synthetic case, runs `kanzai check`, and requires:
an exit code in the allowed set, a `file:line` message naming the file on stderr when the
exit is 2, and a peak resident size of the child below a bound.
  deep-toml-array   case.toml with an array nested 100,000 deep
  deep-toml-table   case.toml with an inline table nested 100,000 deep
  csv-50mb-cell     customers.csv with a 50 MB name cell (loads or fails cleanly)
Usage: large_inputs.py KANZAI_BINARY SCENARIO
"""
import pathlib
import resource
import subprocess
import sys
import tempfile

DEPTH = 100_000
RSS_MAX_MB = 1024


def edit(case: pathlib.Path, scenario: str) -> str:
    """Applies the scenario to the case; returns the file its message must name."""
    if scenario == "deep-toml-array":
        with (case / "case.toml").open("a", encoding="utf-8") as handle:
            handle.write("\n[extra]\ndeep = " + "[" * DEPTH + "]" * DEPTH + "\n")
        return "case.toml"
    if scenario == "deep-toml-table":
        with (case / "case.toml").open("a", encoding="utf-8") as handle:
            handle.write("\n[extra]\ndeep = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n")
        return "case.toml"
    if scenario == "csv-50mb-cell":
        path = case / "customers.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        fields = lines[1].split(",")
        fields[1] = '"' + "x" * (50 * 1024 * 1024) + '"'
        lines[1] = ",".join(fields)
        path.write_text("\n".join(lines), encoding="utf-8")
        return "customers.csv"
    raise SystemExit(f"unknown scenario {scenario}")


def main() -> int:
    kanzai, scenario = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        case = pathlib.Path(work) / "case"
        subprocess.run([kanzai, "synth", str(case), "--customers", "20", "--seed", "2"],
                       check=True, capture_output=True)
        file_name = edit(case, scenario)
        result = subprocess.run([kanzai, "check", str(case)], capture_output=True, text=True,
                                timeout=120, check=False)
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        stderr = result.stderr.strip()
        print(f"{scenario}: exit {result.returncode}, peak {rss_mb} MB, "
              f"stderr: {stderr[:300]}")
        allowed = {2} if scenario.startswith("deep-toml") else {0, 2}
        if result.returncode not in allowed:
            print(f"exit {result.returncode} is not one of {sorted(allowed)}")
            return 1
        if result.returncode == 2 and f"{file_name}:" not in stderr:
            print(f"the message does not name {file_name} with a position")
            return 1
        if len(stderr) > 10_000:
            print(f"stderr is {len(stderr)} characters: the message echoes the input")
            return 1
        if rss_mb > RSS_MAX_MB:
            print(f"peak resident size {rss_mb} MB is above {RSS_MAX_MB} MB")
            return 1
        if sorted(p.name for p in case.iterdir() if p.name in ("out", "case.db")):
            print("kanzai check wrote into the case folder")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
