"""The loopback servers of bench-s3 besides Swift (which tests/s3/swift-harness.py
starts): s3rver from npm, and nginx serving plain files in an S3 shape.

Each server runs in its own process group on a free 127.0.0.1 port with its
state in a throwaway folder; stop() ends exactly that group."""
import hashlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process; endpoint, credentials and bucket for the clients."""
    name = None
    access, secret, region = "bench", "bench-secret", "us-east-1"

    def __init__(self, root, bucket):
        self.root, self.bucket = root, bucket
        self.port = free_port()
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.process = None

    def spawn(self, args, env=None):
        log = open(os.path.join(self.root, self.name + ".log"), "w")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)

    def wait_ready(self, timeout=30):
        deadline = time.time() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("%s exited with status %d (log: %s)"
                                   % (self.name, self.process.returncode,
                                      os.path.join(self.root, self.name + ".log")))
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("%s never opened port %d" % (self.name, self.port))
                time.sleep(0.1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def client_env(self, base):
        env = dict(base)
        env.update(AWS_ACCESS_KEY_ID=self.access, AWS_SECRET_ACCESS_KEY=self.secret,
                   AWS_DEFAULT_REGION=self.region, AWS_REGION=self.region,
                   S3_ENDPOINT=self.endpoint, S3_BUCKET=self.bucket,
                   AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   RS_TEST_URI="s3://%s?endpoint=%s&region=%s&path-style=true"
                   % (self.bucket, self.endpoint, self.region))
        env.pop("AWS_PROFILE", None)
        env.pop("AWS_SESSION_TOKEN", None)
        return env


class S3rver(Server):
    """s3rver 3.7.1 (bench/s3/package-lock.json). It checks no signature; the
    access key must be S3RVER. Without OpenSSL's legacy provider every
    truncated listing answers 500 (its continuation tokens use DES)."""
    name = "s3rver"
    access, secret = "S3RVER", "S3RVER"

    def start(self):
        # bench/s3's own copy, else the test suite's (tests/s3rver).
        candidates = [os.path.join(folder, "node_modules", "s3rver", "bin", "s3rver.js")
                      for folder in (HERE, os.path.join(HERE, "..", "..", "tests", "s3rver"))]
        script = next((path for path in candidates if os.path.exists(path)), None)
        if script is None:
            raise RuntimeError("s3rver is not installed: run bench/s3/install-peers.sh")
        data = os.path.join(self.root, "s3rver-data")
        os.makedirs(data)
        env = dict(os.environ, NODE_OPTIONS="--openssl-legacy-provider")
        self.spawn(["node", script, "-d", data, "-a", "127.0.0.1", "-p", str(self.port), "--silent"], env)
        self.wait_ready()
        deadline = time.time() + 20
        while True:
            request = urllib.request.Request("%s/%s" % (self.endpoint, self.bucket), method="PUT")
            try:
                urllib.request.urlopen(request, timeout=5).read()
                return
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)


# The S3 answers nginx gives without any logic: POST ?uploads starts a
# multipart upload, any other POST completes one; parts and single PUTs are
# stored in a sink folder, never where GETs read.
NGINX_CONF = """\
daemon off;
master_process off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_max_body_size 0;
  types {{ }}
  default_type application/octet-stream;
  map $args $post_answer {{
    ~^uploads(=|$) '<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>{bucket}</Bucket><Key>sink</Key><UploadId>sink</UploadId></InitiateMultipartUploadResult>';
    default '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>{bucket}</Bucket><Key>sink</Key><ETag>"sink-1"</ETag></CompleteMultipartUploadResult>';
  }}
  map $arg_prefix $listing {{
{listings}
    default /listings/empty.xml;
  }}
  server {{
    listen 127.0.0.1:{port};
    root {root}/objects;
    location /listings/ {{
      internal;
      root {root};
      default_type application/xml;
    }}
    location ~ ^/[^/]+/?$ {{
      rewrite ^ $listing last;
    }}
    location / {{
      dav_methods PUT;
      create_full_put_path on;
      if ($request_method = POST) {{
        return 200 $post_answer;
      }}
      if ($request_method = PUT) {{
        root {root}/sink;
        add_header ETag '"sink"' always;
      }}
    }}
  }}
}}
"""


def listing_xml(bucket, prefix, objects):
    contents = "".join("<Contents><Key>%s</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>"
                       "<ETag>&quot;%s&quot;</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass>"
                       "</Contents>" % (key, etag, size) for key, size, etag in objects)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>%s</Name>'
            '<Prefix>%s</Prefix><KeyCount>%d</KeyCount><MaxKeys>1000</MaxKeys>'
            '<IsTruncated>false</IsTruncated>%s</ListBucketResult>' % (bucket, prefix, len(objects), contents))


class Nginx(Server):
    """nginx serving files from a folder as path-style objects: GET and HEAD
    of pre-placed keys, PUT (single or multipart) into a sink, and for each
    folder of pre-placed keys a listing of its files (rclone and awscli list
    before they copy). It ignores the Authorization header, so it measures
    what a client costs with almost no server cost."""
    name = "nginx"

    def __init__(self, root, bucket):
        super().__init__(root, bucket)
        self.folders = {}

    def place(self, key, source=None, data=None):
        """Puts an object where GETs find it (a hard link for big files)."""
        path = os.path.join(self.root, "objects", self.bucket, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if source is not None:
            try:
                os.link(source, path)
            except OSError:
                subprocess.run(["cp", source, path], check=True)
            etag = "%x" % os.stat(path).st_ino
        else:
            with open(path, "wb") as f:
                f.write(data)
            etag = hashlib.md5(data).hexdigest()
        folder = key.rsplit("/", 1)[0] + "/" if "/" in key else ""
        self.folders.setdefault(folder, []).append((key, os.path.getsize(path), etag))

    def place_folder(self, prefix, names, data):
        for name in names:
            self.place(prefix + name, data=data)

    def start(self):
        for sub in ("objects/" + self.bucket, "sink", "body", "listings"):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)
        lines = []
        for i, (prefix, objects) in enumerate(sorted(self.folders.items())):
            with open(os.path.join(self.root, "listings", "%d.xml" % i), "w") as f:
                f.write(listing_xml(self.bucket, prefix, sorted(objects)))
            # Clients send the prefix with "/" as is or as %2F.
            pattern = re.escape(prefix).replace("/", "(/|%2F)")
            lines.append('    "~^%s$" /listings/%d.xml;' % (pattern, i))
        with open(os.path.join(self.root, "listings", "empty.xml"), "w") as f:
            f.write(listing_xml(self.bucket, "", []))
        conf = os.path.join(self.root, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(root=self.root, port=self.port, bucket=self.bucket,
                                      listings="\n".join(lines)))
        self.spawn(["/usr/sbin/nginx", "-p", self.root, "-c", conf, "-e", os.path.join(self.root, "nginx-error.log")])
        self.wait_ready()
