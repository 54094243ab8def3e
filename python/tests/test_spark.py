"""The PySpark example (python/examples/spark_budget.py) in local mode against `vistok scan
--sizes` on the same table: the same images, refusals and total tokens per model."""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "python", "examples"))
MODELS = ["Qwen/Qwen2.5-VL-7B-Instruct", "google/gemma-3-4b-it", "OpenGVLab/InternVL3-8B-hf", "openai/gpt-4o"]


class Spark(unittest.TestCase):
    def test_the_spark_budget_equals_vistok_scan_sizes(self):
        from pyspark.sql import SparkSession

        import spark_budget

        # The workers run this interpreter, where vistok is installed.
        os.environ["PYSPARK_PYTHON"] = sys.executable
        rng = random.Random(25)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "sizes.csv")
            with open(path, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["id", "width", "height"])
                for i in range(20000):
                    # Thin and tiny ones too, which some models refuse.
                    w.writerow([f"img{i}", rng.choice([2, 14, 640, rng.randrange(1, 8000)]), rng.randrange(1, 8000)])
            binary = os.environ.get("VISTOK_BIN", os.path.join(ROOT, "target", "debug", "vistok"))
            args = [binary, "scan", "--sizes", path, "--summary"] + sum((["--model", m] for m in MODELS), [])
            scan = {s["model"]: s for s in map(json.loads, subprocess.check_output(args, text=True).splitlines())}
            spark = SparkSession.builder.master("local[2]").appName("vistok-test").config("spark.ui.enabled", "false").getOrCreate()
            try:
                got = spark_budget.budget(spark, path, MODELS)
            finally:
                spark.stop()
        for m in MODELS:
            self.assertEqual(got[m]["tokens"], scan[m]["total_tokens"], m)
            self.assertEqual(got[m]["images"], scan[m]["images"], m)
            self.assertEqual(got[m]["refused"], scan[m]["refused"], m)
        self.assertGreater(scan["Qwen/Qwen2.5-VL-7B-Instruct"]["refused"], 0, "the table has sizes a model refuses")


if __name__ == "__main__":
    unittest.main()
