#!/usr/bin/env python3
# server.py - liftoff's AWS doubles: License Manager, Service Quotas and a
# time-driven CloudFormation, on one loopback HTTP server.
#
# Design: one ThreadingHTTPServer.  A request is either a control call
# (/_double/...), a JSON 1.1 call (dispatched on X-Amz-Target) or a
# CloudFormation query call (dispatched on Action=, answered in XML).  Every
# AWS call is SigV4-checked first by recomputing the signature with
# botocore's SigV4Auth over exactly the headers the client signed, then
# optionally throttled (a deterministic N% of calls), then handled.  What the
# doubles answer is set by a scenario (JSON or YAML) given on the command line
# or POSTed to /_double/scenario.  CloudFormation state lives in
# cfn_engine.Engine; a ticker thread moves stacks forward in time.
#
# Usage: server.py [--host 127.0.0.1] [--port 0] [--port-file F] [--scenario F]
# Standard library + PyYAML (+ botocore, only for the signature check).

import argparse
import base64
import json
import os
import re
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

import yaml

sys.dont_write_bytecode = True  # never write __pycache__ into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfn_engine as E  # noqa: E402
import cfn_template as T  # noqa: E402

DEFAULT_SCENARIO = {
    "region": "eu-west-1",          # credential scope region required ("*" = any)
    "account_id": "123456789012",   # moto's default account
    "license": "active",            # none|pending|accepted|active|expired|other-product, or a list
    "eip_quota": 5.0,               # ec2 / L-0263D0A3
    "quota_denied": False,          # GetServiceQuota -> AccessDeniedException
    "quota_applied": True,          # False: GetServiceQuota -> NoSuchResourceException,
                                    # only GetAWSDefaultServiceQuota answers
    "quotas": {},                   # extra "service/code": value
    "throttle_percent": 0,          # N% of AWS calls -> Throttling / Rate exceeded
    "throttle_services": None,      # e.g. ["cloudformation"]; None = all
    "delay_default": 0.05,          # seconds per resource
    "delays": {},                   # type, logical id, "stack/logical" -> seconds
    "delay_scale": 1.0,             # multiplies every delay
    "delete_factor": 0.5,           # deletes take this fraction of the create delay
    "fail": [],                     # [{stack?, logical_id?|type?, action?, reason?}]
    "credentials": {},              # extra access key -> secret key
    "template_dirs": [],            # where nested TemplateURLs are looked up by basename
    "expired_credentials": False,   # every AWS call: ExpiredToken(Exception)
    "eip_from_moto": False,         # AWS::EC2::EIP fails when moto's addresses plus the
                                    # double's EIPs reach eip_quota
    "moto_url": None,               # moto endpoint (default: $AWS_ENDPOINT_URL of the server)
    "max_clock_skew": 900,          # seconds; older/newer X-Amz-Date -> "Signature expired"
}

KNOWN_KEYS = {
    "AKIAIOSFODNN7EXAMPLE": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "testing": "testing",
}

SIGNING_NAME = {"license-manager": "license-manager", "servicequotas": "servicequotas",
                "cloudformation": "cloudformation"}
TARGETS = {"AWSLicenseManager": "license-manager", "ServiceQuotasV20190624": "servicequotas"}
CFN_NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/"


class AwsError(Exception):
    def __init__(self, code, message, status=400, sender=True):
        Exception.__init__(self, message)
        self.code, self.message, self.status, self.sender = code, message, status, sender


