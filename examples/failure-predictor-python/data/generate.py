#!/usr/bin/env python3
"""Generates the machine-failure data set shipped with this example.

Each row is one machine's sensor summary for a week and whether it failed within the next 30 days. The rows
are synthetic, drawn from a logistic rule in which heat, vibration and age raise the risk and recent service
lowers it, so a model that sees every sensor does much better than one that sees only a machine's age.
A fixed seed makes the files reproducible: `python3 data/generate.py` writes them again byte for byte.
"""
import csv
import math
import os
import random

HEADER = ["temperature_c", "vibration_mm_s", "pressure_bar", "age_years", "days_since_service", "failed"]


def machine(rng: random.Random) -> list:
    temperature = round(rng.gauss(68, 9), 1)
    vibration = round(max(0.1, rng.lognormvariate(1.1, 0.45)), 2)
    pressure = round(rng.gauss(5.5, 0.8), 2)
    age = round(rng.uniform(0.2, 14.0), 1)
    since_service = rng.randrange(0, 400)
    z = (-7.2 + 0.085 * (temperature - 68) * 1.4 + 0.55 * vibration + 0.9 * abs(pressure - 5.5)
         + 0.16 * age + 0.006 * since_service + 2.2)
    failed = 1 if rng.random() < 1 / (1 + math.exp(-z)) else 0
    return [temperature, vibration, pressure, age, since_service, failed]


def write(path: str, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for _ in range(rows):
            out.writerow(machine(rng))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "train", "machines.csv"), 3000, seed=11)
    write(os.path.join(here, "validation", "machines.csv"), 1000, seed=12)
