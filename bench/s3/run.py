#!/usr/bin/python3
"""bench-s3: libremotestore's s3 backend against curl, rclone, boto3 and
awscli, on Swift s3api, s3rver and nginx, in one run.

    tests/s3/swift-harness.py --raw -- bench/s3/run.py --bench BUILD/bench/s3/bench-s3
        [--rounds N] [--servers swift,s3rver,nginx] [--peers curl,rclone,boto3,awscli]
        [--big-mib 256] [--small-count 500] [--list-keys 10000] [--json FILE]

(`ninja -C BUILD bench-s3` does that; RS_BENCH_S3_ARGS adds options.) Swift comes from the harness's
environment; s3rver and nginx are started here, one at a time, on free
loopback ports with their state in a throwaway folder, and stopped before
the next. nginx serves pre-placed files and stores PUTs in a sink (see
servers.py), so its rows show what each client costs with almost no
server cost; it has no LIST row.

Every row runs twice for libremotestore: at the given sizes (timed, median
of --rounds) and at a quarter of them (one round), to show whether its peak
RSS grows with the size."""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import servers  # noqa: E402

ROWS = ("put-big", "get-big", "put-small", "get-small", "list")
ROW_NAMES = {"put-big": "PUT", "get-big": "GET", "put-small": "PUT", "get-small": "GET", "list": "LIST"}
PEERS = ("curl", "rclone", "boto3", "awscli")
SMALL_SIZE = 4096


def make_big_file(path, mib):
    chunk = bytes((i * 31 + i // 977) & 0xFF for i in range(1 << 20))
    with open(path, "wb") as f:
        for _ in range(mib):
            f.write(chunk)


class Swift:
    """The Swift s3api that swift-harness.py started for this run."""
    name = "swift"

    def __init__(self, root, bucket):
        if "S3_ENDPOINT" not in os.environ:
            raise RuntimeError("no Swift: run under tests/s3/swift-harness.py --raw")
        self.endpoint = os.environ["S3_ENDPOINT"]

    def start(self):
        pass

    def stop(self):
        pass

    def client_env(self, base):
        return dict(base)


def parse(out, results):
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] == "R" and len(fields) == 8:
            row, size, client = fields[1:4]
            results.setdefault(row, {}).setdefault(size, {})[client] = {
                "median": float(fields[4]), "min": float(fields[5]), "max": float(fields[6]),
                "rss_kib": int(fields[7])}
        elif fields[0] == "F":
            results.setdefault(fields[1], {}).setdefault(fields[2], {})[fields[3]] = None
        elif line:
            print(line, flush=True)


def run_capture(args, env, timeout):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, text=True, timeout=timeout)
    if p.returncode != 0:
        print("# %s exited with %d" % (os.path.basename(args[0]), p.returncode), flush=True)
    return p.stdout


