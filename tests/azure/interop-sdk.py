#!/usr/bin/python3
"""The Azure SDK for Python's side of the interop test (test-azure-interop).

    interop-sdk.py write CONTAINER   blobs, folders and metadata for libremotestore to read
    interop-sdk.py check CONTAINER   checks what libremotestore wrote (exit 1 and a reason if wrong)
    interop-sdk.py sas CONTAINER     prints an account SAS token (read, write, list, delete; 1 hour)

Endpoint and credentials come from the environment azurite-harness.py sets.
"""

import base64
import os
import sys

from azure.storage.blob import BlobServiceClient


def pattern(n):
    return bytes((i * 31 + 7) % 251 for i in range(n))


def client(container):
    service = BlobServiceClient(os.environ["AZURITE_ENDPOINT"],
                                credential={"account_name": os.environ["AZURE_STORAGE_ACCOUNT"],
                                            "account_key": os.environ["AZURE_STORAGE_KEY"]},
                                max_single_put_size=256 * 1024, max_block_size=256 * 1024)
    c = service.get_container_client(container)
    if not c.exists():
        c.create_container()
    return c


def write(c):
    c.upload_blob("sdk/small.txt", b"small from the sdk", metadata={"origin": "sdk", "n": "1"}, overwrite=True)
    c.upload_blob("sdk/deep/er/big.bin", pattern(1024 * 1024 + 7), overwrite=True)
    c.upload_blob("sdk/space name \u00e9.txt", "unicode \u00e9".encode(), overwrite=True)
    blocks = c.get_blob_client("sdk/deep/er/big.bin").get_block_list()[0]
    assert len(blocks) > 1, "the SDK was expected to stage blocks"


def expect(cond, what):
    if not cond:
        print("interop check failed: " + what)
        sys.exit(1)


def check(c):
    small = c.get_blob_client("rs/small.txt")
    expect(small.download_blob().readall() == b"small from libremotestore", "content of rs/small.txt")
    expect(small.get_blob_properties().metadata == {"origin": "rs", "n": "2"}, "metadata of rs/small.txt: %r"
           % small.get_blob_properties().metadata)
    big = c.get_blob_client("rs/deep/er/big.bin")
    expect(big.download_blob().readall() == pattern(1024 * 1024 + 7), "content of rs/deep/er/big.bin")
    committed = big.get_block_list()[0]
    expect(len(committed) > 1, "rs/deep/er/big.bin has %d committed blocks" % len(committed))
    expect(c.get_blob_client("rs/empty").download_blob().readall() == b"", "rs/empty is empty")
    # A name the service cannot hold as is travels encoded (see rs-azure-metadata.c).
    encoded = c.get_blob_client("rs/encoded.txt").get_blob_properties().metadata
    want = "b:" + base64.b64encode("\u65e5\u672c".encode()).decode()
    expect(encoded == {"plain": "yes", "_4b65792d322e78": want}, "metadata of rs/encoded.txt: %r" % encoded)
    copy = c.get_blob_client("rs/copy.txt")
    expect(copy.download_blob().readall() == b"small from libremotestore", "content of rs/copy.txt")
    expect(copy.get_blob_properties().metadata == {"origin": "rs", "n": "2"}, "metadata travels with a copy")
    top = sorted(item.name for item in c.walk_blobs(name_starts_with="rs/", delimiter="/"))
    expect(top == ["rs/copy.txt", "rs/deep/", "rs/empty", "rs/encoded.txt", "rs/small.txt"],
           "rs/ lists %r" % top)
    print("the SDK reads everything libremotestore wrote")


def sas():
    import datetime
    from azure.storage.blob import AccountSasPermissions, ResourceTypes, generate_account_sas
    print(generate_account_sas(os.environ["AZURE_STORAGE_ACCOUNT"], os.environ["AZURE_STORAGE_KEY"],
                               ResourceTypes(service=True, container=True, object=True),
                               AccountSasPermissions(read=True, write=True, list=True, delete=True,
                                                     create=True, add=True),
                               expiry=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)))


def main():
    command, container = sys.argv[1], sys.argv[2]
    if command == "sas":
        sas()
        return
    c = client(container)
    {"write": write, "check": check}[command](c)


if __name__ == "__main__":
    main()
