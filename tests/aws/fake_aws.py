#!/usr/bin/env python3
"""fake_aws.py - a small local AWS endpoint for the client's tests.

It answers with canned responses shaped like the botocore models for the
operations whose real doubles live elsewhere (License Manager, Service
Quotas, paginated CloudFormation events), records every request it gets
(method, path, X-Amz-Target, Content-Type, whether it was signed, body,
arrival time) as JSON lines, gzips answers when the client accepts it,
checks each signed request with botocore's SigV4Auth (the secret key
comes from FAKE_SECRET_ACCESS_KEY in its environment; "sig_ok" in the
log), and misbehaves on purpose following a plan:

  --plan 429,throttle,503,drop,ok   one item per request, then "ok"
      ok         the canned answer for the operation
      429        HTTP 429 TooManyRequestsException
      503        HTTP 503 with an empty body
      500        HTTP 500 InternalError
      throttle   HTTP 400 Throttling / ThrottlingException, "Rate exceeded"
      ratemsg    HTTP 400 with another code and the message "Rate exceeded"
      drop       close the connection without answering
      expired    HTTP 400 ExpiredToken / ExpiredTokenException
      denied     HTTP 403 AccessDenied (not retryable)
      sigmismatch  HTTP 403 SignatureDoesNotMatch echoing the canonical
                 request with the session token, as AWS does
      delay      wait --delay-ms, then ok
      hang       wait 30 s (for timeouts)

It also answers CONNECT as an HTTPS proxy would, tunnelling to the target.

Usage: fake_aws.py --port N --log FILE [--plan LIST] [--delay-ms N] [--default STEP]
                   [--tls CERT KEY]
The file FILE.stats gets {"max_inflight": N, "requests": N}.
"""
import argparse
import datetime
import gzip
import json
import os
import re
import select
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

LOCK = threading.Lock()
STATE = {"plan": [], "inflight": 0, "max_inflight": 0, "requests": 0}
ARGS = None

LICENSE = {
    "LicenseArn": "arn:aws:license-manager::294406891311:license:l-aaaa",
    "LicenseName": "Spacelift Self-Hosted",
    "ProductName": "Spacelift",
    "ProductSKU": "prod-sku-1",
    "Issuer": {"Name": "AWS/Marketplace", "SignKey": "arn:aws:kms:us-east-1:1:key/x", "KeyFingerprint": "aws:1:f"},
    "HomeRegion": "us-east-1",
    "Status": "AVAILABLE",
    "Validity": {"Begin": "2026-01-01T00:00:00Z", "End": "2027-01-01T00:00:00Z"},
    "Beneficiary": "arn:aws:iam::123456789012:root",
    "Entitlements": [{"Name": "Workers", "MaxCount": 10, "Overage": False, "Unit": "Count", "AllowCheckIn": False}],
    "ConsumptionConfiguration": {"RenewType": "None", "ProvisionalConfiguration": {"MaxTimeToLiveInMinutes": 60}},
    "LicenseMetadata": [{"Name": "Tier", "Value": "Enterprise"}],
    "CreateTime": "1767225600",
    "Version": "1",
    "ReceivedMetadata": {"ReceivedStatus": "ACTIVE", "AllowedOperations": ["CreateGrant", "CheckoutLicense"]},
}
GRANT = {
    "GrantArn": "arn:aws:license-manager::294406891311:grant:g-bbbb",
    "GrantName": "Spacelift grant",
    "ParentArn": "arn:aws:license-manager::294406891311:license:l-aaaa",
    "LicenseArn": "arn:aws:license-manager::294406891311:license:l-aaaa",
    "GranteePrincipalArn": "arn:aws:iam::123456789012:root",
    "HomeRegion": "us-east-1",
    "GrantStatus": "PENDING_ACCEPT",
    "Version": "1",
    "GrantedOperations": ["CheckoutLicense", "CheckInLicense", "ListPurchasedLicenses"],
    "Options": {"ActivationOverrideBehavior": "ALL_GRANTS_PERMITTED_BY_ISSUER"},
}


