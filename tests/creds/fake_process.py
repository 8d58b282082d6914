#!/usr/bin/env python3
"""fake_process.py - a scripted credential_process (and, as fake-aws, the
AWS CLI) for tests/unit/test-creds.c.

As credential_process:  fake_process.py MODE STATEDIR [ARGS...]
  MODE is a word, or @FILE to read the word from a file (so a test can
  change the answer between two calls).  Each call adds one to
  STATEDIR/count and puts it into the access key id; the arguments are
  written to STATEDIR/argv as JSON.

  ok        Version 1, expiring in an hour past $FAKE_CLOCK_OFFSET
  short     Version 1, expiring in 4 minutes
  static    Version 1, no Expiration
  expired   expired an hour ago
  malformed not JSON (and with a secret in it)
  version2  "Version": 2
  missing   no SecretAccessKey
  fail      exit 3, with a secret on stderr

As the AWS CLI (called through a wrapper named aws): fake_process.py aws
ARGS...; $FAKE_AWS_MODE is v2 (works), v1 (an old CLI) or expired (the SSO
session has expired).
"""
import datetime
import json
import os
import sys

SECRET = "FAKEprocSECRETkey0123456789abcdefGHIJKL"
SESSION = "FAKEprocSESSIONtoken0123456789abcdefMNO"


def when(seconds):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def doc(key_id, expiration=None, version=1, secret=True):
    d = {"Version": version, "AccessKeyId": key_id, "SessionToken": SESSION}
    if secret:
        d["SecretAccessKey"] = SECRET
    if expiration:
        d["Expiration"] = expiration
    return json.dumps(d)


def fake_aws(args):
    mode = os.environ.get("FAKE_AWS_MODE", "v2")
    log = os.environ.get("FAKE_AWS_LOG")
    if log:
        with open(log, "a") as f:
            f.write(" ".join(args) + "\n")
    if args == ["--version"]:
        if mode == "v1":
            print("aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11")
        else:
            print("aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.debian.12")
        return 0
    if args[:2] == ["configure", "export-credentials"]:
        if mode == "expired":
            sys.stderr.write("Error loading SSO Token: Token for https://example.awsapps.com/"
                             "start has expired. To refresh this SSO session run aws sso login "
                             "with the corresponding profile.\n")
            return 255
        print(doc("ASIASSOFAKE0001", when(3600)))
        return 0
    sys.stderr.write("fake aws: unexpected arguments\n")
    return 2


def process(mode, state, args):
    if mode.startswith("@"):
        with open(mode[1:]) as f:
            mode = f.read().strip()
    count = 1
    path = os.path.join(state, "count")
    if os.path.exists(path):
        with open(path) as f:
            count = int(f.read()) + 1
    with open(path, "w") as f:
        f.write(str(count))
    with open(os.path.join(state, "argv"), "w") as f:
        json.dump(args, f)
    key_id = "ASIAPROC%04d" % count
    offset = int(os.environ.get("FAKE_CLOCK_OFFSET", "0"))
    if mode == "ok":
        print(doc(key_id, when(offset + 3600)))
    elif mode == "short":
        print(doc(key_id, when(offset + 4 * 60)))
    elif mode == "static":
        print(doc(key_id))
    elif mode == "expired":
        print(doc(key_id, when(-3600)))
    elif mode == "malformed":
        print('{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"' % (key_id, SECRET))
    elif mode == "version2":
        print(doc(key_id, version=2))
    elif mode == "missing":
        print(doc(key_id, secret=False))
    elif mode == "fail":
        sys.stderr.write("cannot reach the vault; last secret was %s\n" % SECRET)
        return 3
    return 0


def main():
    if sys.argv[1] == "aws":
        return fake_aws(sys.argv[2:])
    return process(sys.argv[1], sys.argv[2], sys.argv[3:])


if __name__ == "__main__":
    sys.exit(main())
