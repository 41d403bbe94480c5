"""A real `nq-advisor serve` process on a free loopback port: restart and kill -9 lose no given answer."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

AS_OF = "2026-11-23"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(base, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    def __init__(self, data_dir, env=None, *args):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nq_advisor", "serve", "--port", str(self.port), "--data", str(data_dir), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(self.process.stderr.read().decode())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.log = self.process.stderr.read().decode()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def test_kill_9_and_restart_mid_interview_keep_every_answer(data_dir):
    server = Server(data_dir)
    try:
        status, raw = call(server.base, "POST", "/api/interviews", {"subject": "person", "as_of": AS_OF,
                                                                     "facts": {"state": "NW"}})
        assert status == 201
        session_id = json.loads(raw)["id"]
        given = {}
        for field, value in (("vocational_degree", "none"), ("employment", "employed"), ("age", 44),
                             ("employer_size", 120), ("german_level", "B1")):
            status, raw = call(server.base, "POST", f"/api/interviews/{session_id}/answers",
                               {"field": field, "value": value})
            assert status == 200, raw
            given[field] = value
        # revise one, then kill at once after the answer was acknowledged
        status, raw = call(server.base, "POST", f"/api/interviews/{session_id}/answers", {"field": "age", "value": 45})
        assert status == 200
        given["age"] = 45
        before = json.loads(raw)
        server.kill9()
    finally:
        server.stop()
    server = Server(data_dir)
    try:
        status, raw = call(server.base, "GET", f"/api/interviews/{session_id}")
        assert status == 200
        after = json.loads(raw)
        assert after == before
        assert after["answers"] == {"state": "NW", **given}
        status, raw = call(server.base, "GET", f"/api/interviews/{session_id}/advice")
        assert status == 200 and json.loads(raw)["as_of"] == AS_OF
        status, raw = call(server.base, "GET", "/api/interviews/" + session_id + "/handout?format=markdown")
        assert status == 200
    finally:
        server.stop()
    # the log names route patterns, never personal data: neither answers nor the session id
    assert "GET /api/interviews/<session_id>/advice 200" in server.log
    assert "Bearer" not in server.log and session_id not in server.log and "employer_size" not in server.log


def test_advise_over_a_real_server_equals_the_command_line(data_dir, tmp_path):
    case = {"person": {"age": 30, "target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 60}}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    expected = subprocess.run([sys.executable, "-m", "nq_advisor", "advise", str(path), "--format", "json",
                               "--as-of", AS_OF], capture_output=True, check=True).stdout
    server = Server(data_dir)
    try:
        status, raw = call(server.base, "POST", f"/api/advise?as_of={AS_OF}", case)
    finally:
        server.stop()
    assert status == 200
    assert json.loads(raw) == json.loads(expected)


def test_tokens_from_the_environment_or_a_file(data_dir, tmp_path):
    token_file = tmp_path / "tokens"
    token_file.write_text("# counsellors' portal\nfile-token-0123456789abcdef\n", encoding="utf-8")
    server = Server(data_dir, {"NQ_ADVISOR_TOKENS": "env-token-0123456789abcdef"}, "--token-file", str(token_file))
    try:
        assert call(server.base, "GET", "/api/health")[0] == 401
        assert call(server.base, "GET", "/api/health", token="env-token-0123456789abcdef")[0] == 200
        assert call(server.base, "GET", "/api/health", token="file-token-0123456789abcdef")[0] == 200
        assert call(server.base, "GET", "/api/health", token="file-token-0123456789abcdeX")[0] == 401
    finally:
        server.stop()


def test_binding_beyond_loopback_without_a_token_refuses_to_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NQ_ADVISOR_TOKENS"}
    result = subprocess.run([sys.executable, "-m", "nq_advisor", "serve", "--host", "0.0.0.0", "--port",
                             str(free_port()), "--data", str(tmp_path / "d")], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 2
    assert "0.0.0.0" in result.stderr and "NQ_ADVISOR_TOKENS" in result.stderr and "--token-file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "d").exists()


def test_worker_processes_share_the_store_and_survive_kill_9_of_the_group(data_dir):
    port = free_port()
    command = [sys.executable, "-m", "nq_advisor", "serve", "--port", str(port), "--data", str(data_dir),
               "--workers", "2"]
    base = f"http://127.0.0.1:{port}"

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if call(base, "GET", "/api/health")[0] == 200:
                    return process
            except OSError:
                time.sleep(0.1)
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("server with workers did not start")

    process = start()
    try:
        status, raw = call(base, "POST", "/api/interviews", {"subject": "region", "as_of": AS_OF})
        session_id = json.loads(raw)["id"]
        answers = {"steering_network": True, "coordination": "partisan", "company_structure_analysed": False,
                   "steering_partners": ["agentur", "ihk"]}
        for field, value in answers.items():  # the requests land on either worker
            assert call(base, "POST", f"/api/interviews/{session_id}/answers", {"field": field, "value": value})[0] == 200
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    process = start()
    try:
        status, raw = call(base, "GET", f"/api/interviews/{session_id}")
        assert status == 200 and json.loads(raw)["answers"] == answers
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from nq_advisor.cli.main import main

    monkeypatch.setitem(sys.modules, "waitress", None)  # import waitress raises ImportError
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "nq-advisor[web]" in result.output