def json_ok(op, body):
    if op == "ListReceivedLicenses":
        if body.get("NextToken") == "page2":
            second = dict(LICENSE, LicenseArn=LICENSE["LicenseArn"] + "2", ProductSKU="prod-sku-2")
            return {"Licenses": [second]}
        return {"Licenses": [LICENSE], "NextToken": "page2"}
    if op == "ListReceivedGrants":
        return {"Grants": [GRANT]}
    if op == "AcceptGrant":
        return {"GrantArn": body.get("GrantArn"), "Status": "ACTIVE", "Version": "1"}
    if op == "CreateGrantVersion":
        return {"GrantArn": body.get("GrantArn"), "Status": body.get("Status", "ACTIVE"), "Version": "2"}
    if op == "GetServiceQuota":
        return {"Quota": {"ServiceCode": body.get("ServiceCode"), "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                          "QuotaArn": "arn:aws:servicequotas:eu-west-1:123456789012:ec2/" + body.get("QuotaCode", ""),
                          "QuotaCode": body.get("QuotaCode"), "QuotaName": "EC2-VPC Elastic IPs",
                          "Value": 5.0, "Unit": "None", "Adjustable": True, "GlobalQuota": False}}
    return {}


def xml_ok(op, form):
    if op == "DescribeStackEvents":
        token = form.get("NextToken", [""])[0]
        n = 2 if token == "p2" else 1
        nxt = "" if token == "p2" else "<NextToken>p2</NextToken>"
        return (f'<DescribeStackEventsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">'
                f"<DescribeStackEventsResult><StackEvents><member><EventId>e{n}</EventId>"
                f"<StackName>s</StackName><LogicalResourceId>R{n}</LogicalResourceId>"
                f"<ResourceType>AWS::SNS::Topic</ResourceType><Timestamp>2026-11-28T10:00:0{n}Z</Timestamp>"
                f"<ResourceStatus>CREATE_COMPLETE</ResourceStatus></member></StackEvents>{nxt}"
                f"</DescribeStackEventsResult><ResponseMetadata><RequestId>rid-{n}</RequestId>"
                f"</ResponseMetadata></DescribeStackEventsResponse>")
    if op.startswith("AssumeRole"):
        return (f'<{op}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><{op}Result>'
                "<Credentials><AccessKeyId>ASIAFAKEFAKEFAKEFAKE</AccessKeyId>"
                "<SecretAccessKey>fakeSecretKeyfakeSecretKeyfakeSecretKey1</SecretAccessKey>"
                "<SessionToken>FAKESESSIONTOKENFAKESESSIONTOKEN</SessionToken>"
                "<Expiration>2030-01-02T03:04:05Z</Expiration></Credentials>"
                "<AssumedRoleUser><AssumedRoleId>AROAFAKE:s</AssumedRoleId>"
                "<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>"
                f"</{op}Result><ResponseMetadata><RequestId>rid-a</RequestId></ResponseMetadata></{op}Response>")
    return (f"<{op}Response><{op}Result><UserId>AIDA</UserId><Account>123456789012</Account>"
            f"<Arn>arn:aws:iam::123456789012:user/fake</Arn></{op}Result>"
            f"<ResponseMetadata><RequestId>rid-ok</RequestId></ResponseMetadata></{op}Response>")