def iso_z(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


# ================================================================== state

class State:
    def __init__(self, scenario):
        self.lock = threading.RLock()
        self.scenario = dict(DEFAULT_SCENARIO)
        self.calls = []
        self.counter = 0
        self.engine = E.Engine(lambda: self.scenario)
        self.set_scenario(scenario or {})

    def set_scenario(self, sc, merge=False):
        with self.lock:
            base = dict(self.scenario) if merge else dict(DEFAULT_SCENARIO)
            unknown = [k for k in sc if k not in DEFAULT_SCENARIO and k != "reset"]
            if unknown:
                raise ValueError("unknown scenario key(s): %s" % ", ".join(sorted(unknown)))
            base.update({k: v for k, v in sc.items() if k != "reset"})
            self.scenario = base
            if not merge or "license" in sc:
                self.seed_licenses()
            self.counter = 0
            if sc.get("reset"):
                self.engine.reset()
                self.calls = []

    # ------------------------------------------------------ License Manager
    def seed_licenses(self):
        sc = self.scenario
        acct, region = sc["account_id"], sc["region"] if sc["region"] != "*" else "us-east-1"
        wanted = sc.get("license") or "none"
        if isinstance(wanted, str):
            wanted = [wanted]
        alias = {"granted": "pending", "not-accepted": "pending", "not-activated": "accepted",
                 "disabled": "accepted", "other": "other-product"}
        self.licenses, self.grants = [], []
        now = datetime.now(timezone.utc)
        for i, kind in enumerate(alias.get(w, w) for w in wanted):
            if kind == "none":
                continue
            if kind not in ("pending", "accepted", "active", "expired", "other-product"):
                raise ValueError("unknown license state %r" % kind)
            lid = "l-%032x" % (uuid.uuid4().int >> 0 & ((1 << 128) - 1))
            gid = "g-%032x" % (uuid.uuid4().int & ((1 << 128) - 1))
            lic_arn = "arn:aws:license-manager::294406891311:license:%s" % lid
            spacelift = kind != "other-product"
            lic = {
                "LicenseArn": lic_arn,
                "LicenseName": "Spacelift Self-Hosted" if spacelift else "Acme Widgets Enterprise",
                "ProductName": "Spacelift Self-Hosted" if spacelift else "Acme Widgets",
                "ProductSKU": "spacelift-self-hosted" if spacelift else "acme-widgets-ent",
                "Issuer": {"Name": "Spacelift" if spacelift else "Acme Corp",
                           "SignKey": "arn:aws:kms:us-east-1:294406891311:key/%s" % uuid.uuid4(),
                           "KeyFingerprint": "aws:294406891311:%s:issuer-fingerprint" %
                                             ("Spacelift" if spacelift else "AcmeCorp")},
                "HomeRegion": "us-east-1",
                "Status": "EXPIRED" if kind == "expired" else "AVAILABLE",
                "Validity": {"Begin": iso_z(now - timedelta(days=400 if kind == "expired" else 30)),
                             "End": iso_z(now - timedelta(days=35) if kind == "expired"
                                          else now + timedelta(days=335))},
                "Beneficiary": acct,
                "Entitlements": [{"Name": "SelfHostedInstance", "MaxCount": 1, "Overage": False,
                                  "Unit": "Count", "AllowCheckIn": True}],
                "ConsumptionConfiguration": {"RenewType": "None",
                                             "ProvisionalConfiguration": {"MaxTimeToLiveInMinutes": 60}},
                "LicenseMetadata": [],
                "CreateTime": iso_z(now - timedelta(days=30 if kind != "expired" else 400)),
                "Version": "1",
            }
            gstatus = {"pending": "PENDING_ACCEPT", "accepted": "DISABLED"}.get(kind, "ACTIVE")
            grant = {
                "GrantArn": "arn:aws:license-manager::294406891311:grant:%s" % gid,
                "GrantName": "%s grant for %s" % (lic["ProductName"], acct),
                "ParentArn": lic_arn, "LicenseArn": lic_arn,
                "GranteePrincipalArn": "arn:aws:iam::%s:root" % acct,
                "HomeRegion": "us-east-1", "GrantStatus": gstatus, "Version": "1",
                "GrantedOperations": ["CheckoutLicense", "CheckInLicense",
                                      "ExtendConsumptionLicense", "ListPurchasedLicenses"],
            }
            self.licenses.append(lic)
            self.grants.append(grant)

    def received(self, lic):
        g = next((g for g in self.grants if g["LicenseArn"] == lic["LicenseArn"]), None)
        out = dict(lic)
        out["ReceivedMetadata"] = {"ReceivedStatus": g["GrantStatus"] if g else "ACTIVE",
                                   "AllowedOperations": list(g["GrantedOperations"]) if g else []}
        return out


def _page(items, req, key, default_max=100):
    try:
        start = int(base64.b64decode(req["NextToken"]).decode()) if req.get("NextToken") else 0
    except Exception:
        raise AwsError("InvalidParameterValueException", "Invalid NextToken")
    n = int(req.get("MaxResults") or default_max)
    out = {key: items[start:start + n]}
    if start + n < len(items):
        out["NextToken"] = base64.b64encode(str(start + n).encode()).decode()
    return out


def _filters(items, filters, fields):
    for f in filters or []:
        name, values = f.get("Name"), f.get("Values") or []
        if name not in fields:
            raise AwsError("InvalidParameterValueException", "Filter name %s is not supported." % name)
        items = [i for i in items if fields[name](i) in values]
    return items


def license_manager(state, op, req):
    with state.lock:
        if op == "ListReceivedLicenses":
            lics = [state.received(l) for l in state.licenses]
            if req.get("LicenseArns"):
                lics = [l for l in lics if l["LicenseArn"] in req["LicenseArns"]]
            lics = _filters(lics, req.get("Filters"), {
                "ProductSKU": lambda l: l["ProductSKU"], "IssuerName": lambda l: l["Issuer"]["Name"],
                "Fingerprint": lambda l: l["Issuer"]["KeyFingerprint"], "Status": lambda l: l["Status"],
                "Beneficiary": lambda l: l["Beneficiary"]})
            return _page(lics, req, "Licenses")
        if op == "ListReceivedGrants":
            lics = {l["LicenseArn"]: l for l in state.licenses}
            grants = [dict(g) for g in state.grants]
            if req.get("GrantArns"):
                grants = [g for g in grants if g["GrantArn"] in req["GrantArns"]]
            grants = _filters(grants, req.get("Filters"), {
                "ProductSKU": lambda g: lics[g["LicenseArn"]]["ProductSKU"],
                "LicenseIssuerName": lambda g: lics[g["LicenseArn"]]["Issuer"]["Name"],
                "LicenseArn": lambda g: g["LicenseArn"], "GrantStatus": lambda g: g["GrantStatus"],
                "GranterAccountId": lambda g: "294406891311"})
            return _page(grants, req, "Grants")
        if op == "GetLicense":
            arn = req.get("LicenseArn")
            if not arn:
                raise AwsError("ValidationException", "1 validation error detected: Value null at 'licenseArn' failed to satisfy constraint: Member must not be null")
            for l in state.licenses:
                if l["LicenseArn"] == arn:
                    return {"License": dict(l)}
            raise AwsError("InvalidParameterValueException", "License is not available. Ensure that license %s exists." % arn)
        if op in ("AcceptGrant", "CreateGrantVersion"):
            arn = req.get("GrantArn")
            if not arn:
                raise AwsError("ValidationException", "1 validation error detected: Value null at 'grantArn' failed to satisfy constraint: Member must not be null")
            g = next((g for g in state.grants if g["GrantArn"] == arn), None)
            if g is None:
                raise AwsError("InvalidParameterValueException", "Grant %s does not exist." % arn)
            if op == "AcceptGrant":
                if g["GrantStatus"] != "PENDING_ACCEPT":
                    raise AwsError("ValidationException", "Grant %s is not in PENDING_ACCEPT status. Current status: %s." % (arn, g["GrantStatus"]))
                g["GrantStatus"] = "DISABLED"
            else:
                if not req.get("ClientToken"):
                    raise AwsError("ValidationException", "1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null")
                st = req.get("Status")
                if st is not None:
                    if st not in ("ACTIVE", "DISABLED"):
                        raise AwsError("ValidationException", "Status %s is not valid. Use ACTIVE or DISABLED." % st)
                    if g["GrantStatus"] == "PENDING_ACCEPT":
                        raise AwsError("ValidationException", "Grant %s must be accepted before it can be activated." % arn)
                    g["GrantStatus"] = st
                if req.get("GrantName"):
                    g["GrantName"] = req["GrantName"]
                if req.get("AllowedOperations"):
                    g["GrantedOperations"] = list(req["AllowedOperations"])
                g["Version"] = str(int(g["Version"]) + 1)
            return {"GrantArn": arn, "Status": g["GrantStatus"], "Version": g["Version"]}
    raise AwsError("UnknownOperationException", None)


def service_quotas(state, op, req):
    sc = state.scenario
    if op not in ("GetServiceQuota", "GetAWSDefaultServiceQuota"):
        raise AwsError("UnknownOperationException", None)
    if sc.get("quota_denied"):
        raise AwsError("AccessDeniedException",
                       "User: arn:aws:iam::%s:user/liftoff-test is not authorized to perform: "
                       "servicequotas:GetServiceQuota because no identity-based policy allows the "
                       "servicequotas:GetServiceQuota action" % sc["account_id"])
    svc, code = req.get("ServiceCode"), req.get("QuotaCode")
    if not svc or not code:
        raise AwsError("IllegalArgumentException", "ServiceCode and QuotaCode are required.")
    quotas = {"ec2/L-0263D0A3": sc.get("eip_quota")}
    quotas.update(sc.get("quotas") or {})
    if svc not in {k.split("/")[0] for k in quotas}:
        raise AwsError("NoSuchResourceException", "The request failed because the specified service does not exist.")
    key = "%s/%s" % (svc, code)
    if key not in quotas or quotas[key] is None:
        raise AwsError("NoSuchResourceException", "The request failed because the specified quota does not exist.")
    value = quotas[key]
    if op == "GetAWSDefaultServiceQuota":
        value = 5.0 if key == "ec2/L-0263D0A3" else value
    elif not sc.get("quota_applied", True):
        raise AwsError("NoSuchResourceException", "The request failed because the specified quota does not exist.")
    region = sc["region"] if sc["region"] != "*" else "us-east-1"
    q = {"ServiceCode": svc, "QuotaArn": "arn:aws:servicequotas:%s:%s:%s/%s" % (region, sc["account_id"], svc, code),
         "QuotaCode": code, "Value": float(value), "Unit": "None", "Adjustable": True,
         "GlobalQuota": False, "QuotaAppliedAtLevel": "ACCOUNT"}
    if key == "ec2/L-0263D0A3":
        q.update({"ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                  "QuotaName": "EC2-VPC Elastic IPs",
                  "UsageMetric": {"MetricNamespace": "AWS/Usage", "MetricName": "ResourceCount",
                                  "MetricDimensions": {"Class": "None", "Resource": "vpc",
                                                       "Service": "EC2", "Type": "Resource"},
                                  "MetricStatisticRecommendation": "Maximum"},
                  "Description": "The maximum number of Elastic IP addresses that you can allocate for EC2-VPC in this Region."})
    else:
        q.update({"ServiceName": svc, "QuotaName": code})
    return {"Quota": q}


# ========================================================= CloudFormation

def unflatten(params):
    """Query-protocol keys (Parameters.member.1.ParameterKey) -> nested values."""
    root = {}
    for key, value in params.items():
        parts = key.split(".")
        node = root
        for i, p in enumerate(parts):
            last = i == len(parts) - 1
            if p == "member" or p == "entry":
                continue
            if last:
                node[p] = value
            else:
                node = node.setdefault(p, {})

    def fix(n):
        if isinstance(n, dict):
            if n and all(k.isdigit() for k in n):
                return [fix(n[k]) for k in sorted(n, key=int)]
            return {k: fix(v) for k, v in n.items()}
        return n
    return fix(root)


def _as_list(v):
    if v is None or v == "":   # the query protocol sends an empty list as "Name="
        return []
    return v if isinstance(v, list) else [v]


def _token(obj):
    return base64.b64encode(json.dumps(obj).encode()).decode()


def _untoken(tok):
    try:
        return json.loads(base64.b64decode(tok))
    except Exception:
        raise E.CfnError("ValidationError", "Invalid NextToken")


def _cursor_page(items, key, p, size=100):
    """Page `items` (already in answer order) with a NextToken holding the key
    of the last item returned, so items appearing meanwhile do not shift pages."""
    if p.get("NextToken"):
        after = _untoken(p["NextToken"])
        keys = [key(x) for x in items]
        start = next((i + 1 for i, k in enumerate(keys) if k == after), None)
        if start is None:   # the item went away: resume after the nearest smaller key
            start = sum(1 for k in keys if k < after) if all(isinstance(k, (int, float)) for k in keys + [after]) else 0
    else:
        start = 0
    page = items[start:start + size]
    more = start + size < len(items)
    return page, (_token(key(page[-1])) if more and page else None)


IAM_TYPES = {"AWS::IAM::Role": "RoleName", "AWS::IAM::Policy": None, "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
             "AWS::IAM::User": "UserName", "AWS::IAM::Group": "GroupName", "AWS::IAM::InstanceProfile": "InstanceProfileName",
             "AWS::IAM::AccessKey": None, "AWS::IAM::UserToGroupAddition": None}


def _needed_caps(tmpl):
    need = None
    for r in tmpl["Resources"].values():
        if r["Type"] in IAM_TYPES:
            named = IAM_TYPES[r["Type"]] and IAM_TYPES[r["Type"]] in (r.get("Properties") or {})
            if named:
                need = "CAPABILITY_NAMED_IAM"
            elif need is None:
                need = "CAPABILITY_IAM"
    return need


class Cfn:
    def __init__(self, state):
        self.state = state
        self.engine = state.engine

    def region(self, scope_region):
        r = self.state.scenario["region"]
        return scope_region if r == "*" else r

    def _template_from(self, p):
        if p.get("TemplateBody"):
            body = p["TemplateBody"]
        elif p.get("TemplateURL"):
            body = self.engine.read_template_url(p["TemplateURL"])
        else:
            raise E.CfnError("ValidationError", "Either Template URL or Template Body must be specified.")
        try:
            return body, T.load(body)
        except T.TemplateError as e:
            raise E.CfnError("ValidationError", str(e))

    def _params(self, tmpl, p, previous=None):
        given = {}
        for item in _as_list(p.get("Parameters")):
            if not isinstance(item, dict):
                raise E.CfnError("ValidationError", "Invalid Parameters member")
            k = item.get("ParameterKey")
            if item.get("UsePreviousValue") == "true":
                if previous is None or k not in previous:
                    raise E.CfnError("ValidationError", "Invalid input for parameter key %s. Cannot specify usePreviousValue as true for a parameter key not in the previous template" % k)
                given[k] = previous[k]
            else:
                given[k] = item.get("ParameterValue", "")
        try:
            return T.parameter_values(tmpl, given), given
        except T.TemplateError as e:
            raise E.CfnError("ValidationError", str(e))

    def _caps(self, tmpl, p):
        caps = _as_list(p.get("Capabilities"))
        need = _needed_caps(tmpl)
        if need == "CAPABILITY_NAMED_IAM" and need not in caps:
            raise E.CfnError("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]")
        if need == "CAPABILITY_IAM" and not ({"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"} & set(caps)):
            raise E.CfnError("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]")
        return caps

    def _tags(self, p):
        return [{"Key": t.get("Key"), "Value": t.get("Value", "")} for t in _as_list(p.get("Tags")) if isinstance(t, dict)]

    def handle(self, action, p, scope_region):
        fn = getattr(self, "op_" + action, None)
        if fn is None:
            raise E.CfnError("InvalidAction", "The action %s is not valid for this web service." % action)
        with self.engine.lock:
            self.engine.tick()
            return fn(p, scope_region)

    # ------------------------------------------------------------- ops
    def op_CreateStack(self, p, scope_region):
        name = p.get("StackName") or ""
        if not re.fullmatch(r"[a-zA-Z][-a-zA-Z0-9]{0,127}", name):
            raise E.CfnError("ValidationError", "1 validation error detected: Value '%s' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*" % name)
        if self.engine.find(name):
            raise E.CfnError("AlreadyExistsException", "Stack [%s] already exists" % name)
        body, tmpl = self._template_from(p)
        params, given = self._params(tmpl, p)
        caps = self._caps(tmpl, p)
        disable = p.get("DisableRollback") == "true" or p.get("OnFailure") == "DO_NOTHING"
        try:
            s = self.engine.create(name, body, tmpl, params, given, self._tags(p), caps, disable,
                                   self.region(scope_region), self.state.scenario["account_id"],
                                   token=p.get("ClientRequestToken"))
        except T.TemplateError as e:
            raise E.CfnError("ValidationError", str(e))
        s.termination_protection = p.get("EnableTerminationProtection") == "true"
        return {"StackId": s.id}

    def op_UpdateStack(self, p, scope_region):
        s = self.engine.get(p.get("StackName"))
        if p.get("UsePreviousTemplate") == "true":
            body, tmpl = s.body, s.template
        else:
            body, tmpl = self._template_from(p)
        prev = {k: (",".join(v) if isinstance(v, list) else v) for k, v in s.params.items()}
        params, given = self._params(tmpl, p, prev)
        caps = self._caps(tmpl, p)
        tags = self._tags(p) if "Tags" in p else None
        try:
            self.engine.update(s, body, tmpl, params, given, tags, caps, token=p.get("ClientRequestToken"))
        except T.TemplateError as e:
            raise E.CfnError("ValidationError", str(e))
        return {"StackId": s.id}

    def op_DeleteStack(self, p, scope_region):
        s = self.engine.find(p.get("StackName") or "")
        if s is not None:
            if s.termination_protection:
                raise E.CfnError("ValidationError", "Stack [%s] cannot be deleted while TerminationProtection is enabled" % s.name)
            self.engine.delete(s, token=p.get("ClientRequestToken"))
        return {}

    def _stack_out(self, s):
        out = {"StackId": s.id, "StackName": s.name, "CreationTime": E.iso(s.created),
               "StackStatus": s.status, "DisableRollback": s.disable_rollback,
               "NotificationARNs": [], "RollbackConfiguration": {},
               "Tags": s.tags, "EnableTerminationProtection": s.termination_protection,
               "DriftInformation": {"StackDriftStatus": "NOT_CHECKED"}}
        if s.description:
            out["Description"] = s.description
        decl = s.template.get("Parameters") or {}
        out["Parameters"] = [{"ParameterKey": k, "ParameterValue": "****" if (decl.get(k) or {}).get("NoEcho") in (True, "true")
                              else (",".join(v) if isinstance(v, list) else v)} for k, v in s.params.items()]
        if s.updated_time:
            out["LastUpdatedTime"] = E.iso(s.updated_time)
        if s.deleted_time:
            out["DeletionTime"] = E.iso(s.deleted_time)
        if s.reason:
            out["StackStatusReason"] = s.reason
        if s.capabilities:
            out["Capabilities"] = s.capabilities
        if s.outputs and s.status in E.STABLE_OK:
            out["Outputs"] = s.outputs
        if s.parent:
            out["ParentId"], out["RootId"] = s.parent.id, s.root.id
        return out

    def op_DescribeStacks(self, p, scope_region):
        if p.get("StackName"):
            s = self.engine.find(p["StackName"])
            if s is None:
                raise E.CfnError("ValidationError", "Stack with id %s does not exist" % p["StackName"])
            return {"Stacks": [self._stack_out(s)]}
        stacks = [s for s in reversed(self.engine.stacks) if s.status != "DELETE_COMPLETE"]
        page, tok = _cursor_page(stacks, lambda s: -s.seq, p)
        out = {"Stacks": [self._stack_out(s) for s in page]}
        if tok:
            out["NextToken"] = tok
        return out

    def op_ListStacks(self, p, scope_region):
        filt = set(_as_list(p.get("StackStatusFilter")))
        stacks = [s for s in reversed(self.engine.stacks) if not filt or s.status in filt]
        page, tok = _cursor_page(stacks, lambda s: -s.seq, p)
        sums = []
        for s in page:
            d = {"StackId": s.id, "StackName": s.name, "CreationTime": E.iso(s.created),
                 "StackStatus": s.status, "DriftInformation": {"StackDriftStatus": "NOT_CHECKED"}}
            if s.description:
                d["TemplateDescription"] = s.description
            if s.updated_time:
                d["LastUpdatedTime"] = E.iso(s.updated_time)
            if s.deleted_time:
                d["DeletionTime"] = E.iso(s.deleted_time)
            if s.reason:
                d["StackStatusReason"] = s.reason
            if s.parent:
                d["ParentId"], d["RootId"] = s.parent.id, s.root.id
            sums.append(d)
        out = {"StackSummaries": sums}
        if tok:
            out["NextToken"] = tok
        return out

    def op_DescribeStackEvents(self, p, scope_region):
        s = self.engine.get(p.get("StackName"))
        hi = len(s.events)
        if p.get("NextToken"):
            tok = _untoken(p["NextToken"])
            if not isinstance(tok, dict) or tok.get("s") != s.id:
                raise E.CfnError("ValidationError", "Invalid NextToken")
            hi = tok["hi"]
        lo = max(0, hi - 100)
        evs = []
        for ev in reversed(s.events[lo:hi]):
            ev = dict(ev)
            ev["Timestamp"] = E.iso(ev["Timestamp"])
            evs.append(ev)
        out = {"StackEvents": evs}
        if lo > 0:
            out["NextToken"] = _token({"s": s.id, "hi": lo})
        return out

    def _resources(self, s):
        order = list(s.template["Resources"])
        rs = [r for r in s.resources.values() if r.status is not None]
        return sorted(rs, key=lambda r: order.index(r.logical) if r.logical in order else len(order))

    def op_ListStackResources(self, p, scope_region):
        s = self.engine.get(p.get("StackName"))
        order = list(s.template["Resources"])
        rs = self._resources(s)
        page, tok = _cursor_page(rs, lambda r: order.index(r.logical) if r.logical in order else len(order) + r.seq, p)
        items = []
        for r in page:
            d = {"LogicalResourceId": r.logical, "ResourceType": r.type,
                 "LastUpdatedTimestamp": E.iso(r.updated), "ResourceStatus": r.status,
                 "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"}}
            if r.physical:
                d["PhysicalResourceId"] = r.physical
            if r.reason:
                d["ResourceStatusReason"] = r.reason
            items.append(d)
        out = {"StackResourceSummaries": items}
        if tok:
            out["NextToken"] = tok
        return out

    def _res_out(self, s, r, detail=False):
        d = {"StackName": s.name, "StackId": s.id, "LogicalResourceId": r.logical,
             "ResourceType": r.type, "ResourceStatus": r.status,
             "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"}}
        d["LastUpdatedTimestamp" if detail else "Timestamp"] = E.iso(r.updated)
        if r.physical:
            d["PhysicalResourceId"] = r.physical
        if r.reason:
            d["ResourceStatusReason"] = r.reason
        if detail:
            d["Metadata"] = json.dumps(r.definition.get("Metadata") or {})
        return d

    def op_DescribeStackResources(self, p, scope_region):
        if p.get("StackName"):
            s = self.engine.get(p["StackName"])
        elif p.get("PhysicalResourceId"):
            s = None
            for st in self.engine.stacks:
                if any(r.physical == p["PhysicalResourceId"] for r in st.resources.values()):
                    s = st
            if s is None:
                raise E.CfnError("ValidationError", "Stack for %s does not exist" % p["PhysicalResourceId"])
        else:
            raise E.CfnError("ValidationError", "Either StackName or PhysicalResourceId must be specified.")
        rs = self._resources(s)
        if p.get("LogicalResourceId"):
            rs = [r for r in rs if r.logical == p["LogicalResourceId"]]
        return {"StackResources": [self._res_out(s, r) for r in rs[:100]]}

    def op_DescribeStackResource(self, p, scope_region):
        s = self.engine.get(p.get("StackName"))
        r = s.resources.get(p.get("LogicalResourceId") or "")
        if r is None or r.status is None:
            raise E.CfnError("ValidationError", "Resource %s does not exist for stack %s" % (p.get("LogicalResourceId"), s.name))
        return {"StackResourceDetail": self._res_out(s, r, detail=True)}

    def op_GetTemplateSummary(self, p, scope_region):
        if p.get("StackName"):
            tmpl = self.engine.get(p["StackName"]).template
        else:
            _, tmpl = self._template_from(p)
        params = []
        for k, d in (tmpl.get("Parameters") or {}).items():
            d = d or {}
            item = {"ParameterKey": k, "ParameterType": d.get("Type", "String"),
                    "NoEcho": d.get("NoEcho") in (True, "true"), "ParameterConstraints": {}}
            if "Default" in d:
                item["DefaultValue"] = T._strv(d["Default"])
            if d.get("Description"):
                item["Description"] = d["Description"]
            if d.get("AllowedValues"):
                item["ParameterConstraints"] = {"AllowedValues": [T._strv(v) for v in d["AllowedValues"]]}
            params.append(item)
        types = []
        for r in tmpl["Resources"].values():
            if r["Type"] not in types:
                types.append(r["Type"])
        out = {"Parameters": params, "ResourceTypes": types,
               "Version": str(tmpl.get("AWSTemplateFormatVersion", "2010-09-09")),
               "ResourceIdentifierSummaries": []}
        if tmpl.get("Description"):
            out["Description"] = tmpl["Description"]
        need = _needed_caps(tmpl)
        if need:
            out["Capabilities"] = [need]
            out["CapabilitiesReason"] = "The following resource(s) require capabilities: [%s]" % ", ".join(
                sorted({r["Type"] for r in tmpl["Resources"].values() if r["Type"] in IAM_TYPES}))
        if tmpl.get("Metadata"):
            out["Metadata"] = json.dumps(tmpl["Metadata"])
        return out


