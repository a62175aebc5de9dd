"""A script-mode inference script: the SageMaker inference toolkit's handler functions."""
import json
import os


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model.json")) as f:
        return json.load(f)


def predict_fn(data, model):
    return {"scaled": data["x"] * model["factor"]}
