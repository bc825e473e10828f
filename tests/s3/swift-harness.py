#!/usr/bin/python3
"""Start OpenStack Swift with s3api on loopback, run test programs, stop it.

    swift-harness.py [--raw] [--timeout SECONDS] [--bucket NAME] -- PROG [ARGS] [-- PROG ...]

memcached and the four Swift servers (one replica, one device, rings
built at start) run on free 127.0.0.1 ports with all state in a throwaway
folder. Each program runs with RS_TEST_URI=s3://BUCKET?endpoint=…,
S3_ENDPOINT, S3_BUCKET and AWS_* credentials in its environment; their
TAP streams are merged into one (test points renumbered, names prefixed
with the program). Whatever happens (failure, timeout, signal) the
harness stops exactly the processes it started and removes the folder.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ACCESS, SECRET, REGION = "test:tester", "testing", "us-east-1"
children = []
HERE = os.path.dirname(os.path.abspath(__file__))


def free_ports(count):
    sockets, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def configure(root, ports):
    mport, pport, aport, cport, oport = ports
    devices = os.path.join(root, "devices")
    os.makedirs(os.path.join(devices, "sdb1"))
    write(os.path.join(root, "swift.conf"),
          "[swift-hash]\nswift_hash_path_suffix = rs\nswift_hash_path_prefix = rs\n"
          "[storage-policy:0]\nname = gold\ndefault = yes\n"
          # S3 allows 2 KiB of user metadata; Swift's defaults are smaller.
          "[swift-constraints]\nmax_meta_value_length = 4096\nmax_meta_overall_size = 16384\n")
    common = ("[DEFAULT]\nbind_ip = 127.0.0.1\nbind_port = {port}\nworkers = 0\n"
              "swift_dir = {root}\ndevices = {devices}\nmount_check = false\n"
              "log_address = /dev/null\nlog_level = WARNING\nlog_facility = LOG_LOCAL0\n\n")
    for kind, port in (("account", aport), ("container", cport), ("object", oport)):
        write(os.path.join(root, kind + "-server.conf"),
              common.format(port=port, root=root, devices=devices) +
              "[pipeline:main]\npipeline = {0}-server\n\n[app:{0}-server]\nuse = egg:swift#{0}\n"
              .format(kind))
        builder = os.path.join(root, kind + ".builder")
        for args in (["create", "8", "1", "1"],
                     ["add", "r1z1-127.0.0.1:%d/sdb1" % port, "100"],
                     ["rebalance"]):
            subprocess.run(["swift-ring-builder", builder] + args, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    write(os.path.join(root, "proxy-server.conf"),
          common.format(port=pport, root=root, devices=devices) +
          "[pipeline:main]\n"
          "pipeline = catch_errors gatekeeper proxy-logging cache listing_formats s3api tempauth "
          "copy slo dlo proxy-logging proxy-server\n\n"
          "[app:proxy-server]\nuse = egg:swift#proxy\naccount_autocreate = true\n\n"
          "[filter:s3api]\nuse = egg:swift#s3api\nlocation = %s\n\n"
          "[filter:tempauth]\nuse = egg:swift#tempauth\nuser_test_tester = %s .admin\n\n"
          "[filter:cache]\nuse = egg:swift#memcache\nmemcache_servers = 127.0.0.1:%d\n\n"
          "[filter:catch_errors]\nuse = egg:swift#catch_errors\n\n"
          "[filter:gatekeeper]\nuse = egg:swift#gatekeeper\n\n"
          "[filter:proxy-logging]\nuse = egg:swift#proxy_logging\n\n"
          "[filter:listing_formats]\nuse = egg:swift#listing_formats\n\n"
          "[filter:copy]\nuse = egg:swift#copy\n\n"
          "[filter:slo]\nuse = egg:swift#slo\n\n"
          "[filter:dlo]\nuse = egg:swift#dlo\n" % (REGION, SECRET, mport))


def spawn(args, log):
    # Own process group: stopping it never touches anything else.
    p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    children.append(p)
    return p


def stop_all():
    for p in reversed(children):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.time() + 5
    for p in reversed(children):
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
    children.clear()


def wait_ready(ports, endpoint, deadline):
    for port in ports:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                dead = [p for p in children if p.poll() is not None]
                if dead:
                    raise RuntimeError("%s exited" % dead[0].args[0])
                if time.time() > deadline:
                    raise RuntimeError("port %d never opened" % port)
                time.sleep(0.1)
    while True:
        try:
            urllib.request.urlopen(endpoint + "/info", timeout=2).read()
            return
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def client_env(endpoint, bucket):
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID=ACCESS, AWS_SECRET_ACCESS_KEY=SECRET, AWS_DEFAULT_REGION=REGION,
               AWS_REGION=REGION, S3_ENDPOINT=endpoint, S3_BUCKET=bucket,
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               RS_TEST_URI="s3://%s?endpoint=%s&region=%s&path-style=true" % (bucket, endpoint, REGION))
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    return env


def create_bucket(env, bucket, deadline):
    while True:
        r = subprocess.run(["/usr/bin/aws", "--endpoint-url", env["S3_ENDPOINT"], "s3api",
                            "create-bucket", "--bucket", bucket], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode == 0:
            return
        if time.time() > deadline:
            raise RuntimeError("create-bucket failed: " + r.stderr.strip())
        time.sleep(0.5)


def run_program(args, env, counter, deadline):
    """Runs one TAP program, renumbering its points; returns (points, failed)."""
    name = os.path.basename(args[0])
    p = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, start_new_session=True)
    children.append(p)
    points, failed = 0, False
    last = time.time()
    for line in p.stdout:
        line = line.rstrip("\n")
        for word in ("ok ", "not ok "):
            if line.startswith(word):
                rest = line[len(word):].split(" ", 1)
                desc = rest[1] if len(rest) > 1 and rest[0].isdigit() else line[len(word):]
                counter[0] += 1
                points += 1
                failed |= word == "not ok " and "# TODO" not in desc
                print("%s%d %s %s" % (word, counter[0], name, desc), flush=True)
                if time.time() - last > 2:
                    print("# slow: %.1f s" % (time.time() - last), flush=True)
                last = time.time()
                break
        else:
            if line.startswith("1.."):
                continue
            if line.startswith("Bail out!"):
                failed = True
            print(line if line.startswith("#") else "# " + line, flush=True)
        if time.time() > deadline:
            break
    try:
        rc = p.wait(max(0.1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        rc = p.wait()
        print("# %s: timed out" % name)
    children.remove(p)
    if rc != 0 or points == 0:
        counter[0] += 1
        print("not ok %d %s exit status %d" % (counter[0], name, rc), flush=True)
        failed = True
    return failed


def main():
    argv = sys.argv[1:]
    timeout, bucket, raw = 600.0, "rs-test", False
    while argv and argv[0] != "--":
        if argv[0] == "--raw":
            raw = True; argv = argv[1:]
        elif argv[0] == "--timeout":
            timeout = float(argv[1]); argv = argv[2:]
        elif argv[0] == "--bucket":
            bucket = argv[1]; argv = argv[2:]
        else:
            sys.exit("unknown option " + argv[0])
    programs, current = [], None
    for word in argv:
        if word == "--":
            current = []
            programs.append(current)
        else:
            current.append(word)
    programs = [p for p in programs if p]
    deadline = time.time() + timeout
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(3))
    counter, failed = [0], False
    # tmpfs when there is one: Swift fsyncs every object and database write.
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="rs-swift-", dir=shm) as root:
        try:
            ports = free_ports(5)
            configure(root, ports)
            log = open(os.path.join(root, "servers.log"), "w")
            memcached = ["memcached", "-l", "127.0.0.1", "-p", str(ports[0]), "-U", "0"]
            if os.geteuid() == 0:
                memcached += ["-u", "root"]
            spawn(memcached, log)
            for kind in ("account", "container", "object", "proxy"):
                spawn(["/usr/bin/python3", os.path.join(HERE, "swift-server.py"), kind,
                       os.path.join(root, kind + "-server.conf")] +
                      (["-v"] if os.environ.get("RS_SWIFT_LOG") else []), log)
            endpoint = "http://127.0.0.1:%d" % ports[1]
            try:
                wait_ready(ports, endpoint, time.time() + 60)
                env = client_env(endpoint, bucket)
                create_bucket(env, bucket, time.time() + 30)
            except Exception as e:
                log.flush()
                print("Bail out! Swift did not start: %s" % e)
                with open(os.path.join(root, "servers.log")) as f:
                    for line in f.read().splitlines()[-30:]:
                        print("# " + line)
                return 1
            print("# Swift s3api at %s" % endpoint, flush=True)
            for args in programs:
                if raw:
                    # Not TAP (benchmarks): output as is, the exit status counts.
                    failed |= subprocess.run(args, env=env, timeout=max(1, deadline - time.time())).returncode != 0
                else:
                    failed |= run_program(args, env, counter, deadline)
        finally:
            stop_all()
            if os.environ.get("RS_SWIFT_LOG"):
                import shutil
                shutil.copy(os.path.join(root, "servers.log"), os.environ["RS_SWIFT_LOG"])
    if not raw:
        print("1..%d" % counter[0])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
