#!/usr/bin/python3
"""A loopback TCP proxy that resets connections after N bytes.

    fault-proxy.py TARGET_PORT --direction up|down --after BYTES --times K [--record FILE]

Forwards 127.0.0.1:<free port> to 127.0.0.1:TARGET_PORT and prints its port
on the first line of stdout. The first K connections that carry more than
BYTES bytes in the given direction (up: client → server, down: server →
client) are cut with a TCP reset at that point. --record appends every
request line and x-amz-content-sha256 header the clients send to FILE. Exits when stdin closes, so
it never outlives the test that started it."""
import argparse
import os
import re
import socket
import struct
import sys
import threading

args = argparse.ArgumentParser()
args.add_argument("target", type=int)
args.add_argument("--direction", choices=("up", "down"), required=True)
args.add_argument("--after", type=int, required=True)
args.add_argument("--times", type=int, default=1)
args.add_argument("--record")
opts = args.parse_args()
RECORDED = re.compile(rb"^(?:(?:PUT|POST|GET|HEAD|DELETE) \S+ HTTP/1\.1\r?|x-amz-content-sha256:.*)$", re.I | re.M)
lock = threading.Lock()
faults_left = [opts.times]


def reset(sock):
    # Linger 0 makes the last close an abortive one (RST); SHUT_RD first
    # wakes the other pump thread blocked in recv() on this socket, which
    # would otherwise keep the socket alive past our close.
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def record(data, state):
    # Headers may straddle two reads: look at the tail of the last one too,
    # keeping only lines that end in the new bytes (the others were seen).
    tail = state["tail"]
    text = tail + data
    lines = [m.group(0).strip() for m in RECORDED.finditer(text) if len(tail) <= m.end() < len(text)]
    state["tail"] = text[-512:]
    if lines:
        with lock, open(opts.record, "ab") as f:
            f.write(b"".join(line + b"\n" for line in lines))


def pump(src, dst, client, faulty, state):
    moved = 0
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if opts.record and src is client:
                record(data, state)
            if faulty and state["armed"]:
                room = opts.after - moved
                if len(data) >= room:
                    with lock:
                        take = faults_left[0] > 0
                        if take:
                            faults_left[0] -= 1
                    if take:
                        dst.sendall(data[:max(room, 0)])
                        print("reset", flush=True)
                        reset(client)
                        state["upstream"].close()
                        return
                    state["armed"] = False
            dst.sendall(data)
            moved += len(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(client):
    try:
        upstream = socket.create_connection(("127.0.0.1", opts.target))
    except OSError:
        reset(client)
        return
    state = {"armed": True, "upstream": upstream, "tail": b""}
    up = threading.Thread(target=pump, args=(client, upstream, client, opts.direction == "up", state), daemon=True)
    down = threading.Thread(target=pump, args=(upstream, client, client, opts.direction == "down", state), daemon=True)
    up.start()
    down.start()


def watch_stdin():
    sys.stdin.read()
    os._exit(0)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print(listener.getsockname()[1], flush=True)
threading.Thread(target=watch_stdin, daemon=True).start()
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