# ============================================================ XML output

def to_xml(name, value):
    if isinstance(value, list):
        return "<%s>%s</%s>" % (name, "".join(to_xml("member", v) for v in value), name)
    if isinstance(value, dict):
        if name == "MetricDimensions":
            pass
        return "<%s>%s</%s>" % (name, "".join(to_xml(k, v) for k, v in value.items()), name)
    if isinstance(value, bool):
        value = "true" if value else "false"
    return "<%s>%s</%s>" % (name, escape(str(value)), name)


# ============================================================ signatures

def check_signature(headers, method, path, body, service, scenario):
    """Return None if the SigV4 signature is right, else an AwsError."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.compat import HTTPHeaders
    from botocore.credentials import Credentials

    json_proto = service != "cloudformation"
    bad_sig = "InvalidSignatureException" if json_proto else "SignatureDoesNotMatch"
    auth = headers.get("Authorization")
    if not auth:
        if json_proto:
            return AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 400)
        return AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
    m = re.match(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request,\s*"
                 r"SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$", auth.strip())
    if not m:
        return AwsError("IncompleteSignatureException" if json_proto else "IncompleteSignature",
                        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", 400 if json_proto else 403)
    akid, date, region, svc, signed, sig = m.groups()
    keys = dict(KNOWN_KEYS)
    keys.update(scenario.get("credentials") or {})
    if akid not in keys:
        if json_proto:
            return AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400)
        return AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403)
    want_region = scenario.get("region")
    if want_region not in (None, "*") and region != want_region:
        return AwsError(bad_sig, "Credential should be scoped to a valid region. ", 403)
    if svc != SIGNING_NAME[service]:
        return AwsError(bad_sig, "Credential should be scoped to correct service: '%s'. " % SIGNING_NAME[service], 403)
    amz_date = headers.get("X-Amz-Date")
    if not amz_date or not amz_date.startswith(date):
        return AwsError(bad_sig, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'." % (date, (amz_date or "")[:8], amz_date), 403)
    try:
        ts = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return AwsError(bad_sig, "Invalid X-Amz-Date '%s'" % amz_date, 403)
    skew = float(scenario.get("max_clock_skew") or 900)
    now = datetime.now(timezone.utc)
    if abs((now - ts).total_seconds()) > skew:
        f = "%Y%m%dT%H%M%SZ"
        if ts < now:
            msg = "Signature expired: %s is now earlier than %s (%s - %d min.)" % (
                amz_date, (now - timedelta(seconds=skew)).strftime(f), now.strftime(f), skew // 60)
        else:
            msg = "Signature not yet current: %s is still later than %s (%s + %d min.)" % (
                amz_date, (now + timedelta(seconds=skew)).strftime(f), now.strftime(f), skew // 60)
        return AwsError(bad_sig, msg, 403)
    signed_list = signed.split(";")
    if "host" not in signed_list:
        return AwsError(bad_sig, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", 403)

    class Verifier(SigV4Auth):
        def headers_to_sign(self, request):
            h = HTTPHeaders()
            for name in signed_list:
                for v in headers.get_all(name) or []:
                    h[name] = v
            return h

    req = AWSRequest(method=method, url="http://%s%s" % (headers.get("Host", "localhost"), path),
                     data=body, headers={})
    req.context["timestamp"] = amz_date
    v = Verifier(Credentials(akid, keys[akid]), svc, region)
    canonical = v.canonical_request(req)
    expected = v.signature(v.string_to_sign(req, canonical), req)
    if expected != sig:
        return AwsError(bad_sig, "The request signature we calculated does not match the signature you provided. "
                        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", 403)
    return None


# ================================================================ server

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "liftoff-doubles"
    state = None

    def log_message(self, fmt, *args):
        if os.environ.get("DOUBLES_VERBOSE"):
            sys.stderr.write("doubles: " + (fmt % args) + "\n")

    def _send(self, status, body, ctype, extra=None):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._dispatch(b"")

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self._dispatch(self.rfile.read(n) if n else b"")

    def _dispatch(self, body):
        url = urlsplit(self.path)
        if url.path.startswith("/_double/"):
            return self._control(url, body)
        rid = str(uuid.uuid4())
        target = self.headers.get("X-Amz-Target")
        if target:
            prefix, _, op = target.partition(".")
            service = TARGETS.get(prefix)
            if service is None:
                return self._json_error(AwsError("UnknownOperationException", None), rid)
            return self._aws(service, op, body, rid, json_proto=True)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        if body and "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
            params.update(parse_qsl(body.decode(), keep_blank_values=True))
        if "Action" not in params:
            return self._xml_error(AwsError("MissingAction", "Missing Action"), rid)
        return self._aws("cloudformation", params["Action"], body, rid, json_proto=False, params=params)

    def _aws(self, service, op, body, rid, json_proto, params=None):
        st = self.state
        sc = st.scenario
        err_out = self._json_error if json_proto else self._xml_error
        err = check_signature(self.headers, self.command, self.path, body, service, sc)
        if err is None and sc.get("expired_credentials"):
            err = AwsError("ExpiredTokenException" if json_proto else "ExpiredToken",
                           "The security token included in the request is expired", 400 if json_proto else 403)
        if err:
            self._log(service, op, err.code)
            return err_out(err, rid)
        with st.lock:
            st.counter += 1
            n, pct = st.counter, float(sc.get("throttle_percent") or 0)
            svcs = sc.get("throttle_services")
        if pct > 0 and (not svcs or service in svcs) and int(n * pct / 100) > int((n - 1) * pct / 100):
            self._log(service, op, "Throttling")
            if json_proto:
                return err_out(AwsError("ThrottlingException", "Rate exceeded"), rid)
            return err_out(AwsError("Throttling", "Rate exceeded"), rid)
        try:
            if json_proto:
                try:
                    req = json.loads(body or b"{}")
                except ValueError:
                    raise AwsError("SerializationException", "Start of structure or map found where not expected.")
                fn = license_manager if service == "license-manager" else service_quotas
                out = fn(st, op, req)
                self._log(service, op, 200)
                return self._send(200, json.dumps(out), "application/x-amz-json-1.1", {"x-amzn-RequestId": rid})
            m = re.match(r"AWS4-HMAC-SHA256 Credential=[^/]+/\d{8}/([^/]+)/", self.headers.get("Authorization", ""))
            p = unflatten({k: v for k, v in params.items() if k not in ("Action", "Version")})
            out = Cfn(st).handle(op, p, m.group(1) if m else "us-east-1")
            inner = "".join(to_xml(k, v) for k, v in out.items())
            xml = ('<%sResponse xmlns="%s">\n  <%sResult>%s</%sResult>\n  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>\n</%sResponse>\n'
                   % (op, CFN_NS, op, inner, op, rid, op))
            self._log(service, op, 200)
            return self._send(200, xml, "text/xml", {"x-amzn-RequestId": rid})
        except E.CfnError as e:
            self._log(service, op, e.code)
            return self._xml_error(AwsError(e.code, e.message, e.status), rid)
        except AwsError as e:
            self._log(service, op, e.code)
            return err_out(e, rid)
        except Exception as e:  # a bug in the double: say so loudly, as a 500
            import traceback
            traceback.print_exc()
            self._log(service, op, "InternalFailure")
            return err_out(AwsError("InternalFailure" if not json_proto else "ServiceException" if service == "servicequotas" else "ServerInternalException",
                                    "double bug: %s" % e, 500, sender=False), rid)

    def _log(self, service, op, result):
        with self.state.lock:
            self.state.calls.append({"time": time.time(), "service": service, "operation": op, "result": result})

    def _json_error(self, e, rid):
        body = {"__type": e.code}
        if e.message is not None:
            body["message"] = e.message
        return self._send(e.status, json.dumps(body), "application/x-amz-json-1.1",
                          {"x-amzn-RequestId": rid, "x-amzn-ErrorType": e.code})

    def _xml_error(self, e, rid):
        xml = ('<ErrorResponse xmlns="%s">\n  <Error>\n    <Type>%s</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n'
               % (CFN_NS, "Sender" if e.sender else "Receiver", escape(e.code), escape(e.message or ""), rid))
        return self._send(e.status, xml, "text/xml", {"x-amzn-RequestId": rid})

    def _control(self, url, body):
        st = self.state
        path = url.path
        q = dict(parse_qsl(url.query))
        try:
            if path == "/_double/health":
                return self._send(200, "ok\n", "text/plain")
            if path == "/_double/scenario" and self.command == "GET":
                return self._send(200, json.dumps(st.scenario, indent=2), "application/json")
            if path == "/_double/scenario":
                sc = yaml.safe_load(body.decode() or "{}") or {}
                if not isinstance(sc, dict):
                    raise ValueError("scenario must be a mapping")
                st.set_scenario(sc, merge=q.get("merge") in ("1", "true"))
                return self._send(200, json.dumps(st.scenario), "application/json")
            if path == "/_double/reset":
                with st.engine.lock:
                    st.engine.reset()
                st.calls = []
                st.set_scenario(dict(st.scenario))
                return self._send(200, "{}", "application/json")
            if path == "/_double/calls":
                with st.lock:
                    return self._send(200, json.dumps(st.calls), "application/json")
            if path == "/_double/licenses":
                with st.lock:
                    return self._send(200, json.dumps({"licenses": st.licenses, "grants": st.grants}), "application/json")
        except (ValueError, yaml.YAMLError) as e:
            return self._send(400, json.dumps({"error": str(e)}), "application/json")
        return self._send(404, json.dumps({"error": "no such control path %s" % path}), "application/json")


def load_scenario(path):
    with open(path) as f:
        sc = yaml.safe_load(f) or {}
    if not isinstance(sc, dict):
        raise SystemExit("scenario %s: not a mapping" % path)
    return sc


def main(argv=None):
    ap = argparse.ArgumentParser(description="liftoff AWS doubles (License Manager, Service Quotas, CloudFormation)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    ap.add_argument("--port-file", help="write the bound port here once listening")
    ap.add_argument("--scenario", help="scenario file (JSON or YAML)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="override one scenario key, e.g. --set eip_quota=2")
    a = ap.parse_args(argv)
    sc = load_scenario(a.scenario) if a.scenario else {}
    for kv in a.set:
        k, _, v = kv.partition("=")
        sc[k] = yaml.safe_load(v)
    Handler.state = State(sc)
    httpd = ThreadingHTTPServer((a.host, a.port), Handler)
    httpd.daemon_threads = True
    Handler.state.engine.start()
    port = httpd.server_address[1]
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, a.port_file)
    sys.stderr.write("doubles: listening on http://%s:%d\n" % (a.host, port))
    try:
        httpd.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        Handler.state.engine.stop()
        httpd.server_close()


if __name__ == "__main__":
    main()
