# test_cfn.py - the CloudFormation double, driven with boto3 and the AWS CLI:
# progression over time and dependency order, events (order, ids,
# pagination), outputs, resources, template summary, AWS's error wording,
# failure + rollback, update + update rollback, nested stacks, delete.
import json
import os
import threading
import time

import sys  # noqa: E402
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import testlib as L  # noqa: E402

BASIC = """
AWSTemplateFormatVersion: 2010-09-09
Description: basic test stack
Parameters:
  Env: {Type: String, Default: test, AllowedValues: [test, prod], Description: environment}
  Cidr: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref Cidr}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!Ref Cidr, 3, 8]], AvailabilityZone: !Select [0, !GetAZs ""]}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [1, !Cidr [!Ref Cidr, 3, 8]]}
  Key:
    Type: AWS::KMS::Key
    Properties: {Description: !Sub "key for ${AWS::StackName}"}
  ProdOnly:
    Type: AWS::SQS::Queue
    Condition: IsProd
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    DependsOn: Key
    Properties:
      Name: spacelift-server
      Subnets: [!Ref SubnetA, !Ref SubnetB]
Outputs:
  LoadBalancerDNS:
    Description: DNS name of the load balancer
    Value: !GetAtt Lb.DNSName
  VpcId:
    Value: !Ref Vpc
    Export: {Name: !Sub "${AWS::StackName}-vpc"}
"""


def cf_and(srv):
    return srv.client("cloudformation")


