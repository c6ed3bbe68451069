"""Registering from a scan: RapidOCR vs Tesseract on synthetic GB/T 9704 first pages.

    .venv/bin/python bench/bench_ocr.py [--pages 200] [--engine rapidocr|tesseract|both]

Pages come from tests/support/scan_pages.py (the program's 发文 mapping, varied 机关/文号/标题/密级/紧急程度/
份号/成文日期, three font sets, skew, blur, grain, JPEG; every 4th page a scanned PDF), cached under
bench/cache/ocr/. Each engine runs in its own process so the memory it adds is its own: peak RSS of the
run minus RSS before the engine was loaded. Time is file → fields (app.importing.ocr.read_scan) per
page. The reference ("bare") is the library called as its README shows — RapidOCR() with its defaults
on the whole decoded page — on every 10th page, in a third process of its own (its memory is its own
too): ours/bare < 1 is what reading only the 版头/标题/落款 regions, one thread a core without spinning,
etc. save."""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / "cache" / "ocr"
FIELDS = (
    "issuer",
    "number",
    "title",
    "secret_level",
    "secret_period",
    "urgency",
    "copy_number",
    "written_on",
)


def corpus(pages: int) -> list[tuple[Path, dict]]:
    from tests.support.scan_pages import first_page_pdf, random_spec, scan

    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(pages):
        rng = random.Random(9704_0000 + i)  # one stream a page: a cached page needs no replay
        spec = random_spec(rng)
        path = CACHE / f"page{i:04d}.{'pdf' if i % 4 == 3 else 'jpg'}"
        if not path.exists():
            image = scan(first_page_pdf(spec), rng)
            if path.suffix == ".pdf":
                image.save(path, "PDF", resolution=200)
            else:
                image.save(path, "JPEG", quality=88)
        out.append((path, asdict(spec)))
    return out


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as a child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_engine(name: str, pages: int) -> dict:
    from app.importing.ocr import RapidEngine, TesseractEngine, first_page, read_scan

    items = corpus(pages)
    if name == "bare":
        return run_bare(items)
    before = rss_mb()
    engine = RapidEngine() if name == "rapidocr" else TesseractEngine()
    t0 = time.perf_counter()
    if name == "rapidocr":
        engine.load()
        engine.lines(first_page(items[0][0]))  # the first call sets ONNX up: counted as load
    load = time.perf_counter() - t0
    right = {f: 0 for f in FIELDS}
    times: list[float] = []
    misses: list[str] = []
    cpus: list[float] = []
    for path, truth in items:
        c0 = _cpu()
        result = read_scan(path, engine)
        cpus.append(_cpu() - c0)
        times.append(result.seconds)
        got = result.fields
        expect = {
            "issuer": truth["issuer"],
            "number": truth["number"],
            "title": truth["title"],
            "secret_level": truth["secret_level"],
            "secret_period": truth["secret_period"],
            "urgency": truth["urgency"],
            "copy_number": truth["copy_number"],
            "written_on": truth["written_on"],
        }
        for f in FIELDS:
            ok = getattr(got, f) == expect[f]
            right[f] += ok
            if not ok:
                misses.append(f"{path.name} {f}: {getattr(got, f)!r} != {expect[f]!r}")
        if len(times) % 20 == 0:  # figures so far, for a run cut short on a busy machine
            done = len(times)
            (CACHE / f"partial-{name}.json").write_text(
                json.dumps({"pages": done, "accuracy": {f: right[f] / done for f in FIELDS},
                            "p50_s": statistics.median(times), "cpu_p50_s": statistics.median(cpus),
                            "load_avg": os.getloadavg()[0], "misses": misses[:15]}, ensure_ascii=False)
            )  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if name == "tesseract":  # the work happens in the child processes
        peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        added = peak - before + peak_child
    else:
        added = peak - before
    return {
        "engine": name,
        "pages": len(items),
        "accuracy": {f: right[f] / len(items) for f in FIELDS},
        "load_s": load,
        "p50_s": statistics.median(times),
        "p95_s": sorted(times)[int(0.95 * (len(times) - 1))],
        "max_s": max(times),
        "cpu_p50_s": statistics.median(cpus),
        "cpu_p95_s": sorted(cpus)[int(0.95 * (len(cpus) - 1))],
        "load_avg": os.getloadavg()[0],
        "memory_added_mb": added,
        "misses": misses[:15],
    }


