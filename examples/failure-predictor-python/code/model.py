"""A logistic-regression failure model in plain Python: standardised features, batch gradient descent, L2."""
import csv
import json
import math
import os

FEATURES = ["temperature_c", "vibration_mm_s", "pressure_bar", "age_years", "days_since_service"]
LABEL = "failed"


def read_rows(channel_dir):
    rows = []
    files = sorted(f for f in os.listdir(channel_dir) if f.endswith(".csv"))
    if not files:
        raise FileNotFoundError(f"no CSV file in the channel directory '{channel_dir}'")
    for name in files:
        with open(os.path.join(channel_dir, name), newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def _sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


class Model:
    def __init__(self, features, means, scales, weights, bias):
        self.features, self.means, self.scales, self.weights, self.bias = features, means, scales, weights, bias

    @staticmethod
    def train(rows, features, epochs, learning_rate, l2):
        columns = [[float(r[f]) for r in rows] for f in features]
        means = [sum(c) / len(c) for c in columns]
        scales = [max(1e-9, math.sqrt(sum((v - m) ** 2 for v in c) / len(c))) for c, m in zip(columns, means)]
        x = [[(float(r[f]) - m) / s for f, m, s in zip(features, means, scales)] for r in rows]
        y = [float(r[LABEL]) for r in rows]
        weights, bias, n = [0.0] * len(features), 0.0, len(rows)
        for _ in range(epochs):
            grad_w, grad_b = [0.0] * len(features), 0.0
            for xi, yi in zip(x, y):
                error = _sigmoid(bias + sum(w * v for w, v in zip(weights, xi))) - yi
                grad_b += error
                for j, v in enumerate(xi):
                    grad_w[j] += error * v
            bias -= learning_rate * grad_b / n
            weights = [w - learning_rate * (g / n + l2 * w) for w, g in zip(weights, grad_w)]
        return Model(features, means, scales, weights, bias)

    def probability(self, record):
        z = self.bias
        for f, m, s, w in zip(self.features, self.means, self.scales, self.weights):
            z += w * (float(record[f]) - m) / s
        return _sigmoid(z)

    def to_json(self):
        return {"features": self.features, "means": self.means, "scales": self.scales, "weights": self.weights, "bias": self.bias}

    @staticmethod
    def from_json(data):
        return Model(data["features"], data["means"], data["scales"], data["weights"], data["bias"])


def auc(labels, scores):
    """Area under the ROC curve by the rank-sum formula (ties share their average rank)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return 0.5
    rank_sum = sum(r for r, label in zip(ranks, labels) if label == 1)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)
