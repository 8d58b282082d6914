#!/usr/bin/env python3
"""botocore_probe.py - what botocore resolves, printed as creds-probe does.

Usage: botocore_probe.py [PROFILE]

A PROFILE argument is an explicit profile (the AWS CLI's --profile, a
session instance variable); without it botocore reads AWS_PROFILE itself.
Prints "KIND ACCESS_KEY_ID REGION", "none" or "error" (with the exception
on stderr).
"""
import sys

import botocore.session


def main():
    profile = sys.argv[1] if len(sys.argv) > 1 else None
    try:
        session = botocore.session.Session(profile=profile)
        creds = session.get_credentials()
        if creds is None:
            print("none")
            return
        region = session.get_config_variable("region") or "-"
        print("%s %s %s" % (creds.method, creds.access_key, region))
    except Exception as e:  # any botocore error is "error" for the comparison
        sys.stderr.write("botocore_probe: %s: %s\n" % (type(e).__name__, e))
        print("error")


if __name__ == "__main__":
    main()