def bench_server(server, a, files, tmp, deadline):
    results = {}
    peers_py = os.path.join(HERE, "bench-s3-peers.py")
    rows = [r for r in ROWS if not (server.name == "nginx" and r == "list")]
    small_count = max(1, a.small_count // 4)
    list_few = max(1, a.list_keys // 4)
    if isinstance(server, servers.Nginx):
        data = bytes(SMALL_SIZE)
        names = ["%04d" % i for i in range(a.small_count)]
        for prefix in ("bench", "bench-peers"):
            for path in files:
                server.place("%s/big-%d" % (prefix, os.path.getsize(path) >> 20), source=path)
            server.place_folder(prefix + "/small/", names, data)
    server.start()
    try:
        env = server.client_env(os.environ)
        left = lambda: max(10, deadline - time.time())  # noqa: E731
        if "list" in rows:
            for folder, keys in (("many", a.list_keys), ("few", list_few)):
                subprocess.run(["/usr/bin/python3", peers_py, "--fill", folder, "--list-keys", str(keys)],
                               env=env, check=True, timeout=left())
        common = ["--rows", ",".join(rows)]
        print("# %s at %s: libremotestore" % (server.name, server.endpoint), flush=True)
        parse(run_capture([a.bench, "--file", files[1], "--rounds", str(a.rounds), "--small-count",
                           str(a.small_count), "--list-keys", str(a.list_keys), "--list-folder", "many"] + common,
                          env, left()), results)
        parse(run_capture([a.bench, "--file", files[0], "--rounds", "1", "--small-count", str(small_count),
                           "--list-keys", str(list_few), "--list-folder", "few"] + common, env, left()), results)
        print("# %s: peers" % server.name, flush=True)
        parse(run_capture(["/usr/bin/python3", peers_py, "--file", files[1], "--rounds", str(a.rounds),
                           "--small-count", str(a.small_count), "--list-keys", str(a.list_keys),
                           "--list-folder", "many", "--peers", a.peers] + common, env, left()), results)
    finally:
        server.stop()
    return results


def fmt(cell):
    return "%.2f" % cell["median"] if cell else "fail"


def mib(kib):
    return "%d" % round(kib / 1024)


def print_tables(all_results, a):
    peers = a.peers.split(",")
    for name, results in all_results.items():
        print()
        print("## %s: wall seconds, median of %d (ratio = libremotestore / best peer; < 1 is faster)"
              % (name, a.rounds))
        header = ["row", "libremotestore"] + peers + ["best peer", "ratio"]
        lines = [header]
        for row in ROWS:
            for size, cells in results.get(row, {}).items():
                if len([c for c in cells if c != "libremotestore"]) == 0:
                    continue  # the smaller size: RSS only
                ours = cells.get("libremotestore")
                measured = [(cells[p]["median"], p) for p in peers if cells.get(p)]
                best = min(measured) if measured else None
                ratio = "%.2f" % (ours["median"] / best[0]) if ours and best else "-"
                lines.append(["%s %s" % (ROW_NAMES[row], size), fmt(ours)] +
                             [fmt(cells.get(p)) if p in cells else "-" for p in peers] +
                             ["%s %.2f" % (best[1], best[0]) if best else "-", ratio])
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        for line in lines:
            print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        print()
        print("## %s: peak RSS, MiB (libremotestore per row at two sizes; peers at the larger)" % name)
        lines = [["row", "libremotestore (small)", "libremotestore (large)"] + peers]
        for row in ROWS:
            sizes = results.get(row, {})
            if not sizes:
                continue
            ordered = sorted(sizes.items(), key=lambda kv: len([c for c in kv[1] if c != "libremotestore"]))
            small, large = ordered[0], ordered[-1]
            ours = lambda s: ("%s MiB @ %s" % (mib(s[1]["libremotestore"]["rss_kib"]), s[0])  # noqa: E731
                              if s[1].get("libremotestore") else "-")
            lines.append([ROW_NAMES[row] + (" big" if row.endswith("big") else " small" if row.endswith("small")
                                            else ""), ours(small), ours(large)] +
                         [mib(large[1][p]["rss_kib"]) if large[1].get(p) else "-" for p in peers])
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        for line in lines:
            print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
    sys.stdout.flush()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bench", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--servers", default="swift,s3rver,nginx")
    p.add_argument("--peers", default=",".join(PEERS))
    p.add_argument("--big-mib", type=int, default=256)
    p.add_argument("--small-count", type=int, default=500)
    p.add_argument("--list-keys", type=int, default=10000)
    p.add_argument("--timeout", type=float, default=1700)
    p.add_argument("--json")
    # RS_BENCH_S3_ARGS: more options for `ninja bench-s3`, say "--servers nginx".
    a = p.parse_args(sys.argv[1:] + shlex.split(os.environ.get("RS_BENCH_S3_ARGS", "")))
    deadline = time.time() + a.timeout
    kinds = {"swift": Swift, "s3rver": servers.S3rver, "nginx": servers.Nginx}
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    all_results, failed = {}, False
    root = tempfile.mkdtemp(prefix="rs-bench-s3-", dir=shm)
    try:
        files = [os.path.join(root, "big-%d" % m) for m in (max(1, a.big_mib // 4), a.big_mib)]
        for path, m in zip(files, (max(1, a.big_mib // 4), a.big_mib)):
            make_big_file(path, m)
        for name in a.servers.split(","):
            folder = os.path.join(root, name)
            os.makedirs(folder)
            try:
                server = kinds[name](folder, "rs-bench")
                all_results[name] = bench_server(server, a, files, folder, deadline)
            except Exception as e:
                print("# %s: %s" % (name, e), flush=True)
                failed = True
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print_tables(all_results, a)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(all_results, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
