#!/usr/bin/env python3
"""moto_fixtures.py - create the AWS resources the moto integration test
reads back through liftoff (boto3 honours AWS_ENDPOINT_URL), and print
what the test needs to know as KEY=VALUE lines."""
import json

import boto3

REGION = "eu-west-1"
TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "liftoff test stack",
    "Parameters": {
        "Env": {"Type": "String", "Default": "test", "Description": "environment"},
        "Secret": {"Type": "String", "NoEcho": True, "Default": "x"},
    },
    "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "liftoff-cfn-topic"}}},
    "Outputs": {"TopicArn": {"Value": {"Ref": "Topic"}}},
}


def main():
    out = {}
    ec2 = boto3.client("ec2", region_name=REGION)
    eip = ec2.allocate_address(Domain="vpc")
    ec2.create_tags(Resources=[eip["AllocationId"]], Tags=[{"Key": "Name", "Value": "liftoff-eip"}])
    out["EIP"] = eip["PublicIp"]
    out["EIP_ALLOC"] = eip["AllocationId"]

    sns = boto3.client("sns", region_name=REGION)
    out["TOPIC_ARN"] = sns.create_topic(Name="liftoff-topic")["TopicArn"]

    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name="/liftoff/db-url", Value="postgres://u:s3cret@db/x", Type="SecureString")
    for i in range(12):
        ssm.put_parameter(Name=f"/liftoff/many/p{i:02d}", Value=str(i), Type="String")

    kms = boto3.client("kms", region_name=REGION)
    out["KEY_ID"] = kms.create_key(Description="liftoff key")["KeyMetadata"]["KeyId"]

    sm = boto3.client("secretsmanager", region_name=REGION)
    out["SECRET_ARN"] = sm.create_secret(Name="liftoff/secret", SecretString="hush", Description="d",
                                         Tags=[{"Key": "app", "Value": "liftoff"}])["ARN"]

    acm = boto3.client("acm", region_name=REGION)
    out["CERT_ARN"] = acm.request_certificate(DomainName="spacelift.example.com",
                                              SubjectAlternativeNames=["*.spacelift.example.com"])["CertificateArn"]

    cfn = boto3.client("cloudformation", region_name=REGION)
    out["STACK_ID"] = cfn.create_stack(StackName="liftoff-stack", TemplateBody=json.dumps(TEMPLATE),
                                       Parameters=[{"ParameterKey": "Env", "ParameterValue": "prod"}])["StackId"]
    for i in range(3):
        cfn.create_stack(StackName=f"liftoff-extra-{i}", TemplateBody=json.dumps(TEMPLATE))
    out["TEMPLATE"] = json.dumps(TEMPLATE)

    cw = boto3.client("cloudwatch", region_name=REGION)
    cw.put_metric_alarm(AlarmName="liftoff-alarm", MetricName="CPUUtilization", Namespace="AWS/EC2",
                        Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=80,
                        ComparisonOperator="GreaterThanThreshold")

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24",
                                 AvailabilityZone=f"{REGION}{az}")["Subnet"]["SubnetId"]
               for i, az in enumerate("ab")]
    elb = boto3.client("elbv2", region_name=REGION)
    elb.create_load_balancer(Name="liftoff-lb", Subnets=subnets, Scheme="internet-facing")

    iam = boto3.client("iam", region_name=REGION)
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                                                     "Action": "sts:AssumeRole"}]}
    out["ROLE_ARN"] = iam.create_role(RoleName="liftoff-role",
                                      AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    for k, v in out.items():
        if k != "TEMPLATE":
            print(f"{k}={v}")


if __name__ == "__main__":
    main()