def t_progression(tap):
    srv = L.Server({"delay_default": 0.3, "delays": {"AWS::KMS::Key": 0.6}})
    cf = cf_and(srv)
    sid = cf.create_stack(StackName="basic", TemplateBody=BASIC,
                          Parameters=[{"ParameterKey": "Cidr", "ParameterValue": "10.1.0.0/16"}])["StackId"]
    tap.ok(sid.startswith("arn:aws:cloudformation:eu-west-1:123456789012:stack/basic/"), "CreateStack returns a stack ARN", sid)
    s = cf.describe_stacks(StackName="basic")["Stacks"][0]
    tap.eq(s["StackStatus"], "CREATE_IN_PROGRESS", "stack starts CREATE_IN_PROGRESS")
    tap.ok("Outputs" not in s, "no Outputs while in progress")
    mid = {r["LogicalResourceId"]: r["ResourceStatus"] for r in
           cf.list_stack_resources(StackName="basic")["StackResourceSummaries"]}
    tap.ok("Lb" not in mid or mid["Lb"] != "CREATE_COMPLETE", "dependent resource not complete early", mid)
    # concurrent polling while it progresses
    errors = []

    def poll():
        try:
            c = cf_and(srv)
            for _ in range(10):
                c.describe_stack_events(StackName="basic")
                c.describe_stacks(StackName="basic")
        except Exception as e:  # noqa
            errors.append(e)
    th = [threading.Thread(target=poll) for _ in range(6)]
    [t.start() for t in th]
    [t.join() for t in th]
    tap.eq(errors, [], "6 clients polling at once all get answers")
    s = L.wait_status(cf, "basic", {"CREATE_COMPLETE", "ROLLBACK_COMPLETE"})
    tap.eq(s["StackStatus"], "CREATE_COMPLETE", "stack reaches CREATE_COMPLETE")
    outs = {o["OutputKey"]: o for o in s.get("Outputs", [])}
    import re
    tap.ok(re.fullmatch(r"spacelift-server-\d{10}\.eu-west-1\.elb\.amazonaws\.com",
                        outs.get("LoadBalancerDNS", {}).get("OutputValue", "")),
           "Outputs: load balancer DNS resolved from GetAtt", outs)
    tap.eq(outs["LoadBalancerDNS"].get("Description"), "DNS name of the load balancer", "Outputs carry Description")
    tap.ok(outs["VpcId"]["OutputValue"].startswith("vpc-") and outs["VpcId"].get("ExportName") == "basic-vpc",
           "Ref output and export name", outs["VpcId"])
    tap.eq({p["ParameterKey"]: p["ParameterValue"] for p in s["Parameters"]}, {"Env": "test", "Cidr": "10.1.0.0/16"},
           "DescribeStacks Parameters with defaults")
    evs, pages = L.all_events(cf, "basic")
    ts = [e["Timestamp"] for e in evs]
    tap.ok(ts == sorted(ts, reverse=True), "events newest first")
    tap.eq(len({e["EventId"] for e in evs}), len(evs), "EventIds unique")
    tap.ok(evs[-1]["ResourceStatus"] == "CREATE_IN_PROGRESS" and evs[-1]["LogicalResourceId"] == "basic" and
           evs[-1].get("ResourceStatusReason") == "User Initiated", "oldest event: stack CREATE_IN_PROGRESS, User Initiated")
    tap.ok(evs[0]["ResourceStatus"] == "CREATE_COMPLETE" and evs[0]["ResourceType"] == "AWS::CloudFormation::Stack",
           "newest event: stack CREATE_COMPLETE")
    tap.ok(not any(e["LogicalResourceId"] == "ProdOnly" for e in evs), "resource with false Condition is not created")
    byres = {}
    for e in reversed(evs):
        byres.setdefault(e["LogicalResourceId"], []).append(e)
    tap.eq([e["ResourceStatus"] for e in byres["Vpc"]], ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"],
           "each resource: IN_PROGRESS, IN_PROGRESS (Initiated), COMPLETE")
    first = byres["Vpc"][0]
    tap.ok(json.loads(first.get("ResourceProperties", "{}")) == {"CidrBlock": "10.1.0.0/16"} and first["PhysicalResourceId"] == "",
           "first IN_PROGRESS event has ResourceProperties, no physical id", first)
    tap.ok(byres["Vpc"][2]["PhysicalResourceId"].startswith("vpc-"), "COMPLETE event has the physical id")
    start = lambda l: byres[l][0]["Timestamp"]
    done = lambda l: byres[l][-1]["Timestamp"]
    tap.ok(start("SubnetA") >= done("Vpc") and start("SubnetB") >= done("Vpc"), "subnets start after the VPC completes (Ref)")
    tap.ok(start("Lb") >= done("Key") and start("Lb") >= done("SubnetB"), "LB waits for DependsOn and Ref")
    tap.ok(abs((start("Key") - start("Vpc")).total_seconds()) < 0.2, "independent resources start together")
    dur = (done("Key") - start("Key")).total_seconds()
    tap.ok(0.55 <= dur < 1.5, "per-type delay honoured (KMS key took %.2fs, want 0.6)" % dur)
    r = cf.describe_stack_resource(StackName="basic", LogicalResourceId="Key")["StackResourceDetail"]
    tap.ok(r["ResourceStatus"] == "CREATE_COMPLETE" and r["ResourceType"] == "AWS::KMS::Key", "DescribeStackResource", r)
    tap.raises(lambda: cf.describe_stack_resource(StackName="basic", LogicalResourceId="Nope"), "ValidationError",
               "DescribeStackResource unknown logical id", "Resource Nope does not exist for stack basic")
    rs = cf.describe_stack_resources(StackName="basic")["StackResources"]
    tap.eq(sorted(r["LogicalResourceId"] for r in rs), ["Key", "Lb", "SubnetA", "SubnetB", "Vpc"], "DescribeStackResources")
    ts = cf.get_template_summary(StackName="basic")
    tap.ok(ts["ResourceTypes"] == ["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::KMS::Key", "AWS::SQS::Queue",
                                   "AWS::ElasticLoadBalancingV2::LoadBalancer"] and
           [p["ParameterKey"] for p in ts["Parameters"]] == ["Env", "Cidr"] and
           ts["Parameters"][0]["ParameterConstraints"]["AllowedValues"] == ["test", "prod"],
           "GetTemplateSummary: ResourceTypes and Parameters", ts)
    # errors, in AWS's words
    tap.raises(lambda: cf.describe_stacks(StackName="nosuch"), "ValidationError",
               "missing stack: ValidationError", "Stack with id nosuch does not exist")
    tap.raises(lambda: cf.describe_stack_events(StackName="nosuch"), "ValidationError",
               "missing stack events: ValidationError", "Stack with id nosuch does not exist")
    tap.raises(lambda: cf.create_stack(StackName="basic", TemplateBody=BASIC,
                                       Parameters=[{"ParameterKey": "Cidr", "ParameterValue": "10.1.0.0/16"}]),
               "AlreadyExistsException", "create twice: AlreadyExistsException", "Stack [basic] already exists")
    tap.raises(lambda: cf.update_stack(StackName="basic", TemplateBody=BASIC,
                                       Parameters=[{"ParameterKey": "Cidr", "UsePreviousValue": True}]),
               "ValidationError", "identical update: No updates", "No updates are to be performed.")
    tap.raises(lambda: cf.create_stack(StackName="p2", TemplateBody=BASIC), "ValidationError",
               "missing parameter value", "Parameters: [Cidr] must have values")
    tap.raises(lambda: cf.create_stack(StackName="bad", TemplateBody="Resources: [1"), "ValidationError", "malformed template")
    tap.raises(lambda: cf.create_stack(StackName="bad", TemplateBody="Resources:\n  A: {Type: AWS::SQS::Queue, Properties: {X: !Ref Nope}}\n"),
               "ValidationError", "Ref to nothing: Unresolved resource dependencies",
               "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template")
    iam = "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}\n"
    tap.raises(lambda: cf.create_stack(StackName="iam", TemplateBody=iam), "InsufficientCapabilitiesException",
               "IAM without capabilities", "Requires capabilities : [CAPABILITY_IAM]")
    tap.eq(cf.get_template_summary(TemplateBody=iam).get("Capabilities"), ["CAPABILITY_IAM"], "GetTemplateSummary Capabilities")
    # delete
    cf.delete_stack(StackName="basic")
    s = cf.describe_stacks(StackName="basic")["Stacks"][0]
    tap.eq(s["StackStatus"], "DELETE_IN_PROGRESS", "DeleteStack: DELETE_IN_PROGRESS")
    time.sleep(1.0)
    tap.raises(lambda: cf.describe_stacks(StackName="basic"), "ValidationError", "deleted stack by name: does not exist",
               "Stack with id basic does not exist")
    s = cf.describe_stacks(StackName=sid)["Stacks"][0]
    tap.ok(s["StackStatus"] == "DELETE_COMPLETE" and "DeletionTime" in s, "deleted stack by id: DELETE_COMPLETE", s)
    evs, _ = L.all_events(cf, sid)
    dels = [e["LogicalResourceId"] for e in reversed(evs) if e["ResourceStatus"] == "DELETE_COMPLETE"]
    tap.ok(dels.index("Lb") < dels.index("SubnetA") < dels.index("Vpc") and dels[-1] == "basic",
           "delete runs in reverse dependency order", dels)
    ls = cf.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]
    tap.ok(any(x["StackId"] == sid for x in ls), "ListStacks shows the deleted stack")
    cf.create_stack(StackName="abort", TemplateBody=FAILING.replace("Metadata: {LiftoffDouble: {Fail: true}}", "Metadata: {}"))
    time.sleep(0.3)
    cf.delete_stack(StackName="abort")
    time.sleep(1.5)
    evs, _ = L.all_events(cf, [x["StackId"] for x in cf.list_stacks()["StackSummaries"] if x["StackName"] == "abort"][0])
    seq = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in reversed(evs)]
    tap.ok(("abort", "DELETE_COMPLETE") in seq and any(x[1] == "CREATE_FAILED" for x in seq),
           "DeleteStack during CREATE_IN_PROGRESS cancels and deletes", seq)
    cf.delete_stack(StackName="never-existed")
    tap.ok(True, "DeleteStack on a missing stack succeeds quietly")
    srv.stop()


