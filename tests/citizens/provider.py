"""Start and drive the local OpenID Connect provider (tests/citizens/oidc_provider,
node-oidc-provider): a real authorization server on one of this helper's ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "govportal-test"
CLIENT_SECRET = "govportal-test-secret"
CALLBACK_PATH = "/tai-khoan/oidc/callback/"
CITIZEN_LOGIN = "001099012345"  # a test account of the provider: Nguyễn Thị Hoa


def ensure_node_modules() -> None:
    if (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is missing: .ci/run installs nodejs and npm")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True, timeout=300
    )


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited: {process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the OIDC provider did not listen on {port}")


@dataclass
class RunningProvider:
    port: int
    issuer: str
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_provider(
    port: int, redirect_uris: list[str], *, issuer: str = "", clock_skew: int = 0
) -> RunningProvider:
    ensure_node_modules()
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(redirect_uris),
        "CLOCK_SKEW": str(clock_skew),
        "NODE_ENV": "test",
    }
    if issuer:
        env["ISSUER"] = issuer
    process = subprocess.Popen(
        ["node", "server.mjs"],
        cwd=PROVIDER_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for_port(port, process)
    return RunningProvider(port, issuer or f"http://127.0.0.1:{port}", process)


def consent_round_trip(authorize_url: str, callback_prefix: str, login: str = CITIZEN_LOGIN) -> str:
    """What a citizen does at the provider, over real HTTP: open the authorization URL,
    sign in on the login form, agree on the consent form. Returns the URL the provider
    sends the browser back to (our callback with code, state and iss)."""
    with httpx.Client(follow_redirects=False, timeout=10) as http:
        url = authorize_url
        for _step in range(12):
            if url.startswith(callback_prefix):
                return url
            response = http.get(url)
            if response.is_redirect:
                url = urljoin(url, response.headers["location"])
                continue
            assert response.status_code == 200, response.text
            interaction = url.rstrip("/").rsplit("/", 1)[-1]
            if 'name="login"' in response.text:
                response = http.post(
                    urljoin(url, f"/interaction/{interaction}/login"), data={"login": login}
                )
            else:
                response = http.post(urljoin(url, f"/interaction/{interaction}/confirm"))
            assert response.is_redirect, response.text
            url = urljoin(url, response.headers["location"])
    raise AssertionError("the provider never sent the browser back")
