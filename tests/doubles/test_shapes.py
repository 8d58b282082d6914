# test_shapes.py - every raw answer the doubles give (success and error) is
# checked against the botocore service model: no member the model does not
# know, required members present, scalars of the right type (timestamps
# parse, booleans are true/false, numbers are numbers), JSON errors carry
# __type + message and x-amzn-ErrorType, query errors the ErrorResponse
# shape.  boto3 would silently drop unknown members; liftoff's C parser might
# not, so the check is on the raw bytes.
import sys
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import testlib as L  # noqa: E402

NS = "{http://cloudformation.amazonaws.com/doc/2010-05-15/}"


def check_json(shape, value, path, errs):
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            return errs.append("%s: want object" % path)
        for k in value:
            if k not in shape.members:
                errs.append("%s.%s: not in the model" % (path, k))
        for k in shape.required_members:
            if k not in value:
                errs.append("%s.%s: required, missing" % (path, k))
        for k, v in value.items():
            if k in shape.members:
                check_json(shape.members[k], v, path + "." + k, errs)
    elif t == "list":
        if not isinstance(value, list):
            return errs.append("%s: want array" % path)
        for i, v in enumerate(value):
            check_json(shape.member, v, "%s[%d]" % (path, i), errs)
    elif t == "map":
        if not isinstance(value, dict):
            return errs.append("%s: want map" % path)
    elif t == "string":
        if not isinstance(value, str):
            errs.append("%s: want string, got %r" % (path, value))
        elif shape.enum and value not in shape.enum:
            errs.append("%s: %r not in enum" % (path, value))
    elif t == "boolean":
        if not isinstance(value, bool):
            errs.append("%s: want boolean" % path)
    elif t in ("integer", "long", "double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errs.append("%s: want number" % path)
    elif t == "timestamp":
        if not isinstance(value, (int, float, str)):
            errs.append("%s: bad timestamp" % path)


def check_xml(shape, el, path, errs):
    t = shape.type_name
    if t == "structure":
        seen = set()
        for child in el:
            name = child.tag.replace(NS, "")
            seen.add(name)
            if name not in shape.members:
                errs.append("%s.%s: not in the model" % (path, name))
            else:
                check_xml(shape.members[name], child, path + "." + name, errs)
        for k in shape.required_members:
            if k not in seen:
                errs.append("%s.%s: required, missing" % (path, k))
    elif t == "list":
        for i, child in enumerate(el):
            if child.tag.replace(NS, "") != "member":
                errs.append("%s: list child %s is not <member>" % (path, child.tag))
            check_xml(shape.member, child, "%s[%d]" % (path, i), errs)
    elif t == "boolean":
        if el.text not in ("true", "false"):
            errs.append("%s: boolean %r" % (path, el.text))
    elif t in ("integer", "long"):
        try:
            int(el.text)
        except (TypeError, ValueError):
            errs.append("%s: integer %r" % (path, el.text))
    elif t == "timestamp":
        import re
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z", el.text or ""):
            errs.append("%s: timestamp %r" % (path, el.text))
    elif t == "string":
        if shape.enum and (el.text or "") not in shape.enum:
            errs.append("%s: %r not in enum" % (path, el.text))


class Recorder:
    def __init__(self):
        self.seen = []

    def __call__(self, operation_model, response_dict, **kw):
        self.seen.append((operation_model, response_dict))


def validate(op, resp):
    errs = []
    status = resp["status_code"]
    body = resp["body"]
    proto = op.service_model.protocol
    if status >= 300:
        if proto == "json":
            d = json.loads(body)
            if set(d) != {"__type", "message"} or resp["headers"].get("x-amzn-ErrorType") != d["__type"]:
                errs.append("JSON error shape: %r %r" % (d, dict(resp["headers"])))
        else:
            root = ET.fromstring(body)
            e = root.find(NS + "Error")
            if root.tag != NS + "ErrorResponse" or e is None or root.find(NS + "RequestId") is None or \
                    [c.tag.replace(NS, "") for c in e] != ["Type", "Code", "Message"]:
                errs.append("query error shape: %s" % body[:300])
        if "x-amzn-RequestId" not in resp["headers"]:
            errs.append("no x-amzn-RequestId header")
        return errs
    if "x-amzn-RequestId" not in resp["headers"]:
        errs.append("no x-amzn-RequestId header")
    if proto == "json":
        check_json(op.output_shape, json.loads(body), op.name, errs)
    else:
        root = ET.fromstring(body)
        if root.tag != NS + op.name + "Response":
            errs.append("root element %s" % root.tag)
        result = root.find(NS + op.name + "Result")
        if root.find(NS + "ResponseMetadata/" + NS + "RequestId") is None:
            errs.append("no ResponseMetadata/RequestId")
        if op.output_shape is not None:
            if result is None:
                errs.append("no %sResult" % op.name)
            else:
                check_xml(op.output_shape, result, op.name, errs)
    return errs


CHILD = "Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  U: {Value: !Ref Q, Description: q}\n"
PARENT = """
Parameters:
  P: {Type: String, Default: x, AllowedValues: [x, y], Description: a parameter}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}
  Child: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: "file://%s"}}
  Bad: {Type: AWS::EC2::EIP, DependsOn: Child, Metadata: {LiftoffDouble: {Fail: true}}}
Outputs:
  V: {Value: !Ref Vpc, Description: vpc, Export: {Name: vpc-export}}
"""


def t_shapes(tap):
    srv = L.Server({"delay_default": 0.05, "license": ["pending", "other-product"]})
    rec = Recorder()
    clients = {}
    for svc in ("cloudformation", "license-manager", "service-quotas"):
        c = srv.client(svc)
        c.meta.events.register("before-parse", rec)
        clients[svc] = c
    cf, lm, sq = clients["cloudformation"], clients["license-manager"], clients["service-quotas"]

    def quiet(fn, *a, **kw):
        try:
            fn(*a, **kw)
        except Exception:  # errors are validated from the raw bytes too
            pass
    child = os.path.join(srv.dir, "child.yaml")
    with open(child, "w") as f:
        f.write(CHILD)
    ok = PARENT.replace("  Bad: {Type: AWS::EC2::EIP, DependsOn: Child, Metadata: {LiftoffDouble: {Fail: true}}}\n", "") % child
    cf.create_stack(StackName="good", TemplateBody=ok, Capabilities=["CAPABILITY_IAM"], Tags=[{"Key": "a", "Value": "b"}])
    cf.create_stack(StackName="bad", TemplateBody=PARENT % child, Capabilities=["CAPABILITY_IAM"])
    for _ in range(3):   # read while in progress, then when done
        cf.describe_stacks()
        cf.describe_stacks(StackName="good")
        cf.describe_stack_events(StackName="good")
        cf.describe_stack_events(StackName="bad")
        cf.list_stack_resources(StackName="good")
        cf.describe_stack_resources(StackName="good")
        cf.list_stacks()
        time.sleep(0.4)
    L.wait_status(cf, "good", {"CREATE_COMPLETE"})
    L.wait_status(cf, "bad", {"ROLLBACK_COMPLETE"})
    cf.describe_stacks(StackName="good")
    cf.describe_stack_events(StackName="bad")
    cf.describe_stack_resource(StackName="good", LogicalResourceId="Vpc")
    cf.get_template_summary(StackName="good")
    cf.get_template_summary(TemplateBody=ok)
    cf.update_stack(StackName="good", TemplateBody=ok, Capabilities=["CAPABILITY_IAM"],
                    Parameters=[{"ParameterKey": "P", "ParameterValue": "y"}])
    L.wait_status(cf, "good", {"UPDATE_COMPLETE"})
    cf.describe_stacks(StackName="good")
    cf.delete_stack(StackName="good")
    quiet(cf.describe_stacks, StackName="nosuch")
    quiet(cf.create_stack, StackName="bad", TemplateBody=ok)
    quiet(cf.update_stack, StackName="bad", TemplateBody=ok)
    quiet(cf.create_stack, StackName="x", TemplateBody="Resources: {R: {Type: AWS::IAM::Role}}")
    lm.list_received_licenses()
    lm.list_received_licenses(MaxResults=1)
    g = lm.list_received_grants()["Grants"]
    pend = [x for x in g if x["GrantStatus"] == "PENDING_ACCEPT"][0]["GrantArn"]
    lm.accept_grant(GrantArn=pend)
    lm.create_grant_version(GrantArn=pend, ClientToken="t", Status="ACTIVE")
    lm.get_license(LicenseArn=g[0]["LicenseArn"])
    quiet(lm.accept_grant, GrantArn="arn:nope")
    sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3")
    quiet(sq.get_service_quota, ServiceCode="ec2", QuotaCode="L-nope")
    srv.scenario({"quota_denied": True, "throttle_percent": 50}, merge=True)
    quiet(sq.get_service_quota, ServiceCode="ec2", QuotaCode="L-0263D0A3")
    for _ in range(2):
        quiet(cf.list_stacks)
        quiet(lm.list_received_grants)
    quiet(srv.client("cloudformation", secret="bad").list_stacks)
    quiet(srv.client("service-quotas", secret="bad").get_service_quota, ServiceCode="ec2", QuotaCode="L-0263D0A3")
    # the recorder only sees clients registered above; validate what it saw
    by_op = {}
    for op, resp in rec.seen:
        key = "%s %s%s" % (op.service_model.service_name, op.name, " (error)" if resp["status_code"] >= 300 else "")
        by_op.setdefault(key, []).extend(validate(op, resp))
    for key in sorted(by_op):
        errs = by_op[key]
        tap.ok(not errs, "raw answers match the botocore model: %s" % key, "\n".join(sorted(set(errs))[:10]))
    srv.stop()


if __name__ == "__main__":
    tap = L.Tap()
    L.need_modules(tap, "boto3", "botocore", "yaml")
    L.run_tests(tap, [t_shapes])