def t_pagination(tap):
    srv = L.Server({"delay_default": 0})
    cf = cf_and(srv)
    body = {"Resources": {"H%03d" % i: {"Type": "AWS::CloudFormation::WaitConditionHandle"} for i in range(130)}}
    cf.create_stack(StackName="big", TemplateBody=json.dumps(body))
    L.wait_status(cf, "big", {"CREATE_COMPLETE"})
    first = cf.describe_stack_events(StackName="big")
    tap.eq(len(first["StackEvents"]), 100, "DescribeStackEvents: 100 per page")
    evs, pages = L.all_events(cf, "big")
    tap.ok(len(evs) == 130 * 3 + 2 and pages == 4 and len({e["EventId"] for e in evs}) == len(evs),
           "NextToken walks all %d events in %d pages, none twice" % (len(evs), pages))
    p = cf.get_paginator("describe_stack_events").paginate(StackName="big")
    tap.eq(sum(len(x["StackEvents"]) for x in p), 392, "boto3 paginator agrees")
    p = list(cf.get_paginator("list_stack_resources").paginate(StackName="big"))
    tap.ok(len(p) == 2 and sum(len(x["StackResourceSummaries"]) for x in p) == 130, "ListStackResources paginated (2 pages)")
    tap.eq(len(cf.describe_stack_resources(StackName="big")["StackResources"]), 100,
           "DescribeStackResources stops at 100, as AWS does")
    rc, out, err = srv.cli("cloudformation", "describe-stack-events", "--stack-name", "big")
    tap.ok(rc == 0 and len(out["StackEvents"]) == 392, "aws CLI pages through describe-stack-events", err)
    rc, out, err = srv.cli("cloudformation", "list-stack-resources", "--stack-name", "big")
    tap.ok(rc == 0 and len(out["StackResourceSummaries"]) == 130, "aws CLI list-stack-resources", err)
    tiny = "Resources:\n  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n"
    for i in range(105):
        cf.create_stack(StackName="tiny%03d" % i, TemplateBody=tiny)
    first = cf.list_stacks()
    cf.create_stack(StackName="late", TemplateBody=tiny)   # appears while paging
    names = [x["StackName"] for x in first["StackSummaries"]]
    tok = first.get("NextToken")
    while tok:
        r = cf.list_stacks(NextToken=tok)
        names += [x["StackName"] for x in r["StackSummaries"]]
        tok = r.get("NextToken")
    tap.ok(len(first["StackSummaries"]) == 100 and len(names) == 106 and len(set(names)) == 106 and "late" not in names,
           "ListStacks pages of 100; a stack created meanwhile does not shift the pages", len(names))
    d = list(cf.get_paginator("describe_stacks").paginate())
    tap.ok(len(d) == 2 and sum(len(x["Stacks"]) for x in d) == 107, "DescribeStacks paginates (107 stacks, 2 pages)")
    srv.stop()


