#!/usr/bin/env python3
"""Training entry point in SageMaker script mode.

SageMaker (and SageBuild locally) runs `python3 train.py --epochs 300 ...` with the hyperparameters as
arguments and the SM_* variables pointing at the channels, the model directory and the output directory.
"""
import argparse
import json
import os
import sys
import traceback

from model import FEATURES, LABEL, Model, auc, read_rows


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--learning-rate", "--learning_rate", dest="learning_rate", type=float, default=0.5)
    p.add_argument("--l2", type=float, default=0.001)
    p.add_argument("--features", default=",".join(FEATURES))
    p.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    p.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    p.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", "/opt/ml/input/data/validation"))
    p.add_argument("--output-data-dir", default=os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"))
    # SageMaker passes its own settings too; they are not ours to reject.
    args, _unknown = p.parse_known_args()
    return args


def main():
    args = parse_args()
    features = [f.strip() for f in args.features.split(",") if f.strip()]
    unknown = [f for f in features if f not in FEATURES]
    if unknown or not features:
        raise ValueError(f"--features: unknown column(s) {unknown}; use some of {FEATURES}")

    train = read_rows(args.train)
    print(f"training on {len(train)} rows with {features}, {args.epochs} epochs", flush=True)
    model = Model.train(train, features, args.epochs, args.learning_rate, args.l2)

    validation = read_rows(args.validation) if os.path.isdir(args.validation) else train
    labels = [int(r[LABEL]) for r in validation]
    scores = [model.probability(r) for r in validation]
    accuracy = sum(1 for label, s in zip(labels, scores) if (s >= 0.5) == (label == 1)) / len(labels)
    metrics = {"validation:auc": round(auc(labels, scores), 4), "validation:accuracy": round(accuracy, 4)}

    os.makedirs(args.model_dir, exist_ok=True)
    with open(os.path.join(args.model_dir, "model.json"), "w") as f:
        json.dump(model.to_json(), f)
    os.makedirs(args.output_data_dir, exist_ok=True)
    with open(os.path.join(args.output_data_dir, "evaluation.json"), "w") as f:
        json.dump({"metrics": metrics}, f)
    for name, value in metrics.items():
        print(f"{name}={value};", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # SageMaker's contract: the reason goes to output/failure, the exit code is non-zero.
        output_dir = os.environ.get("SM_OUTPUT_DIR", "/opt/ml/output")
        os.makedirs(output_dir, exist_ok=True)
        with open(os.path.join(output_dir, "failure"), "w") as f:
            f.write(f"{type(e).__name__}: {e}")
        traceback.print_exc()
        sys.exit(1)
