#!/usr/bin/python3
"""Run a test program against a throwaway Azurite blob service.

    azurite-harness.py [--uri TEMPLATE] [--timeout S] [--disk] -- PROGRAM [ARGS...]

Starts Azurite (from tests/azure/node_modules) on 127.0.0.1 on a free
port with in-memory persistence (--disk: in the throwaway folder, for
benchmarks, whose data would grow Azurite's memory) and SharedKey checks
on, waits until it
answers, runs PROGRAM with the endpoint and the development credentials
in its environment, and always stops the Azurite process it started —
on success, failure, timeout or a signal from the test runner. The exit
status is PROGRAM's; stdout is PROGRAM's (TAP), Azurite's output goes to
a log file in the throwaway folder, shown on failure.

Environment given to PROGRAM:
  AZURITE_ENDPOINT   http://127.0.0.1:PORT/devstoreaccount1
  AZURITE_PORT       PORT
  AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY   the development account
  RS_TEST_URI        TEMPLATE with {endpoint}, {port}, {account} filled in
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "devstoreaccount1"
# The published, well-known key of Azurite's development account.
KEY = ("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
       "K1SZFPTOtr/KBHBeksoGMGw==")


def azurite_main():
    main = os.path.join(HERE, "node_modules", "azurite", "dist", "src", "blob", "main.js")
    if not os.path.exists(main):
        sys.exit("Bail out! Azurite is not installed: run `npm ci` in " + HERE)
    return main


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(proc, endpoint, deadline):
    """Ready when the service answers HTTP at all (any status)."""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            urllib.request.urlopen(endpoint + "?comp=list", timeout=1)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.05)
    return False


def stop(proc):
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_azurite(state, disk, attempts=3):
    main = azurite_main()
    storage = (["--location", os.path.join(state, "data")] if disk else ["--inMemoryPersistence"])
    for _ in range(attempts):
        port = free_port()
        log = open(os.path.join(state, "azurite.log"), "wb")
        proc = subprocess.Popen(
            ["node", main, "--blobHost", "127.0.0.1", "--blobPort", str(port),
             "--disableTelemetry", "--silent"] + storage,
            cwd=state, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        endpoint = "http://127.0.0.1:%d/%s" % (port, ACCOUNT)
        if wait_ready(proc, endpoint, time.monotonic() + 30):
            return proc, port, endpoint
        stop(proc)  # the port may have been taken meanwhile: try another
    return None, None, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--uri", default="")
    parser.add_argument("--timeout", type=float, default=280)
    parser.add_argument("--disk", action="store_true")
    parser.add_argument("program", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    program = [a for a in args.program if a != "--"] if args.program[:1] == ["--"] else args.program
    if not program:
        parser.error("no program to run")

    state = tempfile.mkdtemp(prefix="rs-azurite-")
    proc = child = None

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    status = 1
    try:
        proc, port, endpoint = start_azurite(state, args.disk)
        if proc is None:
            print("Bail out! Azurite did not start")
            sys.stdout.write(open(os.path.join(state, "azurite.log"), errors="replace").read())
            return 1
        env = dict(os.environ)
        env.update(AZURITE_ENDPOINT=endpoint, AZURITE_PORT=str(port),
                   AZURE_STORAGE_ACCOUNT=ACCOUNT, AZURE_STORAGE_KEY=KEY,
                   RS_TEST_URI=args.uri.format(endpoint=endpoint, port=port, account=ACCOUNT))
        env.pop("AZURE_STORAGE_CONNECTION_STRING", None)
        sys.stdout.flush()
        child = subprocess.Popen(program, env=env)
        try:
            status = child.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print("Bail out! %s timed out after %g s" % (program[0], args.timeout))
            status = 1
        if status != 0 and proc.poll() is not None:
            print("# Azurite exited with %s" % proc.returncode)
    except KeyboardInterrupt:
        status = 1
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
        if proc is not None:
            stop(proc)
        shutil.rmtree(state, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
