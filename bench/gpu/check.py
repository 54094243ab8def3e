"""Checks rows written by measure.py: every field present and sane, and every row's visual tokens
equal to what the engine counts for that model and image (through `vistok batch`), so the script
feeds each model exactly the image span the real processor makes. For rows measured on a GPU (not
--tiny), also prints the cost model's TTFT next to the measured one: the out-of-sample check.

    python bench/gpu/check.py ROWS.jsonl [path/to/vistok]
"""

import json
import subprocess
import sys

FIELDS = ["part", "model", "width", "height", "visual_tokens", "seq_len", "ttft_ms_median", "ttft_ms_min",
          "ttft_ms_max", "peak_extra_bytes", "kv_cache_bytes", "gpu", "params", "transformers", "torch"]


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    vistok = sys.argv[2] if len(sys.argv) > 2 else "target/debug/vistok"
    if not rows:
        sys.exit("no rows")
    def query(r):
        q = {"model": r["model"], "width": r["width"], "height": r["height"]}
        gpu = next((g for g in ["H200", "H100", "A100", "L40S", "4090"] if g in str(r.get("gpu"))), None)
        if not r.get("tiny") and gpu:
            name = {"A100": "A100-80GB", "4090": "RTX 4090"}.get(gpu, gpu)
            q["options"] = {"gpu": name, "prompt_tokens": r["seq_len"] - r["visual_tokens"]}
        return json.dumps(q) + "\n"

    queries = "".join(query(r) for r in rows)
    answers = subprocess.run([vistok, "batch"], input=queries, capture_output=True, text=True, check=True).stdout
    failures = []
    for row, answer in zip(rows, answers.splitlines()):
        engine = json.loads(answer)
        what = f"{row['model']} {row['width']}x{row['height']}"
        missing = [f for f in FIELDS if f not in row]
        if missing:
            failures.append(f"{what}: missing {missing}")
        if not 0 < row["ttft_ms_min"] <= row["ttft_ms_median"] <= row["ttft_ms_max"]:
            failures.append(f"{what}: times out of order")
        if row["visual_tokens"] != engine.get("feature_tokens"):
            failures.append(f"{what}: {row['visual_tokens']} visual tokens, the engine counts {engine.get('feature_tokens')}")
        in_sequence = engine.get("tokens_in_sequence", 0) >= engine.get("feature_tokens", 0)  # not cross-attention
        if in_sequence and row["seq_len"] <= row["visual_tokens"]:
            failures.append(f"{what}: the prompt is shorter than its image span")
        if engine.get("cost"):
            model = engine["cost"]["ttft_ms"]
            print(f"| {what} | {row['visual_tokens']} | {row['ttft_ms_median']:.1f} | {model:.1f} | "
                  f"{(model / row['ttft_ms_median'] - 1) * 100:+.1f}% |")
    print(f"{len(rows)} rows, {len({r['model'] for r in rows})} models checked", file=sys.stderr)
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
