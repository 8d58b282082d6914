# testlib.py - what the doubles' own Python tests share: a TAP writer, a
# server fixture (started on a free loopback port, stopped at exit) and
# client factories for boto3 and the AWS CLI.
#
# Design: tests print TAP with the plan at the end, so a test that crashes
# half way still reports what it did and then fails ("not ok" for the crash).
# Missing tools are reported as "not ok ... missing X", never skipped.

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
AKID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION = "eu-west-1"


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=None):
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, desc), flush=True)
        if not cond:
            self.failed += 1
            if diag is not None:
                for line in str(diag).splitlines():
                    print("# " + line, flush=True)
        return cond

    def eq(self, got, want, desc):
        return self.ok(got == want, desc, "got:  %r\nwant: %r" % (got, want))

    def raises(self, fn, code, desc, message=None):
        from botocore.exceptions import ClientError
        try:
            fn()
        except ClientError as e:
            err = e.response["Error"]
            good = err.get("Code") == code and (message is None or err.get("Message") == message)
            return self.ok(good, desc, "got %s: %s" % (err.get("Code"), err.get("Message")))
        except Exception as e:  # noqa
            return self.ok(False, desc, "unexpected %r" % e)
        return self.ok(False, desc, "no error raised (wanted %s)" % code)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)


class BufferTap(Tap):
    """A Tap that records results, to be replayed in order after a thread ends."""

    def __init__(self):
        Tap.__init__(self)
        self.results = []

    def ok(self, cond, desc, diag=None):
        self.results.append((bool(cond), desc, diag))
        return cond


def run_tests(tap, fns, parallel=False):
    """Run each test function; a crash is one 'not ok' and the rest go on.

    parallel=True runs the functions in threads (each has its own server) and
    prints their results in the order of fns, so numbering stays stable."""
    def one(fn, t):
        try:
            fn(t)
        except Exception:
            t.ok(False, "%s ran to the end" % fn.__name__, traceback.format_exc())
    if not parallel:
        for fn in fns:
            one(fn, tap)
        tap.done()
    import threading
    bufs = [BufferTap() for _ in fns]
    threads = [threading.Thread(target=one, args=(fn, b)) for fn, b in zip(fns, bufs)]
    for th in threads:
        th.start()
    for th, b in zip(threads, bufs):
        th.join()
        for cond, desc, diag in b.results:
            tap.ok(cond, desc, diag)
    tap.done()


def need_modules(tap, *names):
    missing = []
    for n in names:
        try:
            __import__(n)
        except ImportError:
            missing.append(n)
    if missing:
        tap.ok(False, "python modules available: missing %s (interpreter %s)" % (", ".join(missing), sys.executable))
        tap.done()


class Server:
    def __init__(self, scenario=None):
        self.dir = tempfile.mkdtemp(prefix="doubles-test.")
        cmd = [sys.executable, os.path.join(HERE, "server.py"), "--port-file", os.path.join(self.dir, "port")]
        if scenario is not None:
            path = os.path.join(self.dir, "scenario.json")
            with open(path, "w") as f:
                json.dump(scenario, f)
            cmd += ["--scenario", path]
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)
        atexit.register(self.stop)
        portfile = os.path.join(self.dir, "port")
        for _ in range(100):
            if os.path.exists(portfile):
                break
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + open(self.log.name).read())
            time.sleep(0.05)
        self.url = "http://127.0.0.1:%s" % open(portfile).read().strip()

    def control(self, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data is not None else "GET")
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"null") if "json" in r.headers.get("Content-Type", "") else r.read()

    def scenario(self, sc, merge=False):
        return self.control("/_double/scenario" + ("?merge=1" if merge else ""), sc)

    def client(self, service, key=AKID, secret=SECRET, region=REGION, retries=0):
        import boto3
        from botocore.config import Config
        # a session per client: boto3's default session is not thread-safe
        return boto3.session.Session().client(service, endpoint_url=self.url, region_name=region,
                            aws_access_key_id=key, aws_secret_access_key=secret,
                            config=Config(retries={"total_max_attempts": retries + 1, "mode": "standard"}))

    def cli_env(self, key=AKID, secret=SECRET, region=REGION):
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("AWS_"):
                del env[k]
        cfg = os.path.join(self.dir, "aws-config")
        with open(cfg, "w") as f:
            f.write("[default]\nregion = %s\nmax_attempts = 1\n" % region)
        env.update({"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
                    "AWS_DEFAULT_REGION": region, "AWS_CONFIG_FILE": cfg,
                    "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.dir, "nocreds"),
                    "AWS_ENDPOINT_URL_LICENSE_MANAGER": self.url,
                    "AWS_ENDPOINT_URL_SERVICE_QUOTAS": self.url,
                    "AWS_ENDPOINT_URL_CLOUDFORMATION": self.url,
                    "AWS_MAX_ATTEMPTS": "1"})
        return env

    def cli(self, *args, **kw):
        """Run `aws ARGS --output json`; return (rc, parsed-json-or-None, stderr)."""
        aws = shutil.which("aws")
        if aws is None:
            return 127, None, "aws CLI not found on PATH"
        p = subprocess.run([aws] + list(args) + ["--output", "json"], env=self.cli_env(**kw),
                           capture_output=True, text=True, timeout=60)
        try:
            out = json.loads(p.stdout) if p.stdout.strip() else None
        except ValueError:
            out = None
        return p.returncode, out, p.stderr

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_status(cf, name, want, timeout=15):
    """Poll DescribeStacks until the status is in `want` (a set); return the stack."""
    end = time.time() + timeout
    while True:
        s = cf.describe_stacks(StackName=name)["Stacks"][0]
        if s["StackStatus"] in want or time.time() > end:
            return s
        time.sleep(0.05)


def all_events(cf, name):
    evs, tok, pages = [], None, 0
    while True:
        kw = {"StackName": name}
        if tok:
            kw["NextToken"] = tok
        r = cf.describe_stack_events(**kw)
        pages += 1
        evs += r["StackEvents"]
        tok = r.get("NextToken")
        if not tok:
            return evs, pages
