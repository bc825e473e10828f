#!/usr/bin/python3
"""The peers of bench-s3 on the same rows: curl, rclone, boto3 and awscli.

    bench-s3-peers.py --file BIG [--rounds N] [--small-count N] [--list-keys K]
                      [--list-folder NAME] [--rows LIST] [--peers LIST]
    bench-s3-peers.py --fill FOLDER --list-keys K   (create listing keys, unmeasured)

The server comes from the environment (S3_ENDPOINT, S3_BUCKET, AWS_*), as
bench/s3/run.py sets it. Output: "R row size client median min max
peak-KiB" per row and peer, wall seconds over --rounds; the peak RSS is
the highest of the peer's processes, from GNU time (the whole CLI for
curl, rclone and awscli; a child Python holding one boto3 client for
boto3).

Each peer is used as its documentation shows, with 64 in flight for the
small-object rows: curl --parallel --parallel-max 64 (one process, one
thread), rclone --transfers 64, boto3 with 64 threads on one client,
awscli with max_concurrent_requests = 64. curl signs with --aws-sigv4
(payload unsigned) and sends one PutObject for the big object; it lists
page by page, one curl per page of 1000 keys, following
NextContinuationToken."""
import argparse
import concurrent.futures
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ENDPOINT, BUCKET = os.environ["S3_ENDPOINT"], os.environ["S3_BUCKET"]
ACCESS, SECRET = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
REGION = os.environ.get("AWS_REGION", "us-east-1")
PREFIX = "bench-peers"
SMALL_SIZE = 4096
ROWS = ("put-big", "get-big", "put-small", "get-small", "list")


def run(args, env=None, stdout=subprocess.DEVNULL, count_only=False):
    """Runs one command; returns (wall seconds, peak RSS KiB, stdout, or its
    length with count_only). GNU time reports the peak RSS: a child's
    ru_maxrss as seen from here would include this Python's own RSS,
    inherited through fork until exec."""
    with tempfile.NamedTemporaryFile("r", prefix="rs-bench-rss-") as rss:
        start = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss.name] + args, env=env, stdout=stdout)
        # Read before waiting: a listing does not fit in a pipe.
        out = None
        if p.stdout is not None and count_only:
            out = 0
            while True:
                chunk = p.stdout.read(1 << 20)
                if not chunk:
                    break
                out += len(chunk)
        elif p.stdout is not None:
            out = p.stdout.read()
        p.wait()
        elapsed = time.monotonic() - start
        if p.returncode != 0:
            raise RuntimeError("%s exited with %d" % (" ".join(args[:3]), p.returncode))
        return elapsed, int(rss.read().split()[-1]), out


def big_key(a):
    return "%s/big-%d" % (PREFIX, os.path.getsize(a.file) >> 20)


def size_label(row_id, a):
    if row_id.endswith("-big"):
        return "%d MiB" % (os.path.getsize(a.file) >> 20)
    if row_id.endswith("-small"):
        return "%d x 4 KiB" % a.small_count
    return "%d keys" % a.list_keys


def report(row_id, client, times, rss, a):
    times = sorted(times)
    print("R\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%d" % (row_id, size_label(row_id, a), client,
                                                  statistics.median(times), times[0], times[-1], rss),
          flush=True)


class Peer:
    """One CLI peer: each round is one or more processes, timed whole."""

    def __init__(self, a, tmp):
        self.a, self.tmp = a, tmp

    def measure(self, row_id):
        method = getattr(self, row_id.replace("-", "_"), None)
        if method is None:
            return None
        times, rss = [], 0
        for _ in range(self.a.rounds):
            elapsed, peak = method()
            times.append(elapsed)
            rss = max(rss, peak)
        self.verify(row_id)
        return times, rss

    def verify(self, row_id):
        """An untimed check that the GET rows got every byte, where the
        timed form cannot tell."""

    def fresh(self, name):
        path = os.path.join(self.tmp, name)
        shutil.rmtree(path, ignore_errors=True)
        return path

    def check_count(self, path):
        count = len(os.listdir(path)) if os.path.isdir(path) else 0
        if count != self.a.small_count:
            raise RuntimeError("%d objects of %d arrived" % (count, self.a.small_count))


