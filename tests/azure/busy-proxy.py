#!/usr/bin/python3
"""A loopback HTTP proxy in front of Azurite that is busy at first.

    busy-proxy.py TARGET-PORT FORM DELAY-S BUSY-COUNT REPORT-FILE

Listens on a free 127.0.0.1 port, prints "port N" on stdout. The first
BUSY-COUNT requests are answered 503 ServerBusy (as the service does when
throttling) with a Retry-After header asking for DELAY-S seconds, in FORM:
"seconds" (Retry-After: DELAY-S), "date" (an IMF-fixdate DELAY-S after the
Date header sent with it), "rfc850" or "asctime" (the obsolete HTTP-date
forms). Later requests are forwarded unchanged to Azurite on
127.0.0.1:TARGET-PORT and its real answer relayed. REPORT-FILE holds one
line per request: the monotonic time it arrived, in seconds. Runs until
killed or until its stdin closes.
"""

import email.utils
import http.client
import http.server
import sys
import threading
import time

TARGET, FORM, DELAY, BUSY, REPORT = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                                     sys.argv[5])
lock = threading.Lock()
seen = []
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def retry_after(now):
    when = now + DELAY
    if FORM == "seconds":
        return str(DELAY)
    if FORM == "rfc850":
        return time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(when))
    if FORM == "asctime":
        return time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(when))
    return email.utils.formatdate(when, usegmt=True)


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_one(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else None
        with lock:
            seen.append(time.monotonic())
            busy = len(seen) <= BUSY
            with open(REPORT, "w") as f:
                f.write("".join("%.3f\n" % t for t in seen))
        if busy:
            now = int(time.time())
            text = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code></Error>"
            self.send_response(503, "Server Busy")
            self.send_header("Date", email.utils.formatdate(now, usegmt=True))
            self.send_header("Retry-After", retry_after(now))
            self.send_header("x-ms-error-code", "ServerBusy")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection("127.0.0.1", TARGET, timeout=30)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            self.send_response(answer.status, answer.reason)
            for k, v in answer.getheaders():
                if k.lower() not in HOP_BY_HOP and (k.lower() != "content-length" or self.command == "HEAD"):
                    self.send_header(k, v)
            if self.command != "HEAD":
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        finally:
            upstream.close()

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = handle_one


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    open(REPORT, "w").close()
    print("port %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()            # the test that started us closed its end


if __name__ == "__main__":
    main()
