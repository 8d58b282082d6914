#!/usr/bin/env python3
"""botocore_probe.py - what botocore resolves, printed as creds-probe does.

Usage: botocore_probe.py ENVFILE

Reads one line per case on stdin: the profile to pass explicitly (the AWS
CLI's --profile, a session instance variable), or an empty line for none.
Before each case the AWS_* environment is replaced by the NAME=VALUE lines
of ENVFILE, which the caller rewrites between cases (the files themselves
are read afresh by each new session).  Answers one line per case:
"KIND ACCESS_KEY_ID REGION", "none" or "error" (the exception goes to
stderr).  One long-lived process, because importing botocore is slow.
"""
import os
import sys

import botocore.session


def load_env(path):
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        del os.environ[name]
    with open(path) as f:
        for line in f:
            name, _, value = line.rstrip("\n").partition("=")
            if name.startswith("AWS_"):
                os.environ[name] = value


def probe(profile):
    try:
        session = botocore.session.Session(profile=profile or None)
        creds = session.get_credentials()
        if creds is None:
            return "none"
        region = session.get_config_variable("region") or "-"
        return "%s %s %s" % (creds.method, creds.access_key, region)
    except Exception as e:  # any botocore error is "error" for the comparison
        sys.stderr.write("botocore_probe: %s: %s\n" % (type(e).__name__, e))
        return "error"


def main():
    for line in sys.stdin:
        load_env(sys.argv[1])
        print(probe(line.rstrip("\n")), flush=True)


if __name__ == "__main__":
    main()