class Curl(Peer):
    name = "curl"

    def base(self):
        # A netrc file, since --user cuts the key at its first ":" (Swift's
        # is "test:tester"); curl 7.88 sends no x-amz-content-sha256 itself.
        netrc = os.path.join(self.tmp, "netrc")
        if not os.path.exists(netrc):
            with open(os.open(netrc, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write("machine 127.0.0.1 login %s password %s\n" % (ACCESS, SECRET))
        return ["curl", "-sS", "--no-progress-meter", "--fail", "--aws-sigv4", "aws:amz:%s:s3" % REGION, "--netrc-file", netrc,
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]

    def url(self, key, query=""):
        return "%s/%s/%s%s" % (ENDPOINT, BUCKET, urllib.parse.quote(key), query)

    def put_big(self):
        t, rss, _ = run(self.base() + ["-T", self.a.file, "-o", "/dev/null", self.url(big_key(self.a))])
        return t, rss

    def get_big(self):
        t, rss, out = run(self.base() + ["-o", "/dev/null", "-w", "%{size_download}\n", self.url(big_key(self.a))],
                          stdout=subprocess.PIPE)
        if int(out) != os.path.getsize(self.a.file):
            raise RuntimeError("%s bytes of %d arrived" % (out.strip().decode(), os.path.getsize(self.a.file)))
        return t, rss

    def parallel(self, lines):
        config = os.path.join(self.tmp, "curl.conf")
        with open(config, "w") as f:
            f.write("".join(lines))
        t, rss, out = run(self.base() + ["--parallel", "--parallel-immediate", "--parallel-max", "64",
                                         "-w", "%{size_download}\n", "-K", config], stdout=subprocess.PIPE)
        return t, rss, sum(int(x) for x in out.split())

    def put_small(self):
        return self.parallel('upload-file = "%s"\nurl = "%s"\noutput = "/dev/null"\n'
                             % (os.path.join(self.tmp, "small", "%04d" % i),
                                self.url("%s/small/%04d" % (PREFIX, i))) for i in range(self.a.small_count))[:2]

    def get_small(self):
        t, rss, total = self.parallel('url = "%s"\noutput = "/dev/null"\n' % self.url("%s/small/%04d" % (PREFIX, i))
                                      for i in range(self.a.small_count))
        if total != self.a.small_count * SMALL_SIZE:
            raise RuntimeError("%d bytes of %d arrived" % (total, self.a.small_count * SMALL_SIZE))
        return t, rss

    def list(self):
        # SigV4 wants the query sorted and encoded; curl 7.88 signs it as given.
        total, rss, count, token = 0.0, 0, 0, None
        prefix = urllib.parse.quote("bench/%s/" % self.a.list_folder, safe="")
        while True:
            query = "?" + ("continuation-token=%s&" % urllib.parse.quote(token, safe="") if token else "")
            query += "list-type=2&max-keys=1000&prefix=" + prefix
            t, peak, out = run(self.base() + ["%s/%s%s" % (ENDPOINT, BUCKET, query)], stdout=subprocess.PIPE)
            total, rss = total + t, max(rss, peak)
            count += out.count(b"<Key>")
            match = re.search(rb"<NextContinuationToken>([^<]*)<", out)
            if match is None:
                break
            token = match.group(1).decode()
        assert count == self.a.list_keys, count
        return total, rss


class Rclone(Peer):
    name = "rclone"

    def env(self):
        env = dict(os.environ)
        # rclone's S3 backend fails on the machine-wide CA variables.
        for name in ("AWS_CA_BUNDLE", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR",
                     "NIX_SSL_CERT_FILE"):
            env.pop(name, None)
        env.update(RCLONE_CONFIG_BENCH_TYPE="s3", RCLONE_CONFIG_BENCH_PROVIDER="Other",
                   RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=ACCESS, RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=SECRET,
                   RCLONE_CONFIG_BENCH_ENDPOINT=ENDPOINT, RCLONE_CONFIG_BENCH_REGION=REGION,
                   RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE="true", RCLONE_CONFIG_BENCH_NO_CHECK_BUCKET="true",
                   RCLONE_CONFIG="/dev/null")
        return env

    def rclone(self, *args, stdout=subprocess.DEVNULL, count_only=False):
        return run(["/usr/bin/rclone", "-q"] + list(args), env=self.env(), stdout=stdout, count_only=count_only)

    def remote(self, key):
        return "bench:%s/%s" % (BUCKET, key)

    def put_big(self):
        # -I: always transfer, even when the destination looks the same.
        return self.rclone("copyto", "-I", self.a.file, self.remote(big_key(self.a)))[:2]

    def get_big(self):
        return self.rclone("cat", self.remote(big_key(self.a)))[:2]

    def put_small(self):
        return self.rclone("copy", "-I", "--transfers", "64", "--checkers", "64",
                           os.path.join(self.tmp, "small"), self.remote(PREFIX + "/small"))[:2]

    def get_small(self):
        back = self.fresh("rclone-back")
        t, rss, _ = self.rclone("copy", "-I", "--transfers", "64", "--checkers", "64",
                                self.remote(PREFIX + "/small"), back)
        self.check_count(back)
        return t, rss

    def verify(self, row_id):
        # rclone cat prints nothing, successfully, for a key it cannot list.
        if row_id == "get-big":
            size = self.rclone("cat", self.remote(big_key(self.a)), stdout=subprocess.PIPE, count_only=True)[2]
            if size != os.path.getsize(self.a.file):
                raise RuntimeError("rclone cat gave %d bytes of %d" % (size, os.path.getsize(self.a.file)))

    def list(self):
        t, rss, out = self.rclone("lsf", "-R", "--files-only", "--fast-list",
                                  self.remote("bench/%s" % self.a.list_folder), stdout=subprocess.PIPE)
        assert out.count(b"\n") == self.a.list_keys, out.count(b"\n")
        return t, rss


class Awscli(Peer):
    name = "awscli"

    def aws(self, *args, config=None):
        env = dict(os.environ)
        if config:
            env["AWS_CONFIG_FILE"] = config
        return run(["/usr/bin/aws", "--endpoint-url", ENDPOINT] + list(args), env=env)[:2]

    def config(self):
        path = os.path.join(self.tmp, "aws-config")
        with open(path, "w") as f:
            f.write("[default]\ns3 =\n  max_concurrent_requests = 64\n")
        return path

    def put_big(self):
        return self.aws("s3", "cp", "--only-show-errors", self.a.file, "s3://%s/%s" % (BUCKET, big_key(self.a)))

    def get_big(self):
        return self.aws("s3", "cp", "--only-show-errors", "s3://%s/%s" % (BUCKET, big_key(self.a)), os.devnull)

    def put_small(self):
        return self.aws("s3", "cp", "--recursive", "--only-show-errors", os.path.join(self.tmp, "small"),
                        "s3://%s/%s/small" % (BUCKET, PREFIX), config=self.config())

    def get_small(self):
        back = self.fresh("aws-back")
        result = self.aws("s3", "cp", "--recursive", "--only-show-errors", "s3://%s/%s/small" % (BUCKET, PREFIX),
                          back, config=self.config())
        self.check_count(back)
        return result

    def list(self):
        return self.aws("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "bench/%s/" % self.a.list_folder,
                        "--query", "length(Contents)")


class Boto3(Peer):
    """Runs each row in a child Python (this script, --boto3 ROW), which
    creates its client outside the timing and prints one time per round."""
    name = "boto3"

    def measure(self, row_id):
        args = [sys.executable, os.path.abspath(__file__), "--boto3", row_id, "--file", self.a.file,
                "--rounds", str(self.a.rounds), "--small-count", str(self.a.small_count),
                "--list-keys", str(self.a.list_keys), "--list-folder", self.a.list_folder]
        _, rss, out = run(args, stdout=subprocess.PIPE)
        return [float(x) for x in out.split()], rss


def boto3_client():
    import boto3
    import botocore.config
    return boto3.client("s3", endpoint_url=ENDPOINT,
                        config=botocore.config.Config(max_pool_connections=64))


def boto3_row(row_id, a):
    s3 = boto3_client()
    key = big_key(a)
    small = os.urandom(SMALL_SIZE)
    pool = concurrent.futures.ThreadPoolExecutor(64)

    def put_big():
        s3.upload_file(a.file, BUCKET, key)

    def get_big():
        with open(os.devnull, "wb") as null:
            s3.download_fileobj(BUCKET, key, null)

    def put_small():
        list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key="%s/small/%04d" % (PREFIX, i), Body=small),
                      range(a.small_count)))

    def get_small():
        list(pool.map(lambda i: s3.get_object(Bucket=BUCKET, Key="%s/small/%04d" % (PREFIX, i))["Body"].read(),
                      range(a.small_count)))

    def list_keys():
        n = sum(len(page.get("Contents", [])) for page in
                s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="bench/%s/" % a.list_folder))
        assert n == a.list_keys, n

    fn = {"put-big": put_big, "get-big": get_big, "put-small": put_small, "get-small": get_small,
          "list": list_keys}[row_id]
    for _ in range(a.rounds):
        start = time.monotonic()
        fn()
        print("%.4f" % (time.monotonic() - start), flush=True)
    pool.shutdown()