AUTH_RE = re.compile(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
                     r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$")


def verify_signature(handler, raw):
    """Recompute the request's signature with botocore; None when unsigned."""
    auth = handler.headers.get("Authorization")
    if auth is None:
        return None
    m = AUTH_RE.match(auth)
    secret = os.environ.get("FAKE_SECRET_ACCESS_KEY")
    if not m or not secret:
        return False
    akid, _, region, service, signed, _ = m.groups()
    headers = HTTPHeaders()
    for name in signed.split(";"):
        for value in handler.headers.get_all(name) or []:
            headers[name] = value
    path = handler.path
    url = path if path.startswith("http") else f"http://{handler.headers['Host']}{path}"
    req = AWSRequest(method=handler.command, url=url, headers=headers, data=raw)
    when = datetime.datetime.strptime(handler.headers.get("X-Amz-Date", ""), "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *a, **k: when
    creds = Credentials(akid, secret, handler.headers.get("X-Amz-Security-Token"))
    botocore.auth.SigV4Auth(creds, service, region).add_auth(req)
    return req.headers["Authorization"] == auth


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, ctype, extra=None):
        data = body.encode()
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and data
        if gzipped:
            data = gzip.compress(data)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "req-%d" % STATE["requests"])
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, is_json, status, code, msg):
        if is_json:
            self.send(status, json.dumps({"__type": "com.amazon.coral#" + code, "message": msg}),
                      "application/x-amz-json-1.1")
        else:
            self.send(status, f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
                              f"<Message>{msg}</Message></Error><RequestId>rid-err</RequestId></ErrorResponse>",
                      "text/xml")

    def do_CONNECT(self):
        """Act as an HTTPS proxy: tunnel to the named host:port."""
        host, _, port = self.path.rpartition(":")
        with LOCK:
            STATE["requests"] += 1
            with open(ARGS.log, "a") as f:
                f.write(json.dumps({"t": time.monotonic(), "method": "CONNECT", "path": self.path,
                                    "op": "CONNECT", "signed": False, "target": None}) + "\n")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=10)
        except OSError:
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        conns = [self.connection, upstream]
        while True:
            ready, _, _ = select.select(conns, [], [], 10)
            if not ready:
                break
            for c in ready:
                data = c.recv(65536)
                if not data:
                    upstream.close()
                    return
                (upstream if c is self.connection else self.connection).sendall(data)
        upstream.close()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw_bytes = self.rfile.read(length)
        raw = raw_bytes.decode("utf-8", "replace")
        target = self.headers.get("X-Amz-Target")
        is_json = target is not None
        form = urllib.parse.parse_qs(raw, keep_blank_values=True) if not is_json else {}
        body = json.loads(raw) if is_json and raw else {}
        op = target.split(".", 1)[1] if is_json else form.get("Action", [""])[0]
        with LOCK:
            STATE["requests"] += 1
            STATE["inflight"] += 1
            STATE["max_inflight"] = max(STATE["max_inflight"], STATE["inflight"])
            step = STATE["plan"].pop(0) if STATE["plan"] else ARGS.default
            sig_ok = verify_signature(self, raw_bytes)
            rec = {"t": time.monotonic(), "method": self.command, "path": self.path, "target": target,
                   "ctype": self.headers.get("Content-Type"), "signed": "Authorization" in self.headers,
                   "token": "X-Amz-Security-Token" in self.headers, "op": op, "body": raw, "step": step,
                   "sig_ok": sig_ok, "peer": self.client_address[1], "accept_encoding": self.headers.get("Accept-Encoding")}
            with open(ARGS.log, "a") as f:
                f.write(json.dumps(rec) + "\n")
        try:
            self.answer(step, is_json, op, body, form)
        finally:
            with LOCK:
                STATE["inflight"] -= 1
                with open(ARGS.log + ".stats", "w") as f:
                    json.dump({"max_inflight": STATE["max_inflight"], "requests": STATE["requests"]}, f)

    def answer(self, step, is_json, op, body, form):
        if step == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if step == "hang":
            time.sleep(30)
            return
        if step == "delay":
            time.sleep(ARGS.delay_ms / 1000.0)
            step = "ok"
        if step == "429":
            return self.error(is_json, 429, "TooManyRequestsException", "Too many requests")
        if step == "503":
            return self.send(503, "", "text/plain")
        if step == "500":
            return self.error(is_json, 500, "InternalError", "internal error")
        if step == "ratemsg":
            return self.error(is_json, 400, "SomeOtherLimit", "Rate exceeded")
        if step == "throttle":
            return self.error(is_json, 400, "ThrottlingException" if is_json else "Throttling", "Rate exceeded")
        if step == "expired":
            return self.error(is_json, 400, "ExpiredTokenException" if is_json else "ExpiredToken",
                              "The security token included in the request is expired")
        if step == "denied":
            return self.error(is_json, 403, "AccessDeniedException" if is_json else "AccessDenied",
                              "User is not authorized")
        if step == "sigmismatch":
            token = self.headers.get("X-Amz-Security-Token", "")
            msg = ("The request signature we calculated does not match the signature you provided.\n\n"
                   "The Canonical String for this request should have been\n'POST\n/\n\nhost:x\n"
                   f"x-amz-security-token:{token}\n'")
            return self.error(is_json, 403, "SignatureDoesNotMatch", msg)
        if is_json:
            return self.send(200, json.dumps(json_ok(op, body)), "application/x-amz-json-1.1")
        return self.send(200, xml_ok(op, form), "text/xml")


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--plan", default="")
    p.add_argument("--delay-ms", type=int, default=500)
    p.add_argument("--default", default="ok", help="the step once the plan is used up")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    ARGS = p.parse_args()
    STATE["plan"] = [s for s in ARGS.plan.split(",") if s]
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 64
    if ARGS.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls[0], ARGS.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
