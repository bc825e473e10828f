#!/usr/bin/python3
"""Start s3rver on loopback, run one TAP program against it, stop it.

    s3rver-harness.py [--timeout SECONDS] -- PROG [ARGS]

s3rver (npm, pinned by package-lock.json beside this file; installed by
scripts/install-deps.sh) is a second S3 implementation, independent of
Swift's s3api: the conformance suite runs against both. It runs on a free
127.0.0.1 port with its data in a throwaway folder; the program gets
RS_TEST_URI=s3://BUCKET?endpoint=…&path-style=true and the credentials
(s3rver wants the access key S3RVER and checks no signature). The TAP
stream passes through unchanged. Whatever happens the harness stops the
process group it started, and only that one, and removes the folder.

Without OpenSSL's legacy provider s3rver answers every truncated listing
with 500 (its continuation tokens use DES)."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BUCKET = "rs-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(server, endpoint, deadline):
    while True:
        if server.poll() is not None:
            raise RuntimeError("s3rver exited with status %d" % server.returncode)
        try:
            request = urllib.request.Request("%s/%s" % (endpoint, BUCKET), method="PUT")
            urllib.request.urlopen(request, timeout=2).read()
            return
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def stop(process):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def main():
    argv = sys.argv[1:]
    timeout = 600.0
    if argv[:1] == ["--timeout"]:
        timeout, argv = float(argv[1]), argv[2:]
    if argv[:1] != ["--"] or len(argv) < 2:
        sys.exit("usage: s3rver-harness.py [--timeout SECONDS] -- PROG [ARGS]")
    program = argv[1:]
    script = os.path.join(HERE, "node_modules", "s3rver", "bin", "s3rver.js")
    if not os.path.exists(script):
        # Not a pass: TAP's skip, with the reason.
        print("1..0 # SKIP s3rver is not installed (scripts/install-deps.sh runs npm ci in tests/s3rver)")
        return 0
    deadline = time.time() + timeout
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(3))
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="rs-s3rver-", dir=shm) as root:
        port = free_port()
        endpoint = "http://127.0.0.1:%d" % port
        os.makedirs(os.path.join(root, "data"))
        log = open(os.path.join(root, "s3rver.log"), "w")
        server = subprocess.Popen(["node", script, "-d", os.path.join(root, "data"), "-a", "127.0.0.1",
                                   "-p", str(port), "--silent"],
                                  env=dict(os.environ, NODE_OPTIONS="--openssl-legacy-provider"),
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        child = None
        try:
            try:
                wait_ready(server, endpoint, time.time() + 30)
            except Exception as e:
                print("Bail out! s3rver did not start: %s" % e, flush=True)
                return 1
            print("# s3rver at %s" % endpoint, flush=True)
            env = dict(os.environ)
            env.update(AWS_ACCESS_KEY_ID="S3RVER", AWS_SECRET_ACCESS_KEY="S3RVER", AWS_REGION="us-east-1",
                       AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null",
                       AWS_SHARED_CREDENTIALS_FILE="/dev/null", S3_ENDPOINT=endpoint, S3_BUCKET=BUCKET,
                       RS_TEST_URI="s3://%s?endpoint=%s&region=us-east-1&path-style=true" % (BUCKET, endpoint))
            env.pop("AWS_PROFILE", None)
            env.pop("AWS_SESSION_TOKEN", None)
            child = subprocess.Popen(program, env=env, start_new_session=True)
            try:
                return child.wait(max(1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                print("Bail out! %s timed out" % os.path.basename(program[0]), flush=True)
                return 1
        finally:
            if child is not None:
                stop(child)
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
