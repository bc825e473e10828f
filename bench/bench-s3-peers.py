#!/usr/bin/python3
"""The peers of bench-s3: boto3 and awscli (v2) on the same rows.

    bench-s3-peers.py --file BIG --rounds N --list-keys K
    bench-s3-peers.py --fill-list K      (create the listing keys, unmeasured)

Same server (S3_ENDPOINT, S3_BUCKET, AWS_* from swift-harness.py), same
sizes, 64 in flight for the small-object rows (boto3: 64 threads; awscli:
max_concurrent_requests = 64)."""
import argparse
import concurrent.futures
import os
import statistics
import subprocess
import tempfile
import time

import boto3
import botocore.config

ENDPOINT, BUCKET = os.environ["S3_ENDPOINT"], os.environ["S3_BUCKET"]
PREFIX = "bench-peers"
s3 = boto3.client("s3", endpoint_url=ENDPOINT,
                  config=botocore.config.Config(max_pool_connections=64))


def timed(fn):
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def row(name, client, fn, rounds):
    times = sorted(timed(fn) for _ in range(rounds))
    print("%-28s %-12s %8.2f   (min %.2f, max %.2f)" % (name, client, statistics.median(times),
                                                      times[0], times[-1]), flush=True)


def aws(*args, config=None):
    env = dict(os.environ)
    if config:
        env["AWS_CONFIG_FILE"] = config
    subprocess.run(["/usr/bin/aws", "--endpoint-url", ENDPOINT] + list(args), env=env, check=True,
                   stdout=subprocess.DEVNULL)


def fill(keys, prefix):
    with concurrent.futures.ThreadPoolExecutor(64) as pool:
        list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key="%s/%05d" % (prefix, i), Body=b"x"),
                      range(keys)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--file")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--list-keys", type=int, default=10000)
    p.add_argument("--fill-list", type=int)
    a = p.parse_args()
    if a.fill_list:
        fill(a.fill_list, "bench/many")
        return
    small = os.urandom(4096)
    tmp = tempfile.mkdtemp(prefix="rs-bench-peers-")
    small_dir = os.path.join(tmp, "small")
    os.makedirs(small_dir)
    for i in range(500):
        with open(os.path.join(small_dir, "%04d" % i), "wb") as f:
            f.write(small)
    config = os.path.join(tmp, "aws-config")
    with open(config, "w") as f:
        f.write("[default]\ns3 =\n  max_concurrent_requests = 64\n")

    key = PREFIX + "/big"
    row("PUT 256 MiB", "boto3", lambda: s3.upload_file(a.file, BUCKET, key), a.rounds)
    row("PUT 256 MiB", "awscli", lambda: aws("s3", "cp", "--only-show-errors", a.file,
                                             "s3://%s/%s" % (BUCKET, key)), a.rounds)
    with open(os.devnull, "wb") as null:
        row("GET 256 MiB", "boto3", lambda: s3.download_fileobj(BUCKET, key, null), a.rounds)
    row("GET 256 MiB", "awscli", lambda: aws("s3", "cp", "--only-show-errors",
                                             "s3://%s/%s" % (BUCKET, key), os.devnull), a.rounds)

    with concurrent.futures.ThreadPoolExecutor(64) as pool:
        put = lambda: list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key="%s/small/%04d" % (PREFIX, i),
                                                            Body=small), range(500)))
        get = lambda: list(pool.map(lambda i: s3.get_object(Bucket=BUCKET, Key="%s/small/%04d" % (PREFIX, i))
                                    ["Body"].read(), range(500)))
        row("PUT 500 x 4 KiB, 64 in flight", "boto3", put, a.rounds)
        row("GET 500 x 4 KiB, 64 in flight", "boto3", get, a.rounds)
    row("PUT 500 x 4 KiB, 64 in flight", "awscli",
        lambda: aws("s3", "cp", "--recursive", "--only-show-errors", small_dir,
                    "s3://%s/%s/small" % (BUCKET, PREFIX), config=config), a.rounds)
    row("GET 500 x 4 KiB, 64 in flight", "awscli",
        lambda: aws("s3", "cp", "--recursive", "--only-show-errors",
                    "s3://%s/%s/small" % (BUCKET, PREFIX), os.path.join(tmp, "back"), config=config), a.rounds)

    if a.list_keys > 0:
        def list_boto3():
            n = sum(len(page.get("Contents", [])) for page in
                    s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="bench/many/"))
            assert n == a.list_keys, n
        row("LIST keys", "boto3", list_boto3, a.rounds)
        row("LIST keys", "awscli", lambda: aws("s3api", "list-objects-v2", "--bucket", BUCKET,
                                               "--prefix", "bench/many/", "--query", "length(Contents)"),
            a.rounds)
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