def fill(folder, keys):
    s3 = boto3_client()
    with concurrent.futures.ThreadPoolExecutor(64) as pool:
        list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key="bench/%s/%05d" % (folder, i), Body=b"x"),
                      range(keys)))


PEERS = {"curl": Curl, "rclone": Rclone, "boto3": Boto3, "awscli": Awscli}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--file")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--small-count", type=int, default=500)
    p.add_argument("--list-keys", type=int, default=10000)
    p.add_argument("--list-folder", default="many")
    p.add_argument("--rows", default=",".join(ROWS))
    p.add_argument("--peers", default=",".join(PEERS))
    p.add_argument("--fill")
    p.add_argument("--boto3")
    a = p.parse_args()
    if a.fill:
        fill(a.fill, a.list_keys)
        return
    if a.boto3:
        boto3_row(a.boto3, a)
        return
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="rs-bench-peers-", dir=shm) as tmp:
        os.makedirs(os.path.join(tmp, "small"))
        small = os.urandom(SMALL_SIZE)
        for i in range(a.small_count):
            with open(os.path.join(tmp, "small", "%04d" % i), "wb") as f:
                f.write(small)
        peers = [PEERS[name](a, tmp) for name in a.peers.split(",")]
        for row_id in a.rows.split(","):
            for peer in peers:
                try:
                    result = peer.measure(row_id)
                except Exception as e:
                    print("# %s %s failed: %s" % (peer.name, row_id, e), flush=True)
                    print("F\t%s\t%s\t%s" % (row_id, size_label(row_id, a), peer.name), flush=True)
                    continue
                if result is not None:
                    report(row_id, peer.name, result[0], result[1], a)


if __name__ == "__main__":
    main()
