#!/usr/bin/env python3
"""The serving command: SageMaker's hosting contract with the standard library only.

It loads the model once with inference.model_fn, answers GET /ping with 200 once the model is loaded, and for
POST /invocations calls input_fn, predict_fn and output_fn, as SageMaker's inference toolkit does. It listens on
127.0.0.1:$SAGEMAKER_BIND_TO_PORT (8080 by default) and reads the model from $SM_MODEL_DIR (/opt/ml/model).
"""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import inference

MODEL = inference.model_fn(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/ping":
            self.answer(200, "application/json", b"{}")
        else:
            self.answer(404, "application/json", json.dumps({"error": f"no route GET {self.path}"}).encode())

    def do_POST(self):
        if self.path != "/invocations":
            self.answer(404, "application/json", json.dumps({"error": f"no route POST {self.path}"}).encode())
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            instances = inference.input_fn(body, self.headers.get("Content-Type") or "application/json")
            text, content_type = inference.output_fn(inference.predict_fn(instances, MODEL), self.headers.get("Accept"))
            self.answer(200, content_type, text.encode())
        except (ValueError, KeyError, TypeError) as e:
            # A request the model cannot read is the caller's mistake: say what is wrong, as a 400.
            self.answer(400, "application/json", json.dumps({"error": f"{type(e).__name__}: {e}"}).encode())

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # one line per request on stdout, which the platform keeps as the endpoint's log
        print(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}", flush=True)


def main():
    port = int(os.environ.get("SAGEMAKER_BIND_TO_PORT", "8080"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    # SageMaker stops a container with SIGTERM: finish cleanly rather than dying with a traceback.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"serving on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
