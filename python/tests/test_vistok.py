"""The Python package against the golden rows the engine is checked with (written by the real
transformers processors: scripts/golden.py, scripts/golden_video.py), its vectorized path against
its scalar one, and its errors. Run from the repository root: python -m unittest discover python/tests
"""

import doctest
import json
import os
import re
import unittest

import numpy as np

import vistok

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def golden(name):
    with open(os.path.join(ROOT, "tests", "golden", name)) as f:
        lines = f.read().splitlines()
    return [json.loads(line) for line in lines[1:] if line.strip()]


class Package(unittest.TestCase):
    def test_version_is_the_crate_version(self):
        with open(os.path.join(ROOT, "Cargo.toml")) as f:
            crate = re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)
        self.assertEqual(vistok.__version__, crate)

    def test_every_image_row_counts_as_transformers_does(self):
        rows = golden("rows.jsonl")
        self.assertGreater(len(rows), 6000)
        for row in rows:
            what = f'{row["model"]} {row["width"]}x{row["height"]} {row["options"]}'
            if "error" in row:
                with self.assertRaises(vistok.VistokError, msg=what):
                    vistok.count(row["model"], row["width"], row["height"], **row["options"])
                continue
            c = vistok.count(row["model"], row["width"], row["height"], **row["options"])
            self.assertEqual(c.feature_tokens, row["feature_tokens"], what)
            self.assertEqual(c.tokens_in_sequence, row["tokens_in_sequence"], what)
            if "resized" in row:
                self.assertEqual(c.resized, (row["resized"]["width"], row["resized"]["height"]), what)

    def test_count_many_gives_the_golden_rows_in_one_call_per_model(self):
        by_model = {}
        for row in golden("rows.jsonl"):
            if not row["options"]:
                by_model.setdefault(row["model"], []).append(row)
        self.assertGreater(len(by_model), 40)
        for model, rows in by_model.items():
            w = np.array([r["width"] for r in rows])
            h = np.array([r["height"] for r in rows])
            got = vistok.count_many(model, w, h)
            want = [r.get("tokens_in_sequence", -1) for r in rows]
            self.assertEqual(got.tokens_in_sequence.tolist(), want, model)
            self.assertEqual(got.ok.tolist(), ["error" not in r for r in rows], model)
            want_feat = [r.get("feature_tokens", -1) for r in rows]
            self.assertEqual(got.feature_tokens.tolist(), want_feat, model)

    def test_count_many_takes_options_and_arrow_arrays(self):
        w, h = [1280, 4000, 10], [720, 3000, 10]
        got = vistok.count_many("Qwen/Qwen2.5-VL-7B-Instruct", w, h, max_pixels=1003520)
        for i in range(3):
            try:
                one = vistok.count("Qwen/Qwen2.5-VL-7B-Instruct", w[i], h[i], max_pixels=1003520).tokens_in_sequence
            except vistok.VistokError:
                one = -1
            self.assertEqual(int(got.tokens_in_sequence[i]), one)
        try:
            import pyarrow as pa
        except ImportError:
            self.skipTest("pyarrow is not installed")
        arrow = vistok.count_many("google/gemma-3-4b-it", pa.array(w), pa.array(h))
        self.assertIsInstance(arrow.tokens_in_sequence, pa.Array)
        self.assertEqual(arrow.tokens_in_sequence.to_pylist(), [260, 260, 260])

    def test_every_clip_row_counts_as_transformers_does(self):
        rows = golden("video_rows.jsonl")
        for row in rows[:400]:
            v, what = row["video"], f'{row["model"]} {row["video"]} {row["options"]}'
            args = (row["model"], v["width"], v["height"], v["fps"], v["duration_s"], v.get("frames"))
            if "error" in row:
                with self.assertRaises(vistok.VistokError, msg=what):
                    vistok.count_video(*args, **row["options"])
                continue
            c = vistok.count_video(*args, **row["options"])
            self.assertEqual(c.tokens_in_sequence, row["tokens_in_sequence"], what)
            self.assertEqual(c.frames_sampled, row["frames_sampled"], what)
            self.assertEqual(list(c.grid_thw), row["grid_thw"], what)

    def test_errors_are_exceptions_with_the_engine_message(self):
        with self.assertRaisesRegex(vistok.VistokError, 'did you mean "Qwen/Qwen2.5-VL-7B-Instruct"'):
            vistok.count("qwen2.5-vl-7b", 100, 100)
        with self.assertRaisesRegex(vistok.VistokError, "max_tiles"):
            vistok.count("google/gemma-3-4b-it", 100, 100, max_tiles=4)
        with self.assertRaisesRegex(vistok.VistokError, "3 widths but 2 heights"):
            vistok.count_many("google/gemma-3-4b-it", [1, 2, 3], [1, 2])
        with self.assertRaisesRegex(vistok.VistokError, "did you mean"):
            vistok.count_many("gemma-3-4b", [1], [1])
        # A negative or huge side is a refusal, not a crash.
        got = vistok.count_many("google/gemma-3-4b-it", [-5, 2**40, 640], [480, 480, 480])
        self.assertEqual(got.tokens_in_sequence.tolist(), [-1, -1, 260])

    def test_models_and_requests(self):
        ids = [m.id for m in vistok.models()]
        self.assertIn("Qwen/Qwen3-VL-8B-Instruct", ids)
        self.assertGreater(len(ids), 40)
        r = vistok.count_request(
            "Qwen/Qwen2.5-VL-7B-Instruct",
            [{"width": 1280, "height": 720}, {"video": {"width": 640, "height": 480, "fps": 30, "duration_s": 4}, "options": {"preset": "qwen-vl-utils"}}],
            prompt_tokens=100,
        )
        one = vistok.count("Qwen/Qwen2.5-VL-7B-Instruct", 1280, 720).tokens_in_sequence
        self.assertEqual(r.items[0]["tokens_in_sequence"], one)
        self.assertEqual(r.tokens_in_sequence, sum(i["tokens_in_sequence"] for i in r.items) + 100)
        self.assertTrue(r.fits)

    def test_docstring_examples(self):
        failures, tried = doctest.testmod(vistok, extraglobs={"vistok": vistok, "np": np}, verbose=False)
        self.assertGreater(tried, 4)
        self.assertEqual(failures, 0)


if __name__ == "__main__":
    unittest.main()
