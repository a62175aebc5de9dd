#!/usr/bin/env python3
"""Generates the taxi-fare data set shipped with this example.

The trips are synthetic but follow a plausible fare rule (flag fall, per-mile and per-minute rates,
a surcharge at night and for extra passengers, a card fee) with noise, so that a model has something real
to learn and a model that ignores the trip's length does visibly worse. A fixed seed makes the files
reproducible: run `python3 data/generate.py` to write them again byte for byte.
"""
import csv
import random

HEADER = ["vendor_id", "passenger_count", "trip_distance_miles", "trip_minutes", "hour_of_day", "payment_type", "fare_amount"]


def trip(rng: random.Random) -> list:
    vendor = rng.choice(["CMT", "VTS"])
    passengers = rng.choices([1, 2, 3, 4, 5, 6], weights=[60, 18, 8, 5, 6, 3])[0]
    distance = round(max(0.2, rng.lognormvariate(0.8, 0.75)), 2)
    speed_mph = max(4.0, rng.gauss(13.0, 4.0))
    minutes = round(distance / speed_mph * 60 + rng.uniform(0.5, 4.0), 1)
    hour = rng.randrange(24)
    payment = rng.choices(["CRD", "CSH"], weights=[70, 30])[0]
    fare = 2.5 + 1.75 * distance + 0.35 * minutes
    fare += 0.5 if hour >= 20 or hour < 6 else 0.0
    fare += 0.3 * max(0, passengers - 2)
    fare += 0.4 if payment == "CRD" else 0.0
    fare *= 1.04 if vendor == "VTS" else 1.0
    fare = round(max(2.5, fare + rng.gauss(0, 0.9)), 2)
    return [vendor, passengers, distance, minutes, hour, payment, fare]


def write(path: str, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for _ in range(rows):
            out.writerow(trip(rng))


if __name__ == "__main__":
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "train", "trips.csv"), 4000, seed=20261125)
    write(os.path.join(here, "validation", "trips.csv"), 1000, seed=7)
