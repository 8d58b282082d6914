# cfn_engine.py - a CloudFormation double whose stacks progress over time.
#
# Design: every stack operation (create, update, delete and the two kinds of
# rollback) is a *phase*: a set of tasks, one per resource, each waiting for
# the tasks it depends on (DependsOn, Ref, GetAtt, Sub; reversed for
# deletions).  A ticker thread (and every API call) runs Engine.tick(), which
# starts tasks whose dependencies are done and finishes tasks whose due time
# has passed, writing events with server timestamps as it goes.  Independent
# resources therefore progress in parallel.  A failing task cancels the
# running ones and moves the stack into the rollback phase the way AWS does.
# Nested stacks (AWS::CloudFormation::Stack) are real child stacks driven by
# the same engine; the parent task waits on the child's terminal status.
# All state sits behind one lock; the API layer (Api class) turns requests
# into engine calls and returns plain dicts that the server serialises.

import base64
import copy
import fnmatch
import hashlib
import json
import os
import random
import threading
import time
import uuid
from datetime import datetime, timezone

import cfn_template as T


class CfnError(Exception):
    def __init__(self, code, message, status=400):
        Exception.__init__(self, message)
        self.code, self.message, self.status = code, message, status


def iso(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _hex(n, seed=None):
    return (hashlib.sha1((seed or uuid.uuid4().hex).encode()).hexdigest() * 2)[:n]


def _suffix(n=12):
    return "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(n))


# Types whose physical id looks like "<prefix>-<17 hex>".
_ID_PREFIX = {
    "AWS::EC2::VPC": "vpc", "AWS::EC2::Subnet": "subnet", "AWS::EC2::SecurityGroup": "sg",
    "AWS::EC2::InternetGateway": "igw", "AWS::EC2::NatGateway": "nat",
    "AWS::EC2::RouteTable": "rtb", "AWS::EC2::VPCEndpoint": "vpce",
    "AWS::EC2::NetworkAcl": "acl", "AWS::EC2::LaunchTemplate": "lt",
    "AWS::EC2::FlowLog": "fl",
}

_SERVICE = {"EC2": "Ec2", "RDS": "Rds", "S3": "S3", "KMS": "Kms", "SQS": "Sqs", "ECS": "Ecs",
            "ECR": "Ecr", "IAM": "Iam", "ElasticLoadBalancingV2": "ElasticLoadBalancingV2",
            "CloudWatch": "CloudWatch", "Logs": "CloudWatchLogs", "SecretsManager": "SecretsManager"}


# A change of these properties replaces the resource (new physical id).
NAME_PROPS = {
    "AWS::S3::Bucket": "BucketName", "AWS::SQS::Queue": "QueueName",
    "AWS::ECR::Repository": "RepositoryName", "AWS::ECS::Cluster": "ClusterName",
    "AWS::ECS::Service": "ServiceName", "AWS::IAM::Role": "RoleName",
    "AWS::RDS::DBCluster": "DBClusterIdentifier", "AWS::RDS::DBInstance": "DBInstanceIdentifier",
    "AWS::SecretsManager::Secret": "Name", "AWS::CloudWatch::Alarm": "AlarmName",
    "AWS::Logs::LogGroup": "LogGroupName", "AWS::SSM::Parameter": "Name",
    "AWS::KMS::Alias": "AliasName", "AWS::ElasticLoadBalancingV2::LoadBalancer": "Name",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "Name",
}


def default_failure(rtype):
    rid = str(uuid.uuid4())
    if rtype == "AWS::EC2::EIP":
        return ("The maximum number of addresses has been reached. "
                "(Service: Ec2, Status Code: 400, Request ID: %s)" % rid)
    svc = _SERVICE.get(rtype.split("::")[1] if rtype.count("::") == 2 else "", "CloudFormation")
    return ('Resource handler returned message: "Simulated failure creating %s '
            '(Service: %s, Status Code: 400, Request ID: %s)" (RequestToken: %s, '
            'HandlerErrorCode: GeneralServiceException)' % (rtype, svc, rid, uuid.uuid4()))


TERMINAL = {"CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED",
            "DELETE_COMPLETE", "DELETE_FAILED", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "UPDATE_ROLLBACK_FAILED"}
STABLE_OK = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"}


_SEQ = [0]


def _next_seq():
    _SEQ[0] += 1
    return _SEQ[0]


class Resource:
    def __init__(self, logical, rtype, definition):
        self.seq = _next_seq()
        self.logical, self.type, self.definition = logical, rtype, definition
        self.physical = None
        self.status = None
        self.reason = None
        self.updated = time.time()
        self.props = {}
        self.attrs = {}
        self.child = None          # child stack id for nested stacks
        self.replaced = None       # old physical id while an update replaces it


class Task:
    def __init__(self, logical, action, deps):
        self.logical, self.action, self.deps = logical, action, set(deps)
        self.state = "pending"     # pending / running / done / failed
        self.due = None
        self.fail = None


class Stack:
    def __init__(self, engine, name, region, account, parent=None):
        self.seq = _next_seq()
        self.engine = engine
        self.name = name
        self.id = "arn:aws:cloudformation:%s:%s:stack/%s/%s" % (region, account, name, uuid.uuid4())
        self.region, self.account = region, account
        self.parent = parent       # parent Stack or None
        self.root = parent.root if parent else self
        self.created = time.time()
        self.updated_time = None
        self.deleted_time = None
        self.status = None
        self.reason = None
        self.events = []           # oldest first
        self._event_ids = set()
        self.resources = {}        # logical -> Resource (current template)
        self.template = None
        self.body = None
        self.params = {}
        self.given_params = {}
        self.tags = []
        self.capabilities = []
        self.disable_rollback = False
        self.outputs = []
        self.phase = None
        self.tasks = {}
        self.old = None            # (template, body, params, resources) kept during an update
        self.failed_logicals = []
        self.token = None
        self.description = None
        self.termination_protection = False
        self.reason_for_parent = None
        self.removed = []
        self.added = []

    # ------------------------------------------------------------ events
    def event(self, logical, rtype, status, physical=None, reason=None, props=None):
        now = time.time()
        if logical == self.name and rtype == "AWS::CloudFormation::Stack":
            eid = str(uuid.uuid4())
        else:
            eid = "%s-%s-%s" % (logical, status, iso(now))
            n = 1
            while eid in self._event_ids:
                eid = "%s-%s-%s-%d" % (logical, status, iso(now), n)
                n += 1
        self._event_ids.add(eid)
        ev = {"StackId": self.id, "EventId": eid, "StackName": self.name,
              "LogicalResourceId": logical, "PhysicalResourceId": physical if physical is not None else "",
              "ResourceType": rtype, "Timestamp": now, "ResourceStatus": status}
        if reason:
            ev["ResourceStatusReason"] = reason
        if props is not None:
            ev["ResourceProperties"] = json.dumps(props, separators=(",", ":"))
        if self.token:
            ev["ClientRequestToken"] = self.token
        self.events.append(ev)

    def set_status(self, status, reason=None):
        self.status, self.reason = status, reason
        self.event(self.name, "AWS::CloudFormation::Stack", status, self.id, reason)

    # --------------------------------------------------------- evaluation
    def pseudo(self):
        return {"AWS::Region": self.region, "AWS::AccountId": self.account,
                "AWS::StackName": self.name, "AWS::StackId": self.id,
                "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com",
                "AWS::NotificationARNs": []}

    def context(self, template, params, resources):
        def ref(lid):
            r = resources.get(lid)
            if r is None:
                raise T.TemplateError("Template format error: Unresolved resource dependencies [%s] in the Resources block of the template" % lid)
            return r.physical or self.engine.fake_physical(self, r)

        def att(lid, name):
            r = resources.get(lid)
            if r is None:
                raise T.TemplateError("Template error: instance of Fn::GetAtt references undefined resource %s" % lid)
            if r.physical is None:
                r.physical = self.engine.fake_physical(self, r)
            return self.engine.fake_attr(self, r, name)

        ctx = T.Context(params, self.pseudo(), resolve_ref=ref, resolve_att=att,
                        mappings=template.get("Mappings"), imports=self.engine.exports())
        T.eval_condition_set(template, ctx)
        return ctx

    def present(self, template, ctx):
        return [lid for lid, r in template["Resources"].items()
                if not r.get("Condition") or ctx.conditions.get(r["Condition"], False)]

    def compute_outputs(self):
        ctx = self.context(self.template, self.params, self.resources)
        outs = []
        for key, o in (self.template.get("Outputs") or {}).items():
            if o.get("Condition") and not ctx.conditions.get(o["Condition"]):
                continue
            try:
                value = T._strv(T.evaluate(o.get("Value"), ctx))
            except Exception as e:  # CFN would have refused the template; do not wedge the stack
                import sys
                sys.stderr.write("doubles: stack %s: output %s: %s\n" % (self.name, key, e))
                continue
            item = {"OutputKey": key, "OutputValue": value}
            if o.get("Description"):
                item["Description"] = o["Description"]
            if o.get("Export"):
                item["ExportName"] = T._strv(T.evaluate(o["Export"].get("Name"), ctx))
            outs.append(item)
        self.outputs = outs


class Engine:
    def __init__(self, scenario_getter):
        self.lock = threading.RLock()
        self.stacks = []           # every stack ever made, deleted ones included
        self.scenario = scenario_getter
        self._stop = threading.Event()
        self._thread = None

    # ------------------------------------------------------------ ticker
    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()

    def _run(self):
        while not self._stop.wait(0.01):
            try:
                self.tick()
            except Exception:  # keep the ticker alive; errors show in tests
                import traceback
                traceback.print_exc()

    def reset(self):
        with self.lock:
            self.stacks = []

    # ----------------------------------------------------------- lookups
    def find(self, name_or_id, include_deleted=False):
        for s in reversed(self.stacks):
            if name_or_id == s.id:
                return s
            if name_or_id == s.name and (s.status != "DELETE_COMPLETE" or include_deleted):
                return s
        return None

    def get(self, name_or_id):
        s = self.find(name_or_id)
        if s is None:
            raise CfnError("ValidationError", "Stack with id %s does not exist" % name_or_id)
        return s

    def exports(self):
        out = {}
        for s in self.stacks:
            if s.status in STABLE_OK or (s.status or "").startswith("UPDATE"):
                for o in s.outputs:
                    if o.get("ExportName"):
                        out[o["ExportName"]] = o["OutputValue"]
        return out

    # -------------------------------------------------------- fake values
    def fake_physical(self, stack, r):
        t, p = r.type, r.props or {}
        lid, region, acct = r.logical, stack.region, stack.account
        seed = stack.id + lid
        short = ("%s-%s" % (stack.name, lid))[:40]
        if t in _ID_PREFIX:
            return "%s-%s" % (_ID_PREFIX[t], _hex(17, seed))
        if t == "AWS::EC2::EIP":
            h = hashlib.sha1(seed.encode()).digest()
            return "52.%d.%d.%d" % (h[0] % 200 + 16, h[1], h[2] % 250 + 1)
        if t == "AWS::S3::Bucket":
            return p.get("BucketName") or ("%s-%s" % (short.lower(), _hex(12, seed)))[:63]
        if t == "AWS::KMS::Key":
            return str(uuid.UUID(_hex(32, seed)))
        if t == "AWS::KMS::Alias":
            return p.get("AliasName", "alias/" + short)
        if t == "AWS::SQS::Queue":
            return "https://sqs.%s.amazonaws.com/%s/%s" % (region, acct, p.get("QueueName") or short + "-" + _hex(12, seed).upper())
        if t in ("AWS::ECR::Repository",):
            return p.get("RepositoryName") or short.lower()
        if t == "AWS::ECS::Cluster":
            return p.get("ClusterName") or short + "-" + _suffix()
        if t == "AWS::ECS::Service":
            return "arn:aws:ecs:%s:%s:service/%s/%s" % (region, acct, "spacelift", p.get("ServiceName") or short)
        if t == "AWS::ECS::TaskDefinition":
            return "arn:aws:ecs:%s:%s:task-definition/%s:1" % (region, acct, p.get("Family") or short)
        if t == "AWS::ElasticLoadBalancingV2::LoadBalancer":
            return "arn:aws:elasticloadbalancing:%s:%s:loadbalancer/app/%s/%s" % (region, acct, p.get("Name") or lid[:32], _hex(16, seed))
        if t == "AWS::ElasticLoadBalancingV2::TargetGroup":
            return "arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s" % (region, acct, p.get("Name") or lid[:32], _hex(16, seed))
        if t == "AWS::ElasticLoadBalancingV2::Listener":
            return "arn:aws:elasticloadbalancing:%s:%s:listener/app/%s/%s/%s" % (region, acct, lid[:32], _hex(16, seed), _hex(16, seed + "l"))
        if t in ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::InstanceProfile"):
            return p.get("RoleName") or short + "-" + _suffix()
        if t == "AWS::RDS::DBCluster":
            return (p.get("DBClusterIdentifier") or short.lower() + "-" + _hex(12, seed))
        if t == "AWS::RDS::DBInstance":
            return (p.get("DBInstanceIdentifier") or short.lower() + "-" + _hex(12, seed))
        if t == "AWS::SecretsManager::Secret":
            return "arn:aws:secretsmanager:%s:%s:secret:%s-%s" % (region, acct, p.get("Name") or short, _hex(6, seed))
        if t in ("AWS::CloudWatch::Alarm",):
            return p.get("AlarmName") or short + "-" + _suffix()
        if t in ("AWS::Logs::LogGroup",):
            return p.get("LogGroupName") or short + "-" + _suffix()
        if t == "AWS::SNS::Subscription":
            return "%s:%s" % (p.get("TopicArn", "arn:aws:sns:%s:%s:topic" % (region, acct)), uuid.uuid4())
        if t == "AWS::SSM::Parameter":
            return p.get("Name") or "CFN-%s-%s" % (lid, _suffix())
        if t == "AWS::CloudFormation::Stack":
            return r.child or ""
        return "%s-%s" % (short, _suffix())

    def fake_attr(self, stack, r, name):
        t, phys, region, acct = r.type, r.physical, stack.region, stack.account
        if name in r.attrs:
            return r.attrs[name]
        if t == "AWS::CloudFormation::Stack" and name.startswith("Outputs."):
            child = self.find(r.child) if r.child else None
            key = name.split(".", 1)[1]
            for o in (child.outputs if child else []):
                if o["OutputKey"] == key:
                    return o["OutputValue"]
            return ""
        if name == "DNSName" and t == "AWS::ElasticLoadBalancingV2::LoadBalancer":
            lbname = (r.props or {}).get("Name") or "spacelift-server"
            digits = "%010d" % (int(_hex(10, stack.id + r.logical), 16) % 10**10)
            return "%s-%s.%s.elb.amazonaws.com" % (lbname, digits, region)
        if name == "CanonicalHostedZoneID":
            return "Z32O12XQLNTSW2"
        if name in ("Arn", "KeyArn", "TopicArn", "QueueArn", "RoleArn", "LoadBalancerArn"):
            svc = {"AWS::KMS::Key": ("kms", "key/"), "AWS::SQS::Queue": ("sqs", ""),
                   "AWS::IAM::Role": ("iam", "role/"), "AWS::S3::Bucket": ("s3", ""),
                   "AWS::ECR::Repository": ("ecr", "repository/"),
                   "AWS::ECS::Cluster": ("ecs", "cluster/")}.get(t)
            if t == "AWS::SQS::Queue":
                return "arn:aws:sqs:%s:%s:%s" % (region, acct, phys.rsplit("/", 1)[-1])
            if t == "AWS::S3::Bucket":
                return "arn:aws:s3:::%s" % phys
            if t == "AWS::IAM::Role":
                return "arn:aws:iam::%s:role/%s" % (acct, phys)
            if svc:
                return "arn:aws:%s:%s:%s:%s%s" % (svc[0], region, acct, svc[1], phys)
            return phys if phys.startswith("arn:") else "arn:aws:%s:%s:%s:%s" % (t.split("::")[1].lower(), region, acct, phys)
        if name == "RepositoryUri":
            return "%s.dkr.ecr.%s.amazonaws.com/%s" % (acct, region, phys)
        if name == "QueueName":
            return phys.rsplit("/", 1)[-1]
        if name == "QueueUrl":
            return phys
        if name in ("Endpoint.Address", "ReadEndpoint.Address"):
            return "%s.cluster-%s.%s.rds.amazonaws.com" % (phys, _hex(12, phys), region)
        if name == "Endpoint.Port":
            return "5432"
        if name == "AllocationId":
            return "eipalloc-" + _hex(17, phys)
        if name == "PublicIp":
            return phys
        if name == "GroupId":
            return phys
        if name == "VpcId":
            return (r.props or {}).get("VpcId", "vpc-" + _hex(17, phys))
        if name == "DomainName" or name == "RegionalDomainName":
            return "%s.s3.%s.amazonaws.com" % (phys, region)
        if name == "CidrBlock":
            return (r.props or {}).get("CidrBlock", "10.0.0.0/16")
        if name == "KeyId":
            return phys
        if name == "Name":
            p = r.props or {}
            return p.get("Name") or p.get("ServiceName") or p.get("QueueName") or phys.rsplit("/", 1)[-1]
        if name == "LatestVersionNumber":
            return "1"
        return "%s-%s" % (phys, name)

    # ------------------------------------------------------- operations
    def _delay(self, stack, r, action):
        sc = self.scenario()
        delays = sc.get("delays") or {}
        root = stack.root.name
        for key in ("%s/%s" % (stack.name, r.logical), "%s/%s" % (root, r.logical), r.logical, r.type):
            if key in delays:
                d = float(delays[key])
                break
        else:
            d = float(sc.get("delay_default", 0.05))
        if action == "delete":
            d *= float(sc.get("delete_factor", 0.5))
        return d * float(sc.get("delay_scale", 1.0))

    def _eips_exhausted(self):
        """eip_from_moto: are moto's addresses plus ours at the quota?"""
        sc = self.scenario()
        url = sc.get("moto_url") or os.environ.get("AWS_ENDPOINT_URL")
        if not url:
            return False
        try:
            import botocore.session
            if getattr(self, "_ec2", None) is None or self._ec2_url != url:
                sess = botocore.session.get_session()
                self._ec2 = sess.create_client("ec2", region_name=sc.get("region") if sc.get("region") != "*" else "us-east-1",
                                               endpoint_url=url, aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                               aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                self._ec2_url = url
            in_moto = len(self._ec2.describe_addresses().get("Addresses", []))
        except Exception as e:  # moto not reachable: say so in the server log, do not fail
            import sys
            sys.stderr.write("doubles: eip_from_moto: cannot ask moto at %s: %s\n" % (url, e))
            return False
        ours = sum(1 for st in self.stacks for x in st.resources.values()
                   if x.type == "AWS::EC2::EIP" and x.status and x.status.startswith(("CREATE_IN", "CREATE_COMPLETE", "UPDATE")))
        return in_moto + ours > float(sc.get("eip_quota") or 0)

    def _failure(self, stack, r, action):
        meta = (r.definition.get("Metadata") or {}).get("LiftoffDouble") or {}
        if isinstance(meta, dict) and meta.get("Fail") and action in ("create", "update"):
            when = meta.get("FailOn")
            if not when or when == action:
                f = meta["Fail"]
                return f if isinstance(f, str) else default_failure(r.type)
        if r.type == "AWS::EC2::EIP" and action == "create" and self.scenario().get("eip_from_moto") \
                and self._eips_exhausted():
            return default_failure(r.type)
        for f in self.scenario().get("fail") or []:
            if f.get("action") and f["action"] != action:
                continue
            if not f.get("action") and action not in ("create", "update"):
                continue
            if f.get("stack") and not (fnmatch.fnmatchcase(stack.name, f["stack"]) or
                                       fnmatch.fnmatchcase(stack.root.name, f["stack"])):
                continue
            if f.get("logical_id") and f["logical_id"] != r.logical:
                continue
            if f.get("type") and f["type"] != r.type:
                continue
            if not (f.get("logical_id") or f.get("type")):
                continue
            return f.get("reason") or default_failure(r.type)
        return None

    def create(self, name, body, template, params, given, tags, caps, disable_rollback,
               region, account, parent=None, token=None, description=None):
        s = Stack(self, name, region, account, parent)
        s.body, s.template, s.params, s.given_params = body, template, params, given
        s.tags, s.capabilities, s.disable_rollback, s.token = tags, caps, disable_rollback, token
        s.description = template.get("Description")
        ctx = s.context(template, params, s.resources)
        present = s.present(template, ctx)
        self.stacks.append(s)
        s.set_status("CREATE_IN_PROGRESS", None if parent else "User Initiated")
        for lid in present:
            d = template["Resources"][lid]
            s.resources[lid] = Resource(lid, d["Type"], d)
        s.phase = "create"
        s.tasks = {lid: Task(lid, "create", T.dependencies(template, lid, set(present))) for lid in present}
        return s

    def update(self, s, body, template, params, given, tags, caps, token=None):
        if s.status not in STABLE_OK:
            raise CfnError("ValidationError", "Stack:%s is in %s state and can not be updated." % (s.id, s.status))
        if json.dumps(template, sort_keys=True, default=str) == json.dumps(s.template, sort_keys=True, default=str) \
                and params == s.params and (tags is None or tags == s.tags):
            raise CfnError("ValidationError", "No updates are to be performed.")
        ctx = s.context(template, params, s.resources)
        present = s.present(template, ctx)
        s.old = (s.template, s.body, s.params, copy.copy(s.resources),
                 {k: (r.definition, dict(r.props), r.physical) for k, r in s.resources.items()})
        s.body, s.template, s.params, s.given_params = body, template, params, given
        if tags is not None:
            s.tags = tags
        s.capabilities, s.token = caps, token
        s.description = template.get("Description")
        s.updated_time = time.time()
        s.set_status("UPDATE_IN_PROGRESS", None if s.parent else "User Initiated")
        changed_params = {k for k in set(params) | set(s.old[2]) if params.get(k) != s.old[2].get(k)}
        tasks = {}
        for lid in present:
            d = template["Resources"][lid]
            deps = T.dependencies(template, lid, set(present))
            if lid not in s.resources:
                s.resources[lid] = Resource(lid, d["Type"], d)
                tasks[lid] = Task(lid, "create", deps)
            else:
                r = s.resources[lid]
                olddef = r.definition
                refs = T.references(d.get("Properties", {}))
                if (json.dumps(olddef, sort_keys=True, default=str) != json.dumps(d, sort_keys=True, default=str)
                        or refs & changed_params or d["Type"] == "AWS::CloudFormation::Stack"):
                    r.definition = d
                    tasks[lid] = Task(lid, "update", deps)
                else:
                    r.definition = d
                    tasks[lid] = Task(lid, "noop", deps)
        s.removed = [lid for lid in list(s.resources) if lid not in present]
        s.phase = "update"
        s.tasks = tasks
        return s

    def delete(self, s, token=None):
        if s.status == "DELETE_COMPLETE" or (s.status or "").startswith("DELETE_IN"):
            return
        s.token = token
        if s.phase == "create":
            # AWS cancels a creation in progress and deletes what exists
            now = time.time()
            for t in s.tasks.values():
                if t.state == "running":
                    r = s.resources[t.logical]
                    if r.type == "AWS::CloudFormation::Stack" and r.child:
                        child = self.find(r.child)
                        if child and child.phase:
                            self._cancel_child(child)
                    r.status, r.reason, r.updated = "CREATE_FAILED", "Resource creation cancelled", now
                    s.event(r.logical, r.type, "CREATE_FAILED", r.physical, "Resource creation cancelled")
        elif s.phase:
            raise CfnError("ValidationError", "Stack [%s] cannot be deleted while in status %s" % (s.name, s.status))
        s.set_status("DELETE_IN_PROGRESS", None if s.parent else "User Initiated")
        self._start_delete_phase(s, "delete", list(s.resources))

    def _start_delete_phase(self, s, phase, logicals):
        live = [l for l in logicals if s.resources[l].status not in (None, "DELETE_COMPLETE")]
        liveset = set(live)
        deps = {l: set() for l in live}
        for l in live:
            tmpl = s.template if l in s.template["Resources"] else (s.old[0] if s.old else s.template)
            if l not in tmpl["Resources"]:
                continue
            for d in T.dependencies(tmpl, l, liveset):
                deps[d].add(l)   # d is deleted after l
        s.phase = phase
        s.tasks = {l: Task(l, "delete", deps[l]) for l in live}

    # ------------------------------------------------------------- tick
    def tick(self):
        with self.lock:
            now = time.time()
            for s in list(self.stacks):
                if s.phase:
                    try:
                        self._tick_stack(s, now)
                    except Exception as e:  # a double bug: fail this stack loudly, keep the others going
                        import traceback
                        traceback.print_exc()
                        s.phase, s.tasks = None, {}
                        s.set_status("CREATE_FAILED" if s.status.startswith("CREATE") else "UPDATE_ROLLBACK_FAILED"
                                     if s.status.startswith("UPDATE") else "DELETE_FAILED" if s.status.startswith("DELETE")
                                     else "ROLLBACK_FAILED", "liftoff double internal error: %s" % e)

    def _tick_stack(self, s, now):
        progressed = True
        while progressed and s.phase:
            progressed = False
            for t in list(s.tasks.values()):
                if t.state == "running" and self._task_finished(s, t, now):
                    progressed = True
                if s.phase is None:
                    return
            if any(t.state == "failed" for t in s.tasks.values()) and s.phase in ("create", "update"):
                self._fail(s)
                progressed = True
                continue
            for t in s.tasks.values():
                if t.state == "pending" and all(s.tasks[d].state == "done" for d in t.deps if d in s.tasks):
                    self._start_task(s, t, now)
                    progressed = True
            if all(t.state == "done" for t in s.tasks.values()):
                self._phase_done(s)
                progressed = True

    def _start_task(self, s, t, now):
        r = s.resources[t.logical]
        t.state = "running"
        if t.action == "noop":
            t.state = "done"
            return
        if t.action in ("create", "update", "revert"):
            try:
                ctx = s.context(s.template, s.params, s.resources)
                props = T.evaluate(r.definition.get("Properties") or {}, ctx)
            except (T.TemplateError, KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
                if not isinstance(e, T.TemplateError):
                    e = "Template error: cannot resolve the properties of %s (%s: %s)" % (r.logical, type(e).__name__, e)
                t.state, t.fail = "failed", str(e)
                r.status, r.reason = ("CREATE_FAILED" if t.action == "create" else "UPDATE_FAILED"), str(e)
                s.event(r.logical, r.type, r.status, r.physical, r.reason)
                return
            if t.action == "create":
                r.props = props
                s.event(r.logical, r.type, "CREATE_IN_PROGRESS", "", None, props)
                if r.type != "AWS::CloudFormation::Stack":
                    r.physical = self.fake_physical(s, r)
                else:
                    try:
                        self._nested_create(s, r, props)
                    except (T.TemplateError, CfnError) as e:
                        t.state = "failed"
                        self._finish_fail(s, t, r, now, str(e))
                        return
                r.status, r.reason, r.updated = "CREATE_IN_PROGRESS", "Resource creation Initiated", now
                s.event(r.logical, r.type, "CREATE_IN_PROGRESS", r.physical, "Resource creation Initiated", props)
            else:
                reason = None
                key = NAME_PROPS.get(r.type)
                if t.action == "revert" and r.replaced:
                    r.discard = r.physical          # deleted in the rollback cleanup
                    r.physical, r.replaced = r.replaced, None
                elif key and t.action == "update" and (r.props or {}).get(key) != props.get(key):
                    old = r.physical
                    r.props = props
                    r.physical, r.replaced = self.fake_physical(s, r), old
                    reason = "Requested update requires the creation of a new physical resource; hence creating one."
                r.props = props
                r.status, r.reason, r.updated = "UPDATE_IN_PROGRESS", reason, now
                s.event(r.logical, r.type, "UPDATE_IN_PROGRESS", r.physical, reason, props)
                if r.type == "AWS::CloudFormation::Stack":
                    t.child_started = self._nested_update(s, r, props)
            t.fail = None if t.action == "revert" else self._failure(s, r, t.action)
            t.due = now + self._delay(s, r, "create")
        elif t.action == "delete":
            if r.status in ("CREATE_FAILED",) and r.type != "AWS::CloudFormation::Stack":
                r.status, r.reason, r.updated = "DELETE_COMPLETE", None, now
                s.event(r.logical, r.type, "DELETE_COMPLETE", r.physical)
                t.state = "done"
                return
            r.status, r.reason, r.updated = "DELETE_IN_PROGRESS", None, now
            s.event(r.logical, r.type, "DELETE_IN_PROGRESS", r.physical)
            t.due = now + self._delay(s, r, "delete")

    def _task_finished(self, s, t, now):
        r = s.resources[t.logical]
        if r.type == "AWS::CloudFormation::Stack" and r.child:
            child = self.find(r.child)
            if t.action == "delete":
                if child.status not in TERMINAL:
                    return False
                if child.status != "DELETE_COMPLETE":
                    self.delete(child)
                    return False
            else:
                if child.status not in TERMINAL:
                    return False
                ok = {"create": "CREATE_COMPLETE", "update": "UPDATE_COMPLETE", "revert": None}[t.action]
                if t.action == "revert" or child.status == ok or \
                        (t.action == "update" and not getattr(t, "child_started", False)):
                    self._finish_ok(s, t, r, now)
                else:
                    verb = "created" if t.action == "create" else "updated"
                    detail = child.reason_for_parent or ""
                    t.fail = "Embedded stack %s was not successfully %s: %s" % (child.id, verb, detail)
                    self._finish_fail(s, t, r, now, t.fail)
                return True
        elif now < t.due:
            return False
        if t.action == "delete":
            r.status, r.reason, r.updated = "DELETE_COMPLETE", None, now
            s.event(r.logical, r.type, "DELETE_COMPLETE", r.physical)
            t.state = "done"
        elif t.fail:
            self._finish_fail(s, t, r, now, t.fail)
        else:
            self._finish_ok(s, t, r, now)
        return True

    def _finish_ok(self, s, t, r, now):
        st = "CREATE_COMPLETE" if t.action == "create" else "UPDATE_COMPLETE"
        r.status, r.reason, r.updated = st, None, now
        s.event(r.logical, r.type, st, r.physical)
        t.state = "done"

    def _finish_fail(self, s, t, r, now, reason):
        st = "CREATE_FAILED" if t.action == "create" else "UPDATE_FAILED"
        r.status, r.reason, r.updated = st, reason, now
        s.event(r.logical, r.type, st, r.physical, reason)
        t.state = "failed"

    def _nested_create(self, s, r, props):
        body, tmpl = self._nested_template(s, props)
        params = T.parameter_values(tmpl, {k: T._strv(v) for k, v in (props.get("Parameters") or {}).items()})
        child = self.create("%s-%s-%s" % (s.name, r.logical, _suffix()), body, tmpl, params,
                            props.get("Parameters") or {}, s.tags, s.capabilities, False,
                            s.region, s.account, parent=s)
        r.child = r.physical = child.id

    def _nested_update(self, s, r, props):
        child = self.find(r.child) if r.child else None
        if child is None:
            return False
        try:
            body, tmpl = self._nested_template(s, props)
            params = T.parameter_values(tmpl, {k: T._strv(v) for k, v in (props.get("Parameters") or {}).items()})
            self.update(child, body, tmpl, params, props.get("Parameters") or {}, None, s.capabilities)
        except (CfnError, T.TemplateError):
            return False  # e.g. "No updates are to be performed.": the child stays as it is
        return True

    def _nested_template(self, s, props):
        if "TemplateBody" in props:  # liftoff-double extension: inline template
            body = props["TemplateBody"]
            body = body if isinstance(body, str) else json.dumps(body)
        else:
            body = self.read_template_url(props.get("TemplateURL", ""))
        return body, T.load(body)

    def read_template_url(self, url):
        path = url[len("file://"):] if url.startswith("file://") else url
        candidates = [path] if os.path.isabs(path) else []
        for d in self.scenario().get("template_dirs") or []:
            candidates.append(os.path.join(d, os.path.basename(path)))
        for c in candidates:
            if os.path.isfile(c):
                with open(c) as f:
                    return f.read()
        raise T.TemplateError("TemplateURL must be a supported URL (the double could not find %s)" % url)

    def _fail(self, s):
        now = time.time()
        verb = "create" if s.phase == "create" else "update"
        for t in s.tasks.values():
            if t.state == "running":
                r = s.resources[t.logical]
                if r.type == "AWS::CloudFormation::Stack" and r.child:
                    child = self.find(r.child)
                    if child and child.phase:
                        self._cancel_child(child)
                st = "CREATE_FAILED" if t.action == "create" else "UPDATE_FAILED"
                msg = "Resource creation cancelled" if t.action == "create" else "Resource update cancelled"
                r.status, r.reason, r.updated = st, msg, now
                s.event(r.logical, r.type, st, r.physical, msg)
                t.state = "failed"
        failed = [t.logical for t in s.tasks.values() if t.state == "failed"]
        s.failed_logicals = failed
        s.reason_for_parent = "The following resource(s) failed to %s: [%s]. " % (verb, ", ".join(sorted(failed)))
        if s.phase == "create":
            if s.disable_rollback:
                s.set_status("CREATE_FAILED", s.reason_for_parent)
                s.phase, s.tasks = None, {}
                return
            s.set_status("ROLLBACK_IN_PROGRESS", s.reason_for_parent + ("Rollback requested by user." if not s.parent else ""))
            self._start_delete_phase(s, "rollback", list(s.resources))
        else:
            s.set_status("UPDATE_ROLLBACK_IN_PROGRESS", s.reason_for_parent)
            old_tmpl, old_body, old_params, old_resources, snapshot = s.old
            s.template, s.body, s.params = old_tmpl, old_body, old_params
            tasks = {}
            present = [l for l in snapshot]
            for l in present:
                r = s.resources[l]
                d, _, _ = snapshot[l]
                changed = r.status in ("UPDATE_COMPLETE", "UPDATE_FAILED", "UPDATE_IN_PROGRESS")
                r.definition = d
                deps = T.dependencies(old_tmpl, l, set(present)) if l in old_tmpl["Resources"] else set()
                tasks[l] = Task(l, "revert" if changed else "noop", deps)
            s.phase, s.tasks = "update_rollback", tasks

    def _cancel_child(self, child):
        for t in child.tasks.values():
            if t.state in ("running",) and t.action in ("create", "update"):
                t.fail = t.fail or "Resource creation cancelled"
                t.due = 0

    def _phase_done(self, s):
        p = s.phase
        s.phase, s.tasks = None, {}
        if p == "create":
            s.compute_outputs()
            s.set_status("CREATE_COMPLETE")
        elif p == "rollback":
            s.set_status("ROLLBACK_COMPLETE")
        elif p == "delete":
            s.deleted_time = time.time()
            s.set_status("DELETE_COMPLETE")
        elif p == "update":
            s.set_status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
            for r in s.resources.values():   # old halves of replaced resources
                if r.replaced:
                    s.event(r.logical, r.type, "DELETE_IN_PROGRESS", r.replaced)
                    s.event(r.logical, r.type, "DELETE_COMPLETE", r.replaced)
                    r.replaced = None
            self._start_delete_phase(s, "update_cleanup", s.removed)
            for l in s.removed:
                if s.resources[l].status in (None, "DELETE_COMPLETE"):
                    del s.resources[l]
        elif p == "update_cleanup":
            for l in s.removed:
                s.resources.pop(l, None)
            s.removed, s.old = [], None
            s.compute_outputs()
            s.set_status("UPDATE_COMPLETE")
        elif p == "update_rollback":
            s.set_status("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
            for r in s.resources.values():   # new halves of replacements undone
                if getattr(r, "discard", None):
                    s.event(r.logical, r.type, "DELETE_IN_PROGRESS", r.discard)
                    s.event(r.logical, r.type, "DELETE_COMPLETE", r.discard)
                    r.discard = None
            snapshot = s.old[4]
            added = [l for l in s.resources if l not in snapshot]
            self._start_delete_phase(s, "update_rollback_cleanup", added)
            s.added = added
        elif p == "update_rollback_cleanup":
            for l in getattr(s, "added", []):
                s.resources.pop(l, None)
            s.old = None
            s.compute_outputs()
            s.set_status("UPDATE_ROLLBACK_COMPLETE")
