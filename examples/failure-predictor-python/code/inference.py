"""Inference handlers in SageMaker script mode (the SageMaker inference toolkit's contract).

The serving stack loads the model once with model_fn, then for each request calls input_fn, predict_fn and
output_fn. Requests are CSV rows (temperature_c,vibration_mm_s,pressure_bar,age_years,days_since_service)
or JSON {"instances": [{...}, ...]}.
"""
import csv
import io
import json
import os

from model import FEATURES, Model


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model.json")) as f:
        return Model.from_json(json.load(f))


def input_fn(request_body, content_type):
    if isinstance(request_body, (bytes, bytearray)):
        request_body = request_body.decode("utf-8")
    if content_type.startswith("application/json"):
        return json.loads(request_body)["instances"]
    if content_type.startswith("text/csv"):
        rows = [r for r in csv.reader(io.StringIO(request_body)) if r]
        return [dict(zip(FEATURES, row)) for row in rows]
    raise ValueError(f"unsupported content type {content_type}: send text/csv or application/json")


def predict_fn(instances, model):
    return [round(model.probability(i), 4) for i in instances]


def output_fn(predictions, accept):
    return json.dumps({"predictions": predictions}), "application/json"
