#!/usr/bin/python3
"""A loopback TCP proxy that drops connections mid-transfer (fault tests).

    fault-proxy.py TARGET-PORT MODE AFTER TIMES REPORT-FILE

Listens on a free 127.0.0.1 port, prints "port N" on stdout, and relays to
127.0.0.1:TARGET-PORT. In MODE "upload" (client→server bytes) or
"download" (server→client bytes), a connection that has carried more than
AFTER bytes that way is reset (RST) — at most TIMES connections (-1: every
one). The number of resets so far is kept in REPORT-FILE. Runs until
killed or until its stdin closes (the test that started it ended).
"""

import asyncio
import socket
import struct
import sys

TARGET, MODE, AFTER, TIMES, REPORT = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]),
                                      int(sys.argv[4]), sys.argv[5])
cuts = 0


def reset(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def pump(reader, writer, counted, state):
    global cuts
    moved = 0
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            moved += len(data)
            if counted and moved > AFTER and (TIMES < 0 or cuts < TIMES) and not state["cut"]:
                state["cut"] = True
                cuts += 1
                with open(REPORT, "w") as f:
                    f.write(str(cuts))
                # forward part of it, then reset both sides
                writer.write(data[: max(0, len(data) - (moved - AFTER))])
                await writer.drain()
                for w in state["writers"]:
                    reset(w)
                return
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        if not state["cut"]:
            try:
                writer.close()
            except OSError:
                pass


async def handle(client_reader, client_writer):
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    except OSError:
        reset(client_writer)
        return
    state = {"cut": False, "writers": [client_writer, server_writer]}
    await asyncio.gather(pump(client_reader, server_writer, MODE == "upload", state),
                         pump(server_reader, client_writer, MODE == "download", state))


async def main():
    with open(REPORT, "w") as f:
        f.write("0")
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print("port %d" % server.sockets[0].getsockname()[1], flush=True)
    # Exit when the test that started us goes away (stdin reaches EOF).
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


asyncio.run(main())
