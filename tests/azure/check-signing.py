#!/usr/bin/python3
"""SharedKey signatures of the azure plugin checked two ways (TAP).

For a set of requests covering the Blob operations the plugin sends, the
Authorization value computed by the plugin's signing code (through
azure-sign-tool) must equal the one python3-azure's own
SharedKeyCredentialPolicy computes, and Azurite (which checks SharedKey
signatures) must accept the request; the same request signed with another
key must be refused with 403. Run under azurite-harness.py.

    check-signing.py AZURE-SIGN-TOOL
"""

import base64
import email.utils
import http.client
import os
import subprocess
import sys
import urllib.parse

from azure.core.pipeline import PipelineContext, PipelineRequest
from azure.core.rest import HttpRequest
from azure.storage.blob._shared.authentication import SharedKeyCredentialPolicy

TOOL = sys.argv[1]
ENDPOINT = os.environ["AZURITE_ENDPOINT"]
ACCOUNT = os.environ["AZURE_STORAGE_ACCOUNT"]
KEY = os.environ["AZURE_STORAGE_KEY"]
WRONG_KEY = base64.b64encode(b"not the account key, 32 bytes.!!").decode()
VERSION = "2021-12-02"
BASE = urllib.parse.urlsplit(ENDPOINT)


def quote(name):
    return urllib.parse.quote(name, safe="/-_.~")


def requests():
    c = "signing"
    hostile = "dir with space/é ü & <x>+%.txt"
    body = b"hello"
    yield "create container", "PUT", "/" + c, "restype=container", [], b""
    yield "put blob, metadata, create-only", "PUT", "/%s/%s" % (c, quote(hostile)), "", [
        ("x-ms-blob-type", "BlockBlob"), ("Content-Type", "application/octet-stream"),
        ("If-None-Match", "*"), ("x-ms-meta-owner", "me"),
        ("x-ms-meta-_4b65792d322e78", "b:5pel5pys"), ("x-ms-meta-zeta9", "z")], body
    yield "put block", "PUT", "/%s/big" % c, "comp=block&blockid=" + quote(base64.b64encode(b"000001").decode()), [], body
    yield "put block list", "PUT", "/%s/big" % c, "comp=blocklist", [("Content-Type", "application/xml")], \
        b'<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>MDAwMDAx</Latest></BlockList>'
    yield "get blob properties", "HEAD", "/%s/%s" % (c, quote(hostile)), "", [], b""
    yield "ranged get", "GET", "/%s/%s" % (c, quote(hostile)), "", [("x-ms-range", "bytes=1-3")], b""
    yield "list with delimiter, prefix, marker", "GET", "/" + c, \
        "restype=container&comp=list&delimiter=%2F&prefix=" + quote("dir with space/") + \
        "&maxresults=1&include=metadata", [], b""
    yield "copy blob", "PUT", "/%s/copy" % c, "", [
        ("x-ms-copy-source", ENDPOINT + "/%s/%s" % (c, quote(hostile)))], b""
    yield "delete blob", "DELETE", "/%s/copy" % c, "", [], b""
    yield "container properties", "HEAD", "/" + c, "restype=container", [], b""


def sdk_authorization(method, url, headers):
    request = HttpRequest(method, url, headers=dict(headers))
    SharedKeyCredentialPolicy(ACCOUNT, KEY).on_request(PipelineRequest(request, PipelineContext(None)))
    return request.headers["Authorization"]


def tool_authorization(key, method, path, query, headers):
    lines = ["%s: %s" % h for h in headers]
    out = subprocess.run([TOOL, ACCOUNT, key, method, path, query] + lines,
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def send(method, path, query, headers, body):
    conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=10)
    conn.request(method, path + ("?" + query if query else ""), body=body, headers=dict(headers))
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def main():
    cases = list(requests())
    print("1..%d" % (3 * len(cases)))
    n = 0
    failed = 0
    for name, method, rel, query, extra, body in cases:
        path = BASE.path + rel
        headers = [("x-ms-date", email.utils.formatdate(usegmt=True)), ("x-ms-version", VERSION),
                   ("Content-Length", str(len(body)))] + extra
        url = "%s://%s%s%s" % (BASE.scheme, BASE.netloc, path, "?" + query if query else "")
        ours = tool_authorization(KEY, method, path, query, headers)
        theirs = sdk_authorization(method, url, headers)
        n += 1
        ok = ours == theirs
        failed += not ok
        print("%s %d - %s: signature equals the SDK's" % ("ok" if ok else "not ok", n, name))
        if not ok:
            print("# ours   %s\n# theirs %s" % (ours, theirs))
        wrong = tool_authorization(WRONG_KEY, method, path, query, headers)
        status = send(method, path, query, headers + [("Authorization", wrong)], body)
        n += 1
        ok = status == 403
        failed += not ok
        print("%s %d - %s: Azurite refuses another key (%d)" % ("ok" if ok else "not ok", n, name, status))
        status = send(method, path, query, headers + [("Authorization", ours)], body)
        n += 1
        ok = status < 300
        failed += not ok
        print("%s %d - %s: Azurite accepts the signature (%d)" % ("ok" if ok else "not ok", n, name, status))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
