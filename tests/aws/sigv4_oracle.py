#!/usr/bin/env python3
"""sigv4_oracle.py - prove that liftoff's SigV4 equals botocore's.

Generates request cases (services, regions, methods, paths with reserved
and unicode characters, repeated and empty query keys, headers with extra
white space, empty and large bodies, session tokens), has liftoff sign
them (the sigv4-sign helper given as argv[1]), signs the same requests
with botocore.auth.SigV4Auth at the same timestamp, and prints TAP: one
line per case, ok when the Authorization headers are equal.

Usage: sigv4_oracle.py PATH/TO/sigv4-sign [COUNT]
"""
import datetime
import json
import random
import subprocess
import sys
import tempfile

import botocore.auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

SERVICES = ["sts", "ec2", "servicequotas", "license-manager", "acm", "sns", "ssm", "kms",
            "secretsmanager", "cloudformation", "monitoring", "elasticloadbalancing",
            "execute-api", "lambda", "iam"]
REGIONS = ["us-east-1", "eu-west-1", "eu-central-2", "ap-southeast-2", "cn-north-1",
           "cn-northwest-1", "us-gov-west-1", "me-south-1", "sa-east-1", "us-iso-east-1"]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "get", "post"]
HOSTS = ["{svc}.{region}.amazonaws.com", "127.0.0.1:4566", "LOCALHOST:8080",
         "{svc}.{region}.amazonaws.com:443", "example.com:80", "[::1]:5000"]
PATHS = ["/", "", "/a/b/c", "/a/b/", "/2015-03-31/functions/my%20fn/invocations",
         "/a/./b/../c", "//double//slash/", "/../x", "/./", "/a/b/../../..",
         "/%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D",
         "/!*'();:@&=+$,", "/~user/-_.", "/sp%20ace/plus+sign", "/ünï/κόσμος",
         "/%C3%BC%E2%9C%93", "/emoji/\U0001F680", "/a%2Fb", "/%7Etilde", "/percent%25",
         "/MixedCase/Path", "/trailing.", "/a b"]
QUERIES = [None, "", "a=1&b=2", "b=2&a=1", "a=2&a=1&a=10", "a=&b&=c", "k=%E2%9C%93",
           "Action=ListUsers&Version=2010-05-08", "q=a%20b%2Bc%3D", "z&y&x=",
           "list.member.1=x&list.member.10=y&list.member.2=z", "a=b=c", "A=1&a=1&_=1&-=1&~=1",
           "Marker=abc%2Fdef%3D%3D&MaxItems=100", "prefix=%F0%9F%9A%80&x=%00"]
TOKEN = ("IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+test/token+with/slashes="
         + "A" * 300)


def header_sets(rng, svc):
    sets = [
        [],
        [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
        [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSLicenseManager.ListReceivedLicenses")],
        [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms")],
        [("X-Custom", "  lots   of \t spaces  "), ("x-amz-meta-Thing", "v1")],
        [("User-Agent", "liftoff/0.1"), ("Accept", "application/json")],
        [("X-Dup", "one"), ("X-Dup", " two  words "), ("x-dup", "three")],
        [("Content-Type", "text/plain"), ("X-Empty", ""), ("X-Tabs", "\ta\tb\t")],
        [("Expect", "100-continue"), ("Connection", "keep-alive"), ("X-Amzn-Trace-Id", "Root=1")],
        [("X-AMZ-TARGET", "TrentService.DescribeKey"), ("content-type", "application/x-amz-json-1.1")],
    ]
    return rng.choice(sets)


def body_for(rng, i):
    kind = i % 7
    if kind == 0:
        return b""
    if kind == 1:
        return b"Action=GetCallerIdentity&Version=2011-06-15"
    if kind == 2:
        return json.dumps({"Name": "/liftoff/ünï", "WithDecryption": True}).encode()
    if kind == 3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 512)))
    if kind == 4:
        return b"x" * (1024 * 1024 + rng.randrange(100))
    if kind == 5:
        return "κόσμος \U0001F680".encode()
    return b"{}"


def make_cases(count):
    rng = random.Random(20261128)
    cases = []
    for i in range(count):
        svc = SERVICES[i % len(SERVICES)]
        region = REGIONS[(i // 3) % len(REGIONS)]
        host = rng.choice(HOSTS).format(svc=svc, region=region)
        scheme = rng.choice(["https", "http"])
        path = PATHS[i % len(PATHS)]
        query = QUERIES[(i * 7) % len(QUERIES)]
        url = f"{scheme}://{host}{path}" + ("" if query is None else "?" + query)
        when = 1700000000 + rng.randrange(0, 300000000)
        cases.append({
            "method": METHODS[i % len(METHODS)],
            "url": url,
            "headers": header_sets(rng, svc),
            "body": body_for(rng, i),
            "region": region,
            "service": svc,
            "access_key": rng.choice(["AKIAIOSFODNN7EXAMPLE", "ASIAQWERTYUIOPASDFGH"]),
            "secret_key": rng.choice(["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                      "abc+def/ghi=jklmnopqrstuvwxyz0123456789AB"]),
            "token": TOKEN + str(i) if i % 3 == 0 else "",
            "time": when,
        })
    return cases


def botocore_sign(case):
    fixed = datetime.datetime.fromtimestamp(case["time"], datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda *a, **k: fixed
    headers = HTTPHeaders()
    for name, value in case["headers"]:
        headers[name] = value
    req = AWSRequest(method=case["method"], url=case["url"], headers=headers, data=case["body"])
    creds = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    botocore.auth.SigV4Auth(creds, case["service"], case["region"]).add_auth(req)
    return req.headers["Authorization"]


def main():
    signer = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    cases = make_cases(count)
    with tempfile.TemporaryFile("w+") as f:
        for c in cases:
            line = dict(c)
            line["body_hex"] = c["body"].hex()
            del line["body"]
            f.write(json.dumps(line) + "\n")
        f.seek(0)
        out = subprocess.run([signer], stdin=f, capture_output=True, text=True)
    got = out.stdout.splitlines()
    print(f"1..{len(cases) + 1}")
    print(("ok" if out.returncode == 0 and len(got) == len(cases) else "not ok")
          + f" 1 - the signer ran and answered {len(got)} of {len(cases)} cases")
    for i, c in enumerate(cases):
        want = botocore_sign(c)
        have = got[i] if i < len(got) else "(missing)"
        desc = f"{c['method']} {c['service']} {c['region']} {c['url'][:60]!r}" \
               f" body={len(c['body'])} token={'yes' if c['token'] else 'no'}"
        if want == have:
            print(f"ok {i + 2} - {desc}")
        else:
            print(f"not ok {i + 2} - {desc}")
            print(f"#  botocore: {want}\n#  liftoff:  {have}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
