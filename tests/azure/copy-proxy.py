#!/usr/bin/python3
"""A loopback HTTP proxy in front of Azurite that makes copies asynchronous.

    copy-proxy.py TARGET-PORT OUTCOME PENDING-POLLS REPORT-FILE

Listens on a free 127.0.0.1 port, prints "port N" on stdout, and forwards
every request unchanged to Azurite on 127.0.0.1:TARGET-PORT, relaying the
real answer. Azurite finishes a Copy Blob before it answers; the proxy
turns that into what the service does for a long copy:

* the answer to a Copy Blob (a PUT with x-ms-copy-source) says
  x-ms-copy-status: pending instead of success;
* the next PENDING-POLLS Get Blob Properties (HEAD) of that destination
  say pending too; the one after says OUTCOME: "success" passes Azurite's
  real answer through, "failed" or "aborted" replaces the copy status
  (with an x-ms-copy-status-description) as when the service gave up;
* an Abort Copy Blob of a destination it keeps pending is answered 204
  here (the copy is stopped), unless OUTCOME is "finished-before-abort":
  then it goes to Azurite, which has no pending copy left (409).

REPORT-FILE holds "COPIES POLLS ABORTS": Copy Blob answers rewritten,
polls seen, aborts answered here.
Runs until killed or until its stdin closes.
"""

import http.client
import http.server
import sys
import threading
import urllib.parse

TARGET, OUTCOME, PENDING_POLLS, REPORT = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4])
lock = threading.Lock()
copying = {}                    # destination path -> polls answered so far
counts = {"copies": 0, "polls": 0, "aborts": 0}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate"}


def report():
    with open(REPORT, "w") as f:
        f.write("%d %d %d\n" % (counts["copies"], counts["polls"], counts["aborts"]))


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection("127.0.0.1", TARGET, timeout=30)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            return answer.status, answer.reason, [(k, v) for k, v in answer.getheaders()
                                                  if k.lower() not in HOP_BY_HOP], data
        finally:
            upstream.close()

    def handle_one(self):
        path = urllib.parse.urlsplit(self.path).path
        if (self.command == "PUT" and self.headers.get("x-ms-copy-action") == "abort" and path in copying
                and OUTCOME != "finished-before-abort"):
            with lock:
                del copying[path]
                counts["aborts"] += 1
                report()
            self.send_response(204, "No Content")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, reason, headers, data = self.forward()
        copy_status = [v for k, v in headers if k.lower() == "x-ms-copy-status"]
        with lock:
            if self.command == "PUT" and "x-ms-copy-source" in self.headers and copy_status == ["success"]:
                copying[path] = 0
                counts["copies"] += 1
                headers = rewrite(headers, "pending")
            elif self.command == "HEAD" and path in copying:
                counts["polls"] += 1
                if copying[path] < PENDING_POLLS:
                    copying[path] += 1
                    headers = rewrite(headers, "pending")
                else:
                    del copying[path]
                    if OUTCOME not in ("success", "finished-before-abort"):
                        headers = rewrite(headers, OUTCOME)
                        headers.append(("x-ms-copy-status-description", "500 InternalError copy-proxy gave up"))
            report()
        self.send_response(status, reason)
        for k, v in headers:
            if k.lower() != "content-length" or self.command == "HEAD":
                self.send_header(k, v)
        if self.command != "HEAD":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = handle_one


def rewrite(headers, copy_status):
    return [(k, v) for k, v in headers if k.lower() not in ("x-ms-copy-status", "x-ms-copy-status-description")] \
        + [("x-ms-copy-status", copy_status)]


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    report()
    print("port %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()            # the test that started us closed its end


if __name__ == "__main__":
    main()
