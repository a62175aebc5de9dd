"""A tiny model for the local backend tests, using only the standard library.

`model.py train [--name value ...]` follows SageMaker's training contract: it reads the hyperparameters and the
`train` channel, records what it was given (environment and arguments) in model/contract.json, writes the model
to model/model.json, prints metrics, and writes output/data/summary.txt.

`model.py serve` follows the hosting contract: an HTTP server on 127.0.0.1:$SAGEMAKER_BIND_TO_PORT answering
GET /ping and POST /invocations with {"prediction": x * weight, "version": ..., "pid": ...}.
"""
import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def train(arguments):
    base = os.environ["SAGEMAKER_BASE_DIR"]
    config = os.path.join(base, "input", "config")
    with open(os.path.join(config, "hyperparameters.json")) as f:
        hyperparameters = json.load(f)
    values = []
    channel = os.environ["SM_CHANNEL_TRAIN"]
    for name in sorted(os.listdir(channel)):
        with open(os.path.join(channel, name)) as f:
            values += [float(line) for line in f if line.strip()]
    weight = float(hyperparameters.get("weight", "1")) * (sum(values) / len(values))
    model_dir = os.environ["SM_MODEL_DIR"]
    os.makedirs(os.path.join(model_dir, "nested"), exist_ok=True)
    with open(os.path.join(model_dir, "model.json"), "w") as f:
        json.dump({"weight": weight, "version": hyperparameters.get("version", "1")}, f)
    with open(os.path.join(model_dir, "nested", "note.txt"), "w") as f:
        f.write("nested files are kept")
    with open(os.path.join(model_dir, "contract.json"), "w") as f:
        json.dump({
            "argv": arguments,
            "cwd": os.getcwd(),
            "env": {k: v for k, v in os.environ.items() if k.startswith(("SM_", "SAGEMAKER_", "TRAINING_JOB_"))},
            "files": {
                name: json.load(open(os.path.join(config, name)))
                for name in ("hyperparameters.json", "inputdataconfig.json", "resourceconfig.json")
            },
        }, f)
    with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "summary.txt"), "w") as f:
        f.write("trained on %d values" % len(values))
    epochs = int(hyperparameters.get("epochs", "2"))
    for epoch in range(1, epochs + 1):
        print("epoch=%d loss=%.4f" % (epoch, 1.0 / epoch))
    print("validation:accuracy=%.3f" % min(0.999, weight / 100.0))


class Handler(BaseHTTPRequestHandler):
    model = None

    def do_GET(self):
        self.reply(200 if self.path == "/ping" else 404, {"status": "healthy"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/invocations":
            self.reply(404, {"error": "not found"})
            return
        try:
            x = float(json.loads(body)["x"])
        except Exception as error:  # noqa: BLE001
            self.reply(400, {"error": "bad input: %s" % error})
            return
        delay = float(os.environ.get("INVOCATION_DELAY", "0"))
        if delay:
            time.sleep(delay)
        self.reply(200, {"prediction": x * self.model["weight"], "version": self.model["version"], "pid": os.getpid(),
                         "accept": self.headers.get("Accept")})

    def reply(self, status, payload):
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


def serve():
    if os.environ.get("SERVE_EXITS") == "1":
        print("cannot load the model: its weights are corrupt", flush=True)
        sys.exit(2)
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json")) as f:
        Handler.model = json.load(f)
    if os.environ.get("PING_FAILS") == "1":
        Handler.do_GET = lambda self: self.reply(500, {"status": "broken"})
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["SAGEMAKER_BIND_TO_PORT"])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("serving version %s on port %s" % (Handler.model["version"], os.environ["SAGEMAKER_BIND_TO_PORT"]))
    server.serve_forever()


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve()
    elif sys.argv[1:2] == ["train"]:
        train(sys.argv[2:])
    else:
        train(sys.argv[1:])
