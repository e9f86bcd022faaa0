# SPDX-License-Identifier: MIT
"""Threads: the GIL is released during C work, so two threads validate
different files at once, and get the same answers as one thread does."""
from __future__ import annotations

import pathlib
import tempfile
import threading
import time
import unittest
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pledge
from pledgetest import ALE, ALE_FOLLOW_UP, EXAMPLES, FULL, FULL_FOLLOW_UP, load_tests  # noqa: F401


def run_together(*jobs: Callable[[], object]) -> list[object]:
    """Start every job at the same moment, each in its own thread."""
    barrier = threading.Barrier(len(jobs))

    def start(job: Callable[[], object]) -> object:
        barrier.wait()
        return job()
    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(start, jobs))


class ThreadTest(unittest.TestCase):
    def test_two_threads_validate_different_files(self) -> None:
        invalid = EXAMPLES / "invalid"
        expected_a = pledge.validate(ALE, ALE_FOLLOW_UP, resolve=True)
        expected_b = pledge.validate(invalid)
        self.assertEqual(expected_a, [])
        self.assertGreater(len(expected_b), 10)
        rounds = 100
        a, b = run_together(
            lambda: [pledge.validate(ALE, ALE_FOLLOW_UP, resolve=True) for _ in range(rounds)],
            lambda: [pledge.validate(invalid) for _ in range(rounds)])
        self.assertEqual(a, [expected_a] * rounds)
        self.assertEqual(b, [expected_b] * rounds)

    def test_threads_load_and_read(self) -> None:
        def job(path: pathlib.Path) -> Callable[[], object]:
            def work() -> object:
                out = []
                for _ in range(100):
                    doc = pledge.load(path)
                    out.append((doc.to_dict(), [repr(x) for x in getattr(doc, "activities", [])]))
                return out
            return work
        paths = [ALE, FULL, ALE_FOLLOW_UP, FULL_FOLLOW_UP]
        results = run_together(*(job(p) for p in paths))
        for path, result in zip(paths, results):
            with self.subTest(path=path.name):
                doc = pledge.load(path)
                one = (doc.to_dict(), [repr(x) for x in getattr(doc, "activities", [])])
                self.assertEqual(result, [one] * 100)

    def test_one_document_read_by_many_threads(self) -> None:
        doc = pledge.load(FULL)
        fu = pledge.load(FULL_FOLLOW_UP)
        assert isinstance(doc, pledge.Pledge)

        def work() -> object:
            return [(doc.progress([fu]).share_done, doc.activity("belysning").target,
                     doc.to_yaml()) for _ in range(200)]
        results = run_together(*([work] * 4))
        self.assertTrue(all(r == results[0] for r in results))

    def test_schema_shared_by_threads(self) -> None:
        schema = pledge.Schema.from_file(EXAMPLES.parent / "schema" / "pledge-1.schema.yaml")
        results = run_together(*([lambda: [schema.validate_file(ALE) for _ in range(50)]] * 3))
        self.assertEqual(results, [[[]] * 50] * 3)

    def test_gil_is_released_during_c_work(self) -> None:
        """While one thread is inside one long C call (validating a folder
        of pledges), a pure-Python thread keeps running: with the GIL held
        it could not run at all until the call returned. The folder grows
        from 400 pledges until the call lasts long enough to tell (0.1 s),
        however fast the library and the machine are."""
        text = ALE.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp)
            count = 0
            for want in (400, 1600, 6400):
                for i in range(count, want):
                    (folder / f"p{i:04}.yaml").write_text(
                        text.replace("id: ale-2024\n", f"id: ale-2024-{i}\n"), encoding="utf-8")
                count = want
                stamps: list[float] = []
                stop = threading.Event()

                def ticker() -> None:
                    while not stop.is_set():
                        stamps.append(time.perf_counter())
                        time.sleep(0.001)
                thread = threading.Thread(target=ticker)
                thread.start()
                try:
                    time.sleep(0.05)
                    start = time.perf_counter()
                    diags = pledge.validate(folder)
                    end = time.perf_counter()
                finally:
                    stop.set()
                    thread.join()
                if end - start > 0.1:
                    break
        self.assertEqual(diags, [])
        duration = end - start
        self.assertGreater(duration, 0.05, "the C call is too short to tell")
        middle = [t for t in stamps if start + 0.2 * duration < t < end - 0.2 * duration]
        # the ticker wakes about every millisecond when it may run
        self.assertGreater(len(middle), 10,
                           f"only {len(middle)} ticks during {duration:.3f} s of C work: GIL held?")

if __name__ == "__main__":
    unittest.main()
