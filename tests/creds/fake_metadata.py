#!/usr/bin/env python3
"""fake_metadata.py - a stand-in for EC2 instance metadata (IMDS) and the
ECS container credentials endpoint, for tests/unit/test-creds-http.c.

Usage: fake_metadata.py MODE LOGFILE [AUTH]

Binds 127.0.0.1 on a free port, prints the port on stdout, then serves
until killed.  Every request is logged to LOGFILE as one line, so the test
can check what was asked.  MODE picks the answers:

  imds-ok         IMDSv2: PUT /latest/api/token, then the role and its
                  credentials; GETs without the token get 401
  imds-v1         the token PUT is refused (403); GETs need no token
  imds-norole     token fine, but no role is attached (404)
  imds-malformed  the credentials document is not JSON
  imds-expired    the credentials expired an hour ago
  ecs-ok          GET any path: credentials, when the Authorization header
                  equals AUTH (or is absent when AUTH is not given)
  ecs-malformed   200 with a body that is not JSON
  ecs-500         always HTTP 500

The credentials are fakes; their secret parts are recognisable so that the
test can assert they never appear in an error message.
"""
import datetime
import http.server
import json
import sys

MODE = sys.argv[1]
LOG = sys.argv[2]
AUTH = sys.argv[3] if len(sys.argv) > 3 else None
TOKEN = "imds-session-token-0001"
ROLE = "bastion-role"
SECRET = "FAKEimdsSECRETkey0123456789abcdefABCDEF"
SESSION = "FAKEimdsSESSIONtoken0123456789abcdefXYZ"


def when(hours):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def creds_doc(prefix, hours=6):
    return json.dumps({
        "Code": "Success",
        "Type": "AWS-HMAC",
        "AccessKeyId": prefix + "FAKEACCESSKEY",
        "SecretAccessKey": SECRET,
        "Token": SESSION,
        "Expiration": when(hours),
    })


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def note(self):
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
        tok = self.headers.get("X-aws-ec2-metadata-token")
        auth = self.headers.get("Authorization")
        line = "%s %s ttl=%s token=%s auth=%s\n" % (
            self.command, self.path, ttl, "yes" if tok == TOKEN else ("bad" if tok else "no"),
            auth)
        with open(LOG, "a") as f:
            f.write(line)
        return tok

    def reply(self, code, body=""):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        self.note()
        if MODE.startswith("ecs"):
            return self.reply(405)
        if self.path != "/latest/api/token":
            return self.reply(404)
        if MODE == "imds-v1":
            return self.reply(403)
        if not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self.reply(400)
        self.reply(200, TOKEN)

    def do_GET(self):
        tok = self.note()
        if MODE.startswith("ecs"):
            return self.ecs()
        if MODE != "imds-v1" and tok != TOKEN:
            return self.reply(401)
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == base:
            if MODE == "imds-norole":
                return self.reply(404)
            return self.reply(200, ROLE)
        if self.path == base + ROLE:
            if MODE == "imds-malformed":
                return self.reply(200, "{ AccessKeyId: " + SECRET)
            return self.reply(200, creds_doc("ASIAIMDS", -1 if MODE == "imds-expired" else 6))
        self.reply(404)

    def ecs(self):
        if MODE == "ecs-500":
            return self.reply(500, "internal error")
        if self.headers.get("Authorization") != AUTH:
            return self.reply(401, "unauthorized")
        if MODE == "ecs-malformed":
            return self.reply(200, "<html>" + SECRET)
        self.reply(200, creds_doc("ASIAECS", 6).replace('"Code": "Success", "Type": "AWS-HMAC", ', ""))


def main():
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
