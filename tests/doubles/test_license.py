# test_license.py - License Manager and Service Quotas doubles, driven with
# boto3 and the AWS CLI: every license scenario, the accept/activate flow,
# pagination, filters, quota values, NoSuchResource and AccessDenied.
import sys
import sys  # noqa: E402
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import testlib as L  # noqa: E402

SPACELIFT = lambda l: l["Issuer"]["Name"] == "Spacelift" and "Spacelift" in l["ProductName"]


def t_scenarios(tap):
    srv = L.Server({"license": "none"})
    lm = srv.client("license-manager")
    tap.eq(lm.list_received_licenses()["Licenses"], [], "license=none: no received licenses")
    tap.eq(lm.list_received_grants()["Grants"], [], "license=none: no received grants")
    for kind, gstatus, lstatus in [("pending", "PENDING_ACCEPT", "AVAILABLE"),
                                   ("accepted", "DISABLED", "AVAILABLE"),
                                   ("active", "ACTIVE", "AVAILABLE"),
                                   ("expired", "ACTIVE", "EXPIRED")]:
        srv.scenario({"license": kind})
        lics = lm.list_received_licenses()["Licenses"]
        grants = lm.list_received_grants()["Grants"]
        ok = len(lics) == 1 and SPACELIFT(lics[0]) and lics[0]["Status"] == lstatus
        tap.ok(ok, "license=%s: one Spacelift license, status %s" % (kind, lstatus), lics)
        tap.ok(len(grants) == 1 and grants[0]["GrantStatus"] == gstatus and
               grants[0]["LicenseArn"] == lics[0]["LicenseArn"],
               "license=%s: grant %s for that license" % (kind, gstatus), grants)
        tap.eq(lics[0]["ReceivedMetadata"]["ReceivedStatus"], gstatus, "license=%s: ReceivedStatus" % kind)
        got = lm.get_license(LicenseArn=lics[0]["LicenseArn"])["License"]
        tap.eq(got["LicenseArn"], lics[0]["LicenseArn"], "license=%s: GetLicense answers" % kind)
    from datetime import datetime, timezone
    end = datetime.strptime(got["Validity"]["End"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    tap.ok(end < datetime.now(timezone.utc), "expired license: Validity.End in the past", got["Validity"])
    srv.scenario({"license": "other-product"})
    lics = lm.list_received_licenses()["Licenses"]
    tap.ok(len(lics) == 1 and not SPACELIFT(lics[0]), "other-product: a license, not Spacelift's", lics)
    srv.scenario({"license": ["other-product", "pending"]})
    lics = lm.list_received_licenses()["Licenses"]
    tap.eq(len(lics), 2, "a list of license states seeds several licenses")
    f = lm.list_received_licenses(Filters=[{"Name": "IssuerName", "Values": ["Spacelift"]}])["Licenses"]
    tap.ok(len(f) == 1 and SPACELIFT(f[0]), "Filters IssuerName=Spacelift", f)
    p1 = lm.list_received_licenses(MaxResults=1)
    p2 = lm.list_received_licenses(MaxResults=1, NextToken=p1["NextToken"])
    tap.ok(len(p1["Licenses"]) == 1 and len(p2["Licenses"]) == 1 and "NextToken" not in p2 and
           p1["Licenses"][0]["LicenseArn"] != p2["Licenses"][0]["LicenseArn"],
           "ListReceivedLicenses paginates with MaxResults/NextToken")
    g1 = lm.list_received_grants(MaxResults=1)
    g2 = lm.list_received_grants(MaxResults=1, NextToken=g1["NextToken"])
    tap.ok(len(g1["Grants"]) + len(g2["Grants"]) == 2 and "NextToken" not in g2,
           "ListReceivedGrants paginates with MaxResults/NextToken")
    tap.raises(lambda: lm.get_license(LicenseArn="arn:aws:license-manager::1:license:l-0"),
               "InvalidParameterValueException", "GetLicense on an unknown ARN fails")
    srv.stop()


def t_accept_activate(tap):
    srv = L.Server({"license": "pending"})
    lm = srv.client("license-manager")
    g = lm.list_received_grants()["Grants"][0]
    tap.raises(lambda: lm.create_grant_version(GrantArn=g["GrantArn"], ClientToken="t1", Status="ACTIVE"),
               "ValidationException", "CreateGrantVersion ACTIVE before AcceptGrant is refused")
    r = lm.accept_grant(GrantArn=g["GrantArn"])
    tap.eq((r["GrantArn"], r["Status"]), (g["GrantArn"], "DISABLED"), "AcceptGrant: grant accepted, DISABLED")
    tap.raises(lambda: lm.accept_grant(GrantArn=g["GrantArn"]), "ValidationException", "AcceptGrant twice is refused")
    r = lm.create_grant_version(GrantArn=g["GrantArn"], ClientToken="t2", Status="ACTIVE")
    tap.eq((r["Status"], r["Version"]), ("ACTIVE", "2"), "CreateGrantVersion ACTIVE: new version, ACTIVE")
    tap.eq(lm.list_received_grants()["Grants"][0]["GrantStatus"], "ACTIVE", "ListReceivedGrants shows ACTIVE")
    r = lm.create_grant_version(GrantArn=g["GrantArn"], ClientToken="t3", Status="DISABLED")
    tap.eq(r["Status"], "DISABLED", "CreateGrantVersion DISABLED deactivates")
    tap.raises(lambda: lm.accept_grant(GrantArn=g["GrantArn"] + "x"), "InvalidParameterValueException",
               "AcceptGrant on an unknown grant fails")
    # the AWS CLI parses the same answers
    rc, out, err = srv.cli("license-manager", "list-received-grants")
    tap.ok(rc == 0 and out["Grants"][0]["GrantStatus"] == "DISABLED", "aws license-manager list-received-grants", err)
    srv.scenario({"license": "pending"})
    g2 = lm.list_received_grants()["Grants"][0]["GrantArn"]
    rc, out, err = srv.cli("license-manager", "accept-grant", "--grant-arn", g2)
    tap.ok(rc == 0 and out["Status"] == "DISABLED", "aws license-manager accept-grant", err)
    g = {"GrantArn": g2}
    rc, out, err = srv.cli("license-manager", "create-grant-version", "--grant-arn", g["GrantArn"],
                           "--client-token", "t4", "--status", "ACTIVE")
    tap.ok(rc == 0 and out["Status"] == "ACTIVE", "aws license-manager create-grant-version --status ACTIVE", err)
    rc, out, err = srv.cli("license-manager", "list-received-licenses")
    tap.ok(rc == 0 and SPACELIFT(out["Licenses"][0]), "aws license-manager list-received-licenses", err)
    rc, out, err = srv.cli("license-manager", "get-license", "--license-arn", out["Licenses"][0]["LicenseArn"])
    tap.ok(rc == 0 and out["License"]["Issuer"]["Name"] == "Spacelift", "aws license-manager get-license", err)
    srv.stop()


def t_quotas(tap):
    srv = L.Server({"eip_quota": 5})
    sq = srv.client("service-quotas")
    q = sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3")["Quota"]
    tap.ok(q["Value"] == 5.0 and q["QuotaName"] == "EC2-VPC Elastic IPs" and q["QuotaCode"] == "L-0263D0A3",
           "GetServiceQuota ec2/L-0263D0A3 = 5 (EC2-VPC Elastic IPs)", q)
    srv.scenario({"eip_quota": 2})
    tap.eq(sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3")["Quota"]["Value"], 2.0,
           "quota value follows the scenario")
    tap.raises(lambda: sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-00000000"),
               "NoSuchResourceException", "unknown quota code: NoSuchResourceException")
    tap.raises(lambda: sq.get_service_quota(ServiceCode="nosuch", QuotaCode="L-0263D0A3"),
               "NoSuchResourceException", "unknown service code: NoSuchResourceException")
    srv.scenario({"eip_quota": 8, "quota_applied": False})
    tap.raises(lambda: sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3"),
               "NoSuchResourceException", "quota_applied=false: GetServiceQuota has no applied value")
    tap.eq(sq.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3")["Quota"]["Value"], 5.0,
           "GetAWSDefaultServiceQuota answers AWS's default (5)")
    srv.scenario({"quota_denied": True})
    tap.raises(lambda: sq.get_service_quota(ServiceCode="ec2", QuotaCode="L-0263D0A3"),
               "AccessDeniedException", "quota_denied: AccessDeniedException")
    rc, out, err = srv.cli("service-quotas", "get-service-quota", "--service-code", "ec2", "--quota-code", "L-0263D0A3")
    tap.ok(rc != 0 and "AccessDeniedException" in err, "aws CLI shows AccessDeniedException", err)
    srv.scenario({"quota_denied": False, "eip_quota": 7}, merge=True)
    rc, out, err = srv.cli("service-quotas", "get-service-quota", "--service-code", "ec2", "--quota-code", "L-0263D0A3")
    tap.ok(rc == 0 and out["Quota"]["Value"] == 7.0, "aws service-quotas get-service-quota parses the answer", err)
    import urllib.request
    try:
        srv.scenario({"no_such_knob": 1})
        tap.ok(False, "an unknown scenario key is refused")
    except urllib.error.HTTPError as e:
        tap.eq(e.code, 400, "an unknown scenario key is refused")
    srv.stop()


if __name__ == "__main__":
    tap = L.Tap()
    L.need_modules(tap, "boto3", "botocore", "yaml")
    L.run_tests(tap, [t_scenarios, t_accept_activate, t_quotas], parallel=True)
