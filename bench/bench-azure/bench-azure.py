#!/usr/bin/python3
"""The azure benchmark: libremotestore vs the Azure SDK for Python and
rclone's azureblob backend, in the same run against the same Azurite
(run under tests/azure/azurite-harness.py --disk).

    bench-azure.py BENCH-AZURE-BINARY [REPEATS]

Rows: 256 MiB upload, 256 MiB download, 500 × 4 KiB uploads and downloads
with 64 in flight. Each cell is the median wall time of REPEATS runs (3)
of the operation alone (process start and imports excluded where the
client allows: the SDK is timed in-process, rclone as a whole command, as
its users run it). Peak RSS is reported for libremotestore.
"""

import concurrent.futures
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from azure.storage.blob import BlobServiceClient

BINARY = sys.argv[1]
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
ENDPOINT = os.environ["AZURITE_ENDPOINT"]
ACCOUNT = os.environ["AZURE_STORAGE_ACCOUNT"]
KEY = os.environ["AZURE_STORAGE_KEY"]
BIG = 256 * 1024 * 1024
SMALL = 4096
COUNT = 500
CONTAINER = "bench"

work = tempfile.mkdtemp(prefix="rs-bench-azure-")
big_file = os.path.join(work, "big.bin")
small_dir = os.path.join(work, "small")
with open(big_file, "wb") as f:
    block = os.urandom(1024 * 1024)
    for _ in range(BIG // len(block)):
        f.write(block)
os.makedirs(small_dir)
for i in range(COUNT):
    with open(os.path.join(small_dir, "%05d" % i), "wb") as f:
        f.write(os.urandom(SMALL))

service = BlobServiceClient(ENDPOINT, credential={"account_name": ACCOUNT, "account_key": KEY})
container = service.get_container_client(CONTAINER)
container.create_container()


def clear():
    for blob in container.list_blobs():
        container.delete_blob(blob.name)


# ---- libremotestore -----------------------------------------------------
URI = "azure://%s?endpoint=%s" % (CONTAINER, ENDPOINT)
peak_rss = {}


def rs(row, *args):
    out = subprocess.run([BINARY, URI] + list(args), check=True, capture_output=True, text=True).stdout
    fields = out.split()
    peak_rss[row] = max(peak_rss.get(row, 0), int(fields[3]))
    return float(fields[1])


def rs_put_big():
    return rs("put-big", "put-big", big_file, "rs/big")


def rs_get_big():
    return rs("get-big", "get-big", "rs/big")


def rs_put_small():
    return rs("put-small", "put-small", "rs/small", str(COUNT), str(SMALL), "64")


def rs_get_small():
    return rs("get-small", "get-small", "rs/small", str(COUNT), "64")


# ---- the Python SDK (in process, timed around the calls) -----------------
def timed(fn):
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def sdk_put_big():
    with open(big_file, "rb") as f:
        return timed(lambda: container.upload_blob("sdk/big", f, overwrite=True, max_concurrency=4))


def sdk_get_big():
    def run():
        stream = container.download_blob("sdk/big", max_concurrency=4)
        for _ in stream.chunks():
            pass
    return timed(run)


def sdk_put_small():
    data = os.urandom(SMALL)

    def run():
        with concurrent.futures.ThreadPoolExecutor(64) as pool:
            list(pool.map(lambda i: container.upload_blob("sdk/small/%05d" % i, data, overwrite=True),
                          range(COUNT)))
    return timed(run)


def sdk_get_small():
    def run():
        with concurrent.futures.ThreadPoolExecutor(64) as pool:
            list(pool.map(lambda i: container.download_blob("sdk/small/%05d" % i).readall(), range(COUNT)))
    return timed(run)


# ---- rclone (whole commands) -----------------------------------------------
RCLONE = shutil.which("rclone") or "/usr/bin/rclone"

# rclone 1.60's azureblob takes no custom endpoint with a key (it builds
# https://ACCOUNT.ENDPOINT); an account SAS URL points it at Azurite.
def account_sas_url():
    import datetime
    from azure.storage.blob import AccountSasPermissions, ResourceTypes, generate_account_sas
    sas = generate_account_sas(ACCOUNT, KEY, ResourceTypes(service=True, container=True, object=True),
                               AccountSasPermissions(read=True, write=True, list=True, delete=True,
                                                     create=True, add=True),
                               expiry=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2))
    return "%s?%s" % (ENDPOINT, sas)


REMOTE = ":azureblob,sas_url='%s':" % account_sas_url()
RCLONE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("RCLONE_")}


def rclone(*args):
    start = time.monotonic()
    subprocess.run([RCLONE, "--config", "/dev/null", "-q"] + list(args), check=True, env=RCLONE_ENV)
    return time.monotonic() - start


def rclone_put_big():
    return rclone("copyto", big_file, REMOTE + CONTAINER + "/rclone/big")


def rclone_get_big():
    return rclone("cat", REMOTE + CONTAINER + "/rclone/big", "--discard")


def rclone_put_small():
    return rclone("copy", "--transfers", "64", "--checkers", "64", small_dir,
                  REMOTE + CONTAINER + "/rclone/small")


def rclone_get_small():
    out = os.path.join(work, "rclone-small")
    shutil.rmtree(out, ignore_errors=True)
    return rclone("copy", "--transfers", "64", "--checkers", "64", REMOTE + CONTAINER + "/rclone/small", out)


ROWS = [
    ("PUT 256 MiB", {"libremotestore": rs_put_big, "python SDK": sdk_put_big, "rclone": rclone_put_big}),
    ("GET 256 MiB", {"libremotestore": rs_get_big, "python SDK": sdk_get_big, "rclone": rclone_get_big}),
    ("PUT 500 x 4 KiB, 64 in flight",
     {"libremotestore": rs_put_small, "python SDK": sdk_put_small, "rclone": rclone_put_small}),
    ("GET 500 x 4 KiB, 64 in flight",
     {"libremotestore": rs_get_small, "python SDK": sdk_get_small, "rclone": rclone_get_small}),
]


def main():
    results = {}
    try:
        for repeat in range(REPEATS):
            for row, peers in ROWS:
                for name, fn in peers.items():
                    results.setdefault(row, {}).setdefault(name, []).append(fn())
            # keep Azurite's data small between rounds; rclone's copy
            # skips files already there, so every round starts empty
            clear()
            shutil.rmtree(os.path.join(work, "rclone-small"), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("Azurite 3.37 on loopback, wall seconds, median of %d" % REPEATS)
    print("%-32s %15s %12s %10s   %s" % ("", "libremotestore", "python SDK", "rclone", "libremotestore vs best peer"))
    for row, peers in ROWS:
        med = {n: statistics.median(v) for n, v in results[row].items()}
        best_peer = min((v, n) for n, v in med.items() if n != "libremotestore")
        print("%-32s %15.2f %12.2f %10.2f   %.2fx %s" % (row, med["libremotestore"], med["python SDK"],
                                                     med["rclone"], best_peer[0] / med["libremotestore"],
                                                     best_peer[1]))
    print("libremotestore peak RSS (MiB): " +
          ", ".join("%s %.0f" % (k, v / 1024) for k, v in peak_rss.items()))


if __name__ == "__main__":
    main()