FAILING = """
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Eip1: {Type: AWS::EC2::EIP, DependsOn: Vpc, Properties: {Domain: vpc}}
  Eip2:
    Type: AWS::EC2::EIP
    DependsOn: Vpc
    Properties: {Domain: vpc}
    Metadata: {LiftoffDouble: {Fail: true}}
  Slow: {Type: AWS::RDS::DBCluster, DependsOn: Vpc, Properties: {Engine: aurora-postgresql}}
  Never: {Type: AWS::EC2::NatGateway, Properties: {AllocationId: !GetAtt Eip2.AllocationId}}
"""


def t_failure(tap):
    srv = L.Server({"delay_default": 0.1, "delays": {"Slow": 2, "Eip2": 0.3}})
    cf = cf_and(srv)
    cf.create_stack(StackName="fails", TemplateBody=FAILING)
    s = L.wait_status(cf, "fails", {"ROLLBACK_COMPLETE", "CREATE_COMPLETE"})
    tap.eq(s["StackStatus"], "ROLLBACK_COMPLETE", "failing resource: stack ends ROLLBACK_COMPLETE")
    evs, _ = L.all_events(cf, "fails")
    seq = [(e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason", "")) for e in reversed(evs)]
    failed = [x for x in seq if x[1] == "CREATE_FAILED"]
    tap.ok(failed and failed[0][0] == "Eip2" and
           failed[0][2].startswith("The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400, Request ID: "),
           "root cause: first CREATE_FAILED is the EIP, with AWS's wording", failed)
    tap.ok(("Slow", "CREATE_FAILED", "Resource creation cancelled") in seq, "in-progress resource cancelled", seq)
    tap.ok(not any(x[0] == "Never" for x in seq), "resource never started has no events")
    rb = [x for x in seq if x[0] == "fails" and x[1] == "ROLLBACK_IN_PROGRESS"]
    tap.ok(rb and rb[0][2] == "The following resource(s) failed to create: [Eip1, Eip2, Slow]. Rollback requested by user."
           or rb and rb[0][2] == "The following resource(s) failed to create: [Eip2, Slow]. Rollback requested by user.",
           "ROLLBACK_IN_PROGRESS names the failed resources", rb)
    stat = [x[1] for x in seq if x[0] == "fails"]
    tap.eq(stat, ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"], "stack statuses in order")
    tap.ok(("Vpc", "DELETE_COMPLETE", "") in seq and ("Slow", "DELETE_COMPLETE", "") in seq,
           "rollback deletes created and failed resources")
    after = [x[0] for x in seq[[i for i, x in enumerate(seq) if x[1] == "ROLLBACK_IN_PROGRESS"][0]:]]
    tap.ok(after.index("Vpc") > after.index("Eip1"), "rollback deletes dependents first")
    tap.raises(lambda: cf.update_stack(StackName="fails", TemplateBody=FAILING), "ValidationError",
               "update of ROLLBACK_COMPLETE stack refused")
    # scenario-driven failure, by type, with a custom reason, rollback disabled
    srv.scenario({"delay_default": 0.05, "fail": [{"type": "AWS::SQS::Queue", "reason": "Queue name taken"}]})
    cf.create_stack(StackName="q", TemplateBody="Resources:\n  Q: {Type: AWS::SQS::Queue}\n", DisableRollback=True)
    s = L.wait_status(cf, "q", {"CREATE_FAILED", "ROLLBACK_COMPLETE", "CREATE_COMPLETE"})
    tap.eq(s["StackStatus"], "CREATE_FAILED", "scenario fail by type + DisableRollback: CREATE_FAILED")
    r = cf.list_stack_resources(StackName="q")["StackResourceSummaries"][0]
    tap.eq(r.get("ResourceStatusReason"), "Queue name taken", "scenario failure reason used")
    srv.stop()


UPD1 = """
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Alarm1: {Type: AWS::CloudWatch::Alarm, Properties: {Threshold: 1}}
  Old: {Type: AWS::SQS::Queue}
Outputs:
  T: {Value: !Ref Vpc, Description: the vpc}
"""
UPD2 = """
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Alarm1: {Type: AWS::CloudWatch::Alarm, Properties: {Threshold: 5}}
  Alarm2: {Type: AWS::CloudWatch::Alarm, Properties: {Threshold: 9}}
Outputs:
  T: {Value: !Ref Vpc, Description: the vpc}
"""
UPD3 = """
Resources:
  New: {Type: AWS::SQS::Queue}
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Alarm1: {Type: AWS::CloudWatch::Alarm, Properties: {Threshold: 6}}
  Alarm2:
    Type: AWS::CloudWatch::Alarm
    Properties: {Threshold: 10}
    Metadata: {LiftoffDouble: {Fail: "Alarm limit exceeded"}}
Outputs:
  T: {Value: !Ref Vpc, Description: the vpc}
"""


def t_update(tap):
    srv = L.Server({"delay_default": 0.1})
    cf = cf_and(srv)
    cf.create_stack(StackName="u", TemplateBody=UPD1)
    L.wait_status(cf, "u", {"CREATE_COMPLETE"})
    n0 = len(L.all_events(cf, "u")[0])
    tap.raises(lambda: cf.update_stack(StackName="u", TemplateBody=UPD1), "ValidationError",
               "identical template: No updates", "No updates are to be performed.")
    cf.update_stack(StackName="u", TemplateBody=UPD2)
    s = L.wait_status(cf, "u", {"UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"})
    tap.eq(s["StackStatus"], "UPDATE_COMPLETE", "update reaches UPDATE_COMPLETE")
    tap.ok("LastUpdatedTime" in s and s.get("Outputs"), "updated stack has LastUpdatedTime and Outputs")
    evs = L.all_events(cf, "u")[0][:-n0]
    seq = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in reversed(evs)]
    tap.ok(("Alarm1", "UPDATE_COMPLETE") in seq and ("Alarm2", "CREATE_COMPLETE") in seq and
           ("Old", "DELETE_COMPLETE") in seq and not any(x[0] == "Vpc" for x in seq),
           "modified resource updated, new one created, removed one deleted, unchanged untouched", seq)
    stat = [x[1] for x in seq if x[0] == "u"]
    tap.eq(stat, ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"], "update stack statuses")
    tap.ok(seq.index(("Old", "DELETE_COMPLETE")) > seq.index(("u", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")),
           "removed resources are deleted in the cleanup phase")
    # failing update rolls back
    upd3 = UPD3
    n1 = len(L.all_events(cf, "u")[0])
    cf.update_stack(StackName="u", TemplateBody=upd3)
    s = L.wait_status(cf, "u", {"UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"})
    tap.eq(s["StackStatus"], "UPDATE_ROLLBACK_COMPLETE", "failing update ends UPDATE_ROLLBACK_COMPLETE")
    evs = L.all_events(cf, "u")[0][:-n1]
    seq = [(e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason")) for e in reversed(evs)]
    stat = [x[1] for x in seq if x[0] == "u"]
    tap.eq(stat, ["UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                  "UPDATE_ROLLBACK_COMPLETE"], "update rollback stack statuses")
    tap.ok(("Alarm2", "UPDATE_FAILED", "Alarm limit exceeded") in seq, "failed update reason from Metadata marker", seq)
    tap.ok(("New", "DELETE_COMPLETE", None) in seq, "resource added by the failed update is deleted", seq)
    cur = {r["LogicalResourceId"] for r in cf.list_stack_resources(StackName="u")["StackResourceSummaries"]}
    tap.eq(cur, {"Vpc", "Alarm1", "Alarm2"}, "after rollback the stack has its old resources")
    tap.ok(cf.update_stack(StackName="u", TemplateBody=UPD1)["StackId"], "UPDATE_ROLLBACK_COMPLETE stack can be updated again")
    L.wait_status(cf, "u", {"UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"})
    srv.stop()


CHILD = """
Parameters:
  Name: {Type: String}
Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Name}}
  R: {Type: AWS::ECR::Repository, Properties: {RepositoryName: !Sub "${Name}-repo"}}
Outputs:
  Url: {Value: !GetAtt R.RepositoryUri, Description: repo uri}
"""
PARENT = """
Resources:
  Key: {Type: AWS::KMS::Key}
  Child:
    Type: AWS::CloudFormation::Stack
    DependsOn: Key
    Properties:
      TemplateURL: file://%s
      Parameters: {Name: spacelift}
  After: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt Child.Outputs.Url}}
Outputs:
  Repo: {Value: !GetAtt Child.Outputs.Url, Description: from the child}
"""


def t_nested(tap):
    srv = L.Server({"delay_default": 0.15})
    cf = cf_and(srv)
    child = os.path.join(srv.dir, "child.yaml")
    with open(child, "w") as f:
        f.write(CHILD)
    cf.create_stack(StackName="parent", TemplateBody=PARENT % child)
    s = L.wait_status(cf, "parent", {"CREATE_COMPLETE", "ROLLBACK_COMPLETE"})
    tap.eq(s["StackStatus"], "CREATE_COMPLETE", "parent with a nested stack completes")
    tap.eq(s.get("Outputs", [{}])[0].get("OutputValue"), "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spacelift-repo",
           "parent output from child's output (GetAtt Child.Outputs.Url)")
    res = cf.describe_stack_resource(StackName="parent", LogicalResourceId="Child")["StackResourceDetail"]
    cid = res["PhysicalResourceId"]
    cs = cf.describe_stacks(StackName=cid)["Stacks"][0]
    tap.ok(cs["StackName"].startswith("parent-Child-") and cs["ParentId"] == s["StackId"] and cs["RootId"] == s["StackId"],
           "child stack: named parent-Child-..., ParentId/RootId set", cs)
    cev, _ = L.all_events(cf, cid)
    tap.ok({e["LogicalResourceId"] for e in cev} >= {"Q", "R"}, "child stack has its own events")
    pev, _ = L.all_events(cf, "parent")
    child_done = max(e["Timestamp"] for e in cev if e["ResourceStatus"] == "CREATE_COMPLETE" and e["LogicalResourceId"] == cs["StackName"])
    pres = [e for e in pev if e["LogicalResourceId"] == "Child" and e["ResourceStatus"] == "CREATE_COMPLETE"][0]
    tap.ok(pres["Timestamp"] >= child_done, "parent's nested resource completes after the child stack")
    after_start = min(e["Timestamp"] for e in pev if e["LogicalResourceId"] == "After")
    tap.ok(after_start >= pres["Timestamp"], "resources depending on the nested stack wait for it")
    ls = cf.list_stacks()["StackSummaries"]
    tap.ok(any(x.get("ParentId") == s["StackId"] for x in ls), "ListStacks lists the nested stack with ParentId")
    cf.delete_stack(StackName="parent")
    s2 = L.wait_status(cf, s["StackId"], {"DELETE_COMPLETE"})
    tap.ok(s2["StackStatus"] == "DELETE_COMPLETE" and
           cf.describe_stacks(StackName=cid)["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE",
           "deleting the parent deletes the child")
    # nested failure rolls back both
    srv.scenario({"delay_default": 0.1, "fail": [{"stack": "nfail-Child-*", "logical_id": "R", "reason": "Repository limit"}]})
    cf.create_stack(StackName="nfail", TemplateBody=PARENT % child)
    s = L.wait_status(cf, "nfail", {"CREATE_COMPLETE", "ROLLBACK_COMPLETE"})
    tap.eq(s["StackStatus"], "ROLLBACK_COMPLETE", "failure inside the nested stack rolls the parent back")
    pev, _ = L.all_events(cf, "nfail")
    pf = [e for e in pev if e["LogicalResourceId"] == "Child" and e["ResourceStatus"] == "CREATE_FAILED"]
    tap.ok(pf and pf[0]["ResourceStatusReason"].startswith("Embedded stack arn:aws:cloudformation:") and
           "was not successfully created: The following resource(s) failed to create: [" in pf[0]["ResourceStatusReason"],
           "parent resource reason: Embedded stack ... was not successfully created", pf)
    cid = pf[0]["PhysicalResourceId"] if pf else ""
    cs = cf.describe_stacks(StackName=cid)["Stacks"][0]
    tap.eq(cs["StackStatus"], "DELETE_COMPLETE", "failed child stack is deleted by the parent's rollback")
    cev, _ = L.all_events(cf, cid)
    tap.ok(any(e["LogicalResourceId"] == "R" and e.get("ResourceStatusReason") == "Repository limit" for e in cev),
           "child events hold the root cause")
    srv.stop()


def t_cli(tap):
    srv = L.Server({"delay_default": 0.05})
    path = os.path.join(srv.dir, "t.json")
    with open(path, "w") as f:
        json.dump({"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"N": {"Type": "String"}},
                   "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${N}-bucket"}}}},
                   "Outputs": {"Name": {"Value": {"Ref": "B"}, "Description": "bucket"}}}, f)
    rc, out, err = srv.cli("cloudformation", "create-stack", "--stack-name", "clistack", "--template-body",
                           "file://" + path, "--parameters", "ParameterKey=N,ParameterValue=demo")
    tap.ok(rc == 0 and out["StackId"].startswith("arn:aws:cloudformation:"), "aws cloudformation create-stack (JSON template)", err)
    time.sleep(0.5)
    rc, out, err = srv.cli("cloudformation", "describe-stacks", "--stack-name", "clistack")
    tap.ok(rc == 0 and out["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE" and
           out["Stacks"][0]["Outputs"][0]["OutputValue"] == "demo-bucket", "aws cloudformation describe-stacks with Outputs", (out, err))
    rc, out, err = srv.cli("cloudformation", "get-template-summary", "--template-body", "file://" + path)
    tap.ok(rc == 0 and out["ResourceTypes"] == ["AWS::S3::Bucket"], "aws cloudformation get-template-summary", err)
    rc, out, err = srv.cli("cloudformation", "list-stacks")
    tap.ok(rc == 0 and out["StackSummaries"][0]["StackName"] == "clistack", "aws cloudformation list-stacks", err)
    rc, out, err = srv.cli("cloudformation", "describe-stack-resources", "--stack-name", "clistack")
    tap.ok(rc == 0 and out["StackResources"][0]["PhysicalResourceId"] == "demo-bucket", "aws cloudformation describe-stack-resources", err)
    rc, out, err = srv.cli("cloudformation", "describe-stack-resource", "--stack-name", "clistack", "--logical-resource-id", "B")
    tap.ok(rc == 0 and out["StackResourceDetail"]["ResourceStatus"] == "CREATE_COMPLETE", "aws cloudformation describe-stack-resource", err)
    rc, out, err = srv.cli("cloudformation", "update-stack", "--stack-name", "clistack", "--template-body",
                           "file://" + path, "--parameters", "ParameterKey=N,ParameterValue=demo2")
    tap.ok(rc == 0 and out["StackId"].startswith("arn:aws:cloudformation:"), "aws cloudformation update-stack", err)
    time.sleep(0.5)
    rc, out, err = srv.cli("cloudformation", "describe-stacks", "--stack-name", "clistack")
    tap.ok(rc == 0 and out["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE" and
           out["Stacks"][0]["Outputs"][0]["OutputValue"] == "demo2-bucket", "update reached UPDATE_COMPLETE (CLI)", (out, err))
    rc, out, err = srv.cli("cloudformation", "describe-stack-events", "--stack-name", "clistack", "--max-items", "3")
    tap.ok(rc == 0 and len(out["StackEvents"]) == 3 and out["StackEvents"][0]["ResourceStatus"] == "UPDATE_COMPLETE",
           "aws CLI --max-items on describe-stack-events", err)
    rc, out, err = srv.cli("cloudformation", "describe-stacks", "--stack-name", "gone")
    tap.ok(rc == 255 and "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id gone does not exist" in err,
           "aws CLI prints AWS's error for a missing stack", err)
    rc, out, err = srv.cli("cloudformation", "update-stack", "--stack-name", "clistack", "--template-body",
                           "file://" + path, "--parameters", "ParameterKey=N,UsePreviousValue=true")
    tap.ok(rc == 255 and "No updates are to be performed." in err, "aws CLI: No updates are to be performed.", err)
    rc, out, err = srv.cli("cloudformation", "delete-stack", "--stack-name", "clistack")
    tap.ok(rc == 0, "aws cloudformation delete-stack", err)
    time.sleep(0.3)
    rc, out, err = srv.cli("cloudformation", "list-stacks", "--stack-status-filter", "DELETE_COMPLETE")
    tap.ok(rc == 0 and [x["StackName"] for x in out["StackSummaries"]] == ["clistack"], "list-stacks --stack-status-filter DELETE_COMPLETE", (out, err))
    srv.stop()


EIPS = """
Resources:
  Eip1: {Type: AWS::EC2::EIP, Properties: {Domain: vpc}}
  Eip2: {Type: AWS::EC2::EIP, Properties: {Domain: vpc}}
  Eip3: {Type: AWS::EC2::EIP, Properties: {Domain: vpc}}
"""


def t_eip_from_moto(tap):
    import socket
    import subprocess
    import sys as _sys
    import urllib.request
    try:
        import moto  # noqa: F401
    except ImportError:
        tap.ok(False, "moto importable for the eip_from_moto test (missing: moto)")
        return
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    moto_url = "http://127.0.0.1:%d" % port
    proc = subprocess.Popen([_sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(moto_url + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        import boto3
        ec2 = boto3.client("ec2", endpoint_url=moto_url, region_name="eu-west-1",
                           aws_access_key_id=L.AKID, aws_secret_access_key=L.SECRET)
        allocs = [ec2.allocate_address(Domain="vpc")["AllocationId"] for _ in range(3)]
        srv = L.Server({"delay_default": 0.05, "eip_quota": 5, "eip_from_moto": True, "moto_url": moto_url})
        cf = cf_and(srv)
        cf.create_stack(StackName="eips", TemplateBody=EIPS)
        s = L.wait_status(cf, "eips", {"CREATE_COMPLETE", "ROLLBACK_COMPLETE"})
        evs, _ = L.all_events(cf, "eips")
        failed = [e for e in evs if e["ResourceStatus"] == "CREATE_FAILED" and
                  e.get("ResourceStatusReason", "").startswith("The maximum number of addresses has been reached.")]
        tap.ok(s["StackStatus"] == "ROLLBACK_COMPLETE" and len(failed) == 1,
               "eip_from_moto: 3 addresses in moto + 3 EIPs > quota 5: one EIP fails, stack rolls back", s["StackStatus"])
        ec2.release_address(AllocationId=allocs[0])
        cf.delete_stack(StackName="eips")
        time.sleep(0.3)
        cf.create_stack(StackName="eips", TemplateBody=EIPS)
        s = L.wait_status(cf, "eips", {"CREATE_COMPLETE", "ROLLBACK_COMPLETE"})
        tap.eq(s["StackStatus"], "CREATE_COMPLETE", "eip_from_moto: after releasing one address in moto the stack completes")
        srv.stop()
    finally:
        proc.terminate()
        proc.wait(5)


if __name__ == "__main__":
    tap = L.Tap()
    L.need_modules(tap, "boto3", "botocore", "yaml")
    L.run_tests(tap, [t_progression, t_pagination, t_failure, t_update, t_nested, t_cli, t_eip_from_moto], parallel=True)
