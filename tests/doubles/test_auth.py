# test_auth.py - signature checks and throttling of the doubles: a wrong
# secret, an unknown key, a wrong region or service in the credential scope,
# a body changed after signing and a missing Authorization header are all
# refused in AWS's shapes; keys from the scenario are accepted; a scenario
# throttle_percent throttles exactly that share of calls.
import http.client
import json

import sys  # noqa: E402
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import testlib as L  # noqa: E402

SIG_MSG = ("The request signature we calculated does not match the signature you provided. "
           "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")


def raw(srv, service, region, body, headers, secret=L.SECRET, key=L.AKID, tamper=None):
    """Sign a request with botocore under any service name; send it raw."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    req = AWSRequest(method="POST", url=srv.url + "/", data=body, headers=headers)
    SigV4Auth(Credentials(key, secret), service, region).add_auth(req)
    h = dict(req.headers.items())
    if tamper:
        body = tamper
    host = srv.url.split("//")[1]
    c = http.client.HTTPConnection(host, timeout=10)
    c.request("POST", "/", body=body, headers=h)
    r = c.getresponse()
    return r.status, dict(r.getheaders()), r.read().decode()


def t_signatures(tap):
    srv = L.Server({"credentials": {"AKIDSCENARIO": "scenario-secret"}})
    for svc, op, code in [("license-manager", lambda c: c.list_received_licenses(), "InvalidSignatureException"),
                          ("service-quotas", lambda c: c.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3"), "InvalidSignatureException"),
                          ("cloudformation", lambda c: c.list_stacks(), "SignatureDoesNotMatch")]:
        bad = srv.client(svc, secret="wrong-secret")
        tap.raises(lambda: op(bad), code, "%s: wrong secret -> %s with AWS's message" % (svc, code), SIG_MSG)
        unk = srv.client(svc, key="AKIAUNKNOWNKEY000000")
        want = "InvalidClientTokenId" if svc == "cloudformation" else "UnrecognizedClientException"
        tap.raises(lambda: op(unk), want, "%s: unknown key -> %s" % (svc, want),
                   "The security token included in the request is invalid.")
        wr = srv.client(svc, region="us-east-1")
        tap.raises(lambda: op(wr), code, "%s: wrong region in scope refused" % svc,
                   "Credential should be scoped to a valid region. ")
        ok = srv.client(svc, key="testing", secret="testing")
        try:
            op(ok)
            tap.ok(True, "%s: moto's testing/testing accepted" % svc)
        except Exception as e:
            tap.ok(False, "%s: moto's testing/testing accepted" % svc, e)
        sc = srv.client(svc, key="AKIDSCENARIO", secret="scenario-secret")
        try:
            op(sc)
            tap.ok(True, "%s: key listed in the scenario accepted" % svc)
        except Exception as e:
            tap.ok(False, "%s: key listed in the scenario accepted" % svc, e)
    # wrong service name in the scope, and a body changed after signing
    hdr = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    st, h, body = raw(srv, "sqs", "eu-west-1", "Action=ListStacks&Version=2010-05-15", hdr)
    tap.ok(st == 403 and "<Code>SignatureDoesNotMatch</Code>" in body and
           "Credential should be scoped to correct service: &apos;cloudformation&apos;. " in body.replace("'", "&apos;"),
           "cloudformation: scope for service sqs refused", body)
    tap.ok("x-amzn-RequestId" in h and "<Type>Sender</Type>" in body and "<RequestId>" in body,
           "query error shape: ErrorResponse/Error/Type,Code,Message + RequestId, x-amzn-RequestId header", (h, body))
    st, h, body = raw(srv, "cloudformation", "eu-west-1", "Action=ListStacks&Version=2010-05-15", hdr,
                      tamper="Action=DeleteStack&Version=2010-05-15&StackName=x")
    tap.ok(st == 403 and "SignatureDoesNotMatch" in body, "body changed after signing is refused", body)
    jh = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "ServiceQuotasV20190624.GetServiceQuota"}
    st, h, body = raw(srv, "license-manager", "eu-west-1", "{}", jh)
    tap.ok(st == 403 and json.loads(body).get("__type") == "InvalidSignatureException" and
           h.get("x-amzn-ErrorType") == "InvalidSignatureException",
           "servicequotas: scope for license-manager refused; JSON error shape with x-amzn-ErrorType", (h, body))
    c = http.client.HTTPConnection(srv.url.split("//")[1], timeout=10)
    c.request("POST", "/", body="{}", headers=jh)
    r = c.getresponse()
    body = r.read().decode()
    tap.ok(r.status in (400, 403) and json.loads(body)["__type"] == "MissingAuthenticationTokenException",
           "no Authorization header refused", body)
    # clock skew: a request signed 20 minutes ago
    import datetime as dt
    from unittest import mock
    old = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=20)

    class Old(dt.datetime):
        @classmethod
        def utcnow(cls):
            return old

        @classmethod
        def now(cls, tz=None):
            return old if tz is None else old.replace(tzinfo=tz)
    cf = srv.client("cloudformation")
    with mock.patch("botocore.auth.datetime.datetime", Old):
        tap.raises(lambda: cf.list_stacks(), "SignatureDoesNotMatch", "a request signed 20 minutes ago is refused")
    try:
        cf.list_stacks()
        tap.ok(True, "the same client with a good clock is accepted")
    except Exception as e:
        tap.ok(False, "the same client with a good clock is accepted", e)
    srv.scenario({"expired_credentials": True, "credentials": {"AKIDSCENARIO": "scenario-secret"}})
    tap.raises(lambda: cf.list_stacks(), "ExpiredToken", "expired_credentials: ExpiredToken (query)",
               "The security token included in the request is expired")
    tap.raises(lambda: srv.client("license-manager").list_received_licenses(), "ExpiredTokenException",
               "expired_credentials: ExpiredTokenException (JSON)")
    srv.scenario({"expired_credentials": False}, merge=True)
    rc, out, err = srv.cli("cloudformation", "list-stacks", secret="nope")
    tap.ok(rc != 0 and "SignatureDoesNotMatch" in err, "aws CLI shows SignatureDoesNotMatch", err)
    srv.stop()


def t_throttling(tap):
    srv = L.Server({"throttle_percent": 50})
    cf = srv.client("cloudformation")
    codes = []
    for _ in range(20):
        try:
            cf.list_stacks()
            codes.append("ok")
        except Exception as e:
            codes.append((e.response["Error"]["Code"], e.response["Error"]["Message"],
                          e.response["ResponseMetadata"]["HTTPStatusCode"]))
    tap.eq(codes.count(("Throttling", "Rate exceeded", 400)), 10, "throttle_percent=50: 10 of 20 calls throttled (400 Throttling, Rate exceeded)")
    tap.eq(codes.count("ok"), 10, "the other 10 answer")
    lm = srv.client("license-manager")
    got = set()
    for _ in range(4):
        try:
            lm.list_received_licenses()
            got.add("ok")
        except Exception as e:
            got.add(e.response["Error"]["Code"])
    tap.eq(got, {"ok", "ThrottlingException"}, "JSON services throttle with ThrottlingException")
    retrying = srv.client("cloudformation", retries=4)
    try:
        for _ in range(5):
            retrying.describe_stacks()
        tap.ok(True, "a client that backs off gets through")
    except Exception as e:
        tap.ok(False, "a client that backs off gets through", e)
    srv.scenario({"throttle_percent": 100, "throttle_services": ["cloudformation"]})
    try:
        srv.client("service-quotas").get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3")
        tap.ok(True, "throttle_services limits throttling to the listed services")
    except Exception as e:
        tap.ok(False, "throttle_services limits throttling to the listed services", e)
    rc, out, err = srv.cli("cloudformation", "list-stacks")
    tap.ok(rc != 0 and "(Throttling)" in err and "Rate exceeded" in err, "aws CLI shows Throttling: Rate exceeded", err)
    calls = srv.control("/_double/calls")
    tap.ok(any(c["result"] == "Throttling" for c in calls), "/_double/calls records throttled calls")
    srv.stop()


if __name__ == "__main__":
    tap = L.Tap()
    L.need_modules(tap, "boto3", "botocore", "yaml")
    # Not in parallel: the clock-skew case patches botocore's clock for the
    # whole process, which made the other thread's requests look 20 minutes
    # old now and then.
    L.run_tests(tap, [t_signatures, t_throttling], parallel=False)
