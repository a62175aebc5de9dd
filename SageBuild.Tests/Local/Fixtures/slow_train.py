"""A trainer that takes long: on SIGTERM it records the signal in model/ (so the stop is visible in model.tar.gz)
and exits; with --ignore-term it ignores SIGTERM, so only SIGKILL ends it."""
import os
import signal
import sys
import time


def on_term(*_):
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "signal.txt"), "w") as f:
        f.write("SIGTERM")
    sys.exit(0)


signal.signal(signal.SIGTERM, signal.SIG_IGN if "--ignore-term" in sys.argv else on_term)
print("training slowly", flush=True)
for _ in range(600):
    time.sleep(0.1)