def run_bare(items: list[tuple[Path, dict]]) -> dict:
    """The library as its README calls it, on every 10th page: whole page, default settings."""
    import numpy as np

    from app.importing.ocr import first_page

    before = rss_mb()
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    sample = items[::10]
    engine(np.asarray(first_page(sample[0][0]))[..., ::-1])  # the first call sets ONNX up
    times, cpus = [], []
    for path, _truth in sample:
        c0, t0 = _cpu(), time.perf_counter()
        engine(np.ascontiguousarray(np.asarray(first_page(path))[..., ::-1]))
        times.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    return {
        "engine": "bare",
        "pages": len(sample),
        "p50_s": statistics.median(times),
        "cpu_p50_s": statistics.median(cpus),
        "memory_added_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before,
        "load_avg": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--engine", default="both")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-library reference run")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_engine(args.one, args.pages), ensure_ascii=False, default=str))
        return
    corpus(args.pages)  # generate once, outside the timed processes
    engines = ("rapidocr", "tesseract") if args.engine == "both" else (args.engine,)
    # one process an engine (its memory is its own), run side by side: CPU seconds are what to compare
    # on a shared machine; wall times follow the load average printed with them
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--pages", str(args.pages), "--one", name],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in engines
    ]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    bare = None
    if "rapidocr" in engines and not args.no_bare:  # after the others: it would take their CPU
        out = subprocess.run(
            [sys.executable, __file__, "--pages", str(args.pages), "--one", "bare"],
            capture_output=True,
            text=True,
            check=True,
        )
        bare = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{len(results[0]['accuracy'])} fields on {args.pages} synthetic GB/T 9704 first pages")
    header = "| figure | " + " | ".join(r["engine"] for r in results) + " | goal |"
    print(header)
    print("|---" * (len(results) + 2) + "|")
    goals = {"issuer": "≥98%", "number": "≥95%", "title": "≥95%"}
    for f in FIELDS:
        cells = " | ".join(f"{r['accuracy'][f]:.1%}" for r in results)
        print(f"| {f} exactly right | {cells} | {goals.get(f, '')} |")
    for key, label, goal in (
        ("p50_s", "file → fields, median (s)", "≤3 s"),
        ("p95_s", "file → fields, p95 (s)", "≤3 s"),
        ("max_s", "file → fields, max (s)", ""),
        ("cpu_p50_s", "CPU seconds a page, median (both cores)", "≤6 CPU-s"),
        ("cpu_p95_s", "CPU seconds a page, p95", ""),
        ("load_avg", "machine load average during the run", "2 = idle 2 cores busy"),
        ("load_s", "engine load + first call (s)", ""),
        ("memory_added_mb", "memory added (MB)", "≤500 MB"),
    ):
        print(f"| {label} | " + " | ".join(f"{r[key]:.2f}" for r in results) + f" | {goal} |")
    if bare is not None:
        ours = next(r for r in results if r["engine"] == "rapidocr")
        print(
            f"bare RapidOCR() on {bare['pages']} of the pages (load {bare['load_avg']:.1f}): median "
            f"{bare['p50_s']:.2f} s, {bare['cpu_p50_s']:.2f} CPU-s, memory added {bare['memory_added_mb']:.0f} MB; "
            f"ours/bare: wall {ours['p50_s'] / bare['p50_s']:.2f}, CPU {ours['cpu_p50_s'] / bare['cpu_p50_s']:.2f}, "
            f"memory {ours['memory_added_mb'] / bare['memory_added_mb']:.2f}"
        )
    for r in results:
        print(f"{r['engine']}: misses (first 15):")
        for m in r["misses"]:
            print("   ", m)


if __name__ == "__main__":
    main()
