"""A dataset's visual-token budget with PySpark: `vistok.count_many` over each Arrow batch of a
DataFrame of image sizes (`mapInArrow`), summed per model.

    python python/examples/spark_budget.py sizes.csv Qwen/Qwen3-VL-8B-Instruct google/gemma-4-12B-it

`sizes.csv` needs `width` and `height` columns (a dataset's metadata; no image is opened). Local
mode here; on a cluster the same job runs with `spark-submit --master yarn` (or k8s) once the
vistok wheel is on every executor (`pip install vistok-*.whl` in the image, or
`--archives` with a packed virtualenv): mapInArrow ships the function, the wheel does the counting.
"""

import sys

import pyarrow as pa
import pyarrow.compute as pc

import vistok


def count_batches(models):
    """The mapInArrow function: for every Arrow batch, one row per model with its images, refusals
    and tokens (a size the model refuses counts -1 in count_many and is left out of the tokens)."""

    def run(batches):
        for batch in batches:
            w, h = batch.column("width"), batch.column("height")
            rows = {"model": [], "images": [], "refused": [], "tokens": []}
            for m in models:
                seq = vistok.count_many(m, w, h).tokens_in_sequence
                ok = pc.greater_equal(seq, 0)
                counted = pc.filter(seq, ok)
                rows["model"].append(m)
                rows["images"].append(len(counted))
                rows["refused"].append(len(seq) - len(counted))
                rows["tokens"].append(pc.sum(counted).as_py() or 0)
            yield pa.RecordBatch.from_pydict(rows)

    return run


def budget(spark, path, models):
    """Per model: images counted, sizes refused, total tokens, as a dict."""
    from pyspark.sql import functions as F

    df = spark.read.csv(path, header=True, inferSchema=True).select(
        F.col("width").cast("long"), F.col("height").cast("long")
    )
    schema = "model string, images long, refused long, tokens long"
    per_batch = df.mapInArrow(count_batches(models), schema)
    totals = per_batch.groupBy("model").agg(
        F.sum("images").alias("images"), F.sum("refused").alias("refused"), F.sum("tokens").alias("tokens")
    )
    return {r["model"]: {"images": r["images"], "refused": r["refused"], "tokens": r["tokens"]} for r in totals.collect()}


def main():
    from pyspark.sql import SparkSession

    import os

    path, models = sys.argv[1], sys.argv[2:]
    # Local workers run this interpreter, where vistok is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("vistok-budget").getOrCreate()
    try:
        for model, t in sorted(budget(spark, path, models).items()):
            print(f"{model}: {t['images']} images, {t['refused']} refused, {t['tokens']} tokens")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
