"""A trainer that fails as SageMaker's contract says: it explains why in output/failure, then exits 1."""
import os
import sys

reason = "ValueError: the training data has no label column. " + "x" * 2000
with open(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w") as f:
    f.write(reason)
print("about to fail", flush=True)
sys.exit(1)
