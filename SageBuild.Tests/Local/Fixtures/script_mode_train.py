"""A script-mode entry point: SageMaker's framework containers run it with the hyperparameters as arguments."""
import argparse
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--factor", type=float, default=1.0)
parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR"))
args = parser.parse_args()
with open(os.path.join(args.model_dir, "model.json"), "w") as f:
    json.dump({"factor": args.factor}, f)
print("score=%.2f" % (args.factor * 10))
