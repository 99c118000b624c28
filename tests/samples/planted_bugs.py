#!/usr/bin/env python3
"""Proves that the samples' checks can fail. For every sample with an expect.sh, and every
planted bug of planted_engine.py: run the wrong engine, and if its outputs differ from the
correct model's, feed them to the sample's expect.sh, which must reject them. The correct
model itself must pass every sample. Prints the matrix; exits 1 if a bug got through.
Usage: python3 planted_bugs.py SAMPLES_DIR [SAMPLE ...]"""

import concurrent.futures
import filecmp
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.join(HERE, "planted_engine.py")
COPY_ENGINE = os.path.join(HERE, "copy_engine.sh")
OUTPUTS = ("decisions.csv", "allocations.csv", "payouts.csv", "summary.json")
sys.path.insert(0, HERE)
from planted_engine import BUGS  # noqa: E402


def beyond_model(sample):
    """The SPEC v3 features reference.py does not model (elections and conversions): a
    sample using one is reported, not tested, until the model learns it."""
    import tomllib
    with open(os.path.join(sample, "case.toml"), "rb") as f:
        case = tomllib.load(f)
    found = [k for k in ("payouts",) if k in case]
    found += [f"assets.{a}.{k}" for a, v in case["assets"].items()
              for k in ("paid_in", "distribution_price") if k in v]
    found += [n for n in ("elections.csv",) if os.path.exists(os.path.join(sample, n))]
    return found


def model_run(sample, bug, out):
    env = dict(os.environ, KANZAI_PLANTED_BUG=bug)
    subprocess.run([sys.executable, ENGINE, "run", sample, "--out", out], env=env,
                   check=True, stdout=subprocess.DEVNULL)


def checks_pass(sample, outputs):
    """Runs the sample's expect.sh on ready outputs (copy_engine.sh copies them in)."""
    env = dict(os.environ, KANZAI_PLANTED_OUTPUTS=outputs)
    done = subprocess.run(["bash", os.path.join(sample, "expect.sh"), COPY_ENGINE, sample],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode == 0


def same_outputs(a, b):
    return all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False)
               for f in OUTPUTS)


def verdict(sample, bug, scratch):
    """'ok' (correct model passes), '-' (bug changes nothing here), 'rejected', 'MISSED'."""
    correct = os.path.join(scratch, f"{os.path.basename(sample)}.0")
    out = correct
    if bug:
        out = os.path.join(scratch, f"{os.path.basename(sample)}.{list(BUGS).index(bug) + 1}")
        model_run(sample, bug, out)
    if bug and same_outputs(out, correct):
        return "-"
    passed = checks_pass(sample, out)
    if not bug:
        return "ok" if passed else "MODEL FAILS"
    return "MISSED" if passed else "rejected"


def main():
    root = sys.argv[1]
    names = sys.argv[2:] or sorted(
        n for n in os.listdir(root) if os.path.exists(os.path.join(root, n, "expect.sh")))
    samples = [os.path.abspath(os.path.join(root, n)) for n in names]
    skipped = {os.path.basename(s): beyond_model(s) for s in samples}
    skipped = {n: f for n, f in skipped.items() if f}
    names = [n for n in names if n not in skipped]
    samples = [s for s in samples if os.path.basename(s) not in skipped]
    results = {}
    with tempfile.TemporaryDirectory() as scratch, \
            concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for s in samples:
            model_run(s, "", os.path.join(scratch, f"{os.path.basename(s)}.0"))
        jobs = {(s, b): pool.submit(verdict, s, b, scratch) for s in samples
                for b in [""] + list(BUGS)}
        for key, job in jobs.items():
            results[key] = job.result()
    bad = 0
    width = max(len(b) for b in BUGS)
    header = " ".join(f"{i + 1:>3}" for i in range(len(samples)))
    print(f"{'planted bug':<{width}}  {header}")
    for b in [""] + list(BUGS):
        cells = []
        for s in samples:
            r = results[(s, b)]
            bad += r in ("MISSED", "MODEL FAILS")
            cells.append({"ok": "ok", "-": "-", "rejected": "X"}.get(r, "!!"))
        print(f"{b or '(none: the correct model)':<{width}}  "
              + " ".join(f"{c:>3}" for c in cells))
    print("samples: " + ", ".join(f"{i + 1} {n}" for i, n in enumerate(names)))
    print("ok: the correct model passes; X: the checks reject the bug; -: the bug does not "
          "change this sample's outputs; !!: the checks miss the bug (or fail the model)")
    for n, features in skipped.items():
        print(f"not tested: {n}: the model lacks {', '.join(features)}")
    for (s, b), r in results.items():
        if r in ("MISSED", "MODEL FAILS"):
            print(f"{r}: {os.path.basename(s)}: {b or 'correct model'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
