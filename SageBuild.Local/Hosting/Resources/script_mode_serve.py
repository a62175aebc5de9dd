"""SageBuild's local stand-in for a SageMaker framework inference container in script mode.

It follows the SageMaker inference toolkit's handler contract: the user's script (SAGEMAKER_PROGRAM, found in the
working directory) may define model_fn(model_dir), input_fn(body, content_type), predict_fn(data, model),
output_fn(prediction, accept), or transform_fn(model, body, content_type, accept) instead of the last three.
It answers GET /ping and POST /invocations on 127.0.0.1:$SAGEMAKER_BIND_TO_PORT, using only the standard library.
"""
import importlib.util
import json
import os
import signal
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

program = os.environ["SAGEMAKER_PROGRAM"]
model_dir = os.environ.get("SM_MODEL_DIR", os.path.join(os.environ.get("SAGEMAKER_BASE_DIR", "/opt/ml"), "model"))
sys.path.insert(0, os.getcwd())
spec = importlib.util.spec_from_file_location(program[:-3] if program.endswith(".py") else program, os.path.join(os.getcwd(), program))
user = importlib.util.module_from_spec(spec)
spec.loader.exec_module(user)


def default_input_fn(body, content_type):
    if content_type and "json" in content_type:
        return json.loads(body.decode("utf-8"))
    if content_type and (content_type.startswith("text/") or "csv" in content_type):
        return body.decode("utf-8")
    return body


def default_predict_fn(data, model):
    if model is None:
        raise ValueError("define predict_fn or model_fn in " + program)
    return model(data) if callable(model) else model.predict(data)


def default_output_fn(prediction, accept):
    if isinstance(prediction, (bytes, bytearray)):
        return bytes(prediction), accept or "application/octet-stream"
    return json.dumps(prediction).encode("utf-8"), "application/json"


model = user.model_fn(model_dir) if hasattr(user, "model_fn") else None
input_fn = getattr(user, "input_fn", default_input_fn)
predict_fn = getattr(user, "predict_fn", default_predict_fn)
output_fn = getattr(user, "output_fn", None)


def transform(body, content_type, accept):
    if hasattr(user, "transform_fn"):
        result = user.transform_fn(model, body, content_type, accept)
    else:
        prediction = predict_fn(input_fn(body, content_type), model)
        result = output_fn(prediction, accept) if output_fn else default_output_fn(prediction, accept)
    if isinstance(result, tuple):
        data, response_type = result
    else:
        data, response_type = result, accept or "application/json"
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, response_type


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/ping":
            self.reply(200, b"", "text/plain")
        else:
            self.reply(404, b"not found", "text/plain")

    def do_POST(self):
        if self.path != "/invocations":
            self.reply(404, b"not found", "text/plain")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            data, response_type = transform(body, self.headers.get("Content-Type"), self.headers.get("Accept"))
            self.reply(200, data, response_type)
        except Exception as error:  # noqa: BLE001 - every failure becomes a 500 carrying its message
            traceback.print_exc()
            self.reply(500, str(error).encode("utf-8"), "text/plain")

    def reply(self, status, data, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        sys.stdout.write("%s\n" % (format % args))
        sys.stdout.flush()


server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["SAGEMAKER_BIND_TO_PORT"])), Handler)
signal.signal(signal.SIGTERM, lambda *_: (server.server_close(), sys.exit(0)))
server.serve_forever()
