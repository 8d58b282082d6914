#!/usr/bin/env python3
"""preflight-fixtures.py - fixtures for test-preflight-aws.sh and the
benchmark: certificates made with `cryptography`, AWS resources made in moto
with boto3, and a small HTTPS server for the identity-provider documents.

  certs DIR                 a CA, a server certificate for 127.0.0.1 signed by
                            it, and leaf certificates (NAME.pem / NAME.key):
                            good (spacelift.mycorp.com, a year), expiring (in
                            10 days), other (other.example.com), saml-good,
                            saml-expired (moto refuses to import an expired one)
  acm-import REGION NAME DIR    import DIR/NAME.pem into ACM; prints the ARN
  acm-request DOMAIN        request a DNS-validated certificate; prints the ARN
  sns NAME POLICY|-         create a topic, set its Policy (JSON text); ARN
  kms [disable|delete]      create a key (then disable it or schedule its
                            deletion); prints the ARN
  ssm NAME VALUE KEY_ARN    put a SecureString; prints the parameter's ARN
  secret NAME VALUE KEY_ARN a Secrets Manager secret; prints its ARN
  serve DIR CERT KEY PORTFILE   HTTPS on 127.0.0.1, a free port written to
                            PORTFILE, files from DIR
  sts ARN PORTFILE          HTTP on 127.0.0.1 answering every POST with a
                            GetCallerIdentity for ARN (moto's STS follows the
                            signing region's partition, so GovCloud
                            credentials in a commercial region need this)
Endpoint, region and credentials come from the environment (moto.sh)."""
import datetime
import http.server
import os
import ssl
import sys


def client(service, region=None):
    import boto3
    return boto3.client(service, region_name=region or os.environ.get("AWS_REGION", "eu-west-1"))


def make_certs(d):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    import ipaddress
    now = datetime.datetime.now(datetime.timezone.utc)
    day = datetime.timedelta(days=1)

    def key():
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def write(name, k, cert):
        with open(os.path.join(d, name + ".key"), "wb") as f:
            f.write(k.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.TraditionalOpenSSL,
                                    serialization.NoEncryption()))
        with open(os.path.join(d, name + ".pem"), "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))

    def build(cn, k, issuer, issuer_key, start, end, ca=False, sans=None, ips=None):
        b = (x509.CertificateBuilder()
             .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
             .issuer_name(issuer).public_key(k.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(start).not_valid_after(end)
             .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        names = [x509.DNSName(n) for n in (sans or [])]
        names += [x509.IPAddress(ipaddress.ip_address(i)) for i in (ips or [])]
        if names:
            b = b.add_extension(x509.SubjectAlternativeName(names), critical=False)
        return b.sign(issuer_key or k, hashes.SHA256())

    ca_key = key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "liftoff test CA")])
    ca = build("liftoff test CA", ca_key, ca_name, ca_key, now - day, now + 30 * day, ca=True)
    write("ca", ca_key, ca)
    k = key()
    write("server", k, build("127.0.0.1", k, ca_name, ca_key, now - day, now + 30 * day,
                             sans=["localhost"], ips=["127.0.0.1"]))
    leaves = {
        "good": ("spacelift.mycorp.com", now - day, now + 365 * day),
        "expiring": ("spacelift.mycorp.com", now - 300 * day, now + 10 * day),
        "other": ("other.example.com", now - day, now + 365 * day),
        "saml-good": ("idp.mycorp.com", now - day, now + 365 * day),
        "saml-expired": ("idp.mycorp.com", now - 400 * day, now - 10 * day),
    }
    for name, (cn, start, end) in leaves.items():
        k = key()
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
        write(name, k, build(cn, k, subject, k, start, end, sans=[cn]))


def serve(d, cert, keyfile, portfile):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=d, **kw)

        def log_message(self, *a):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, keyfile)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(httpd.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    httpd.serve_forever()


STS_ANSWER = """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>%s</Arn><UserId>AIDAEXAMPLE</UserId>
  <Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>0f1e2d3c-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"""


def sts(arn, portfile):
    class Canned(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = (STS_ANSWER % arn).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Canned)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(httpd.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    httpd.serve_forever()


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "certs":
        make_certs(args[0])
    elif cmd == "acm-import":
        region, name, d = args
        read = lambda ext: open(os.path.join(d, name + ext), "rb").read()
        print(client("acm", region).import_certificate(Certificate=read(".pem"),
                                                       PrivateKey=read(".key"))["CertificateArn"])
    elif cmd == "acm-request":
        print(client("acm").request_certificate(DomainName=args[0],
                                                ValidationMethod="DNS")["CertificateArn"])
    elif cmd == "sns":
        sns = client("sns")
        arn = sns.create_topic(Name=args[0])["TopicArn"]
        if args[1] != "-":
            sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=args[1])
        print(arn)
    elif cmd == "kms":
        kms = client("kms")
        meta = kms.create_key(Description="liftoff test")["KeyMetadata"]
        if args and args[0] == "disable":
            kms.disable_key(KeyId=meta["KeyId"])
        elif args and args[0] == "delete":
            kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
        print(meta["Arn"])
    elif cmd == "ssm":
        ssm = client("ssm")
        name, value, key = args
        ssm.put_parameter(Name=name, Value=value, Type="SecureString", KeyId=key, Overwrite=True)
        print(ssm.get_parameter(Name=name)["Parameter"]["ARN"])
    elif cmd == "secret":
        name, value, key = args
        print(client("secretsmanager").create_secret(Name=name, SecretString=value,
                                                     KmsKeyId=key)["ARN"])
    elif cmd == "serve":
        serve(*args)
    elif cmd == "sts":
        sts(*args)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
