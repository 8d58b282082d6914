/* test-creds-http.c - ECS container credentials and EC2 instance metadata
 * against tests/creds/fake_metadata.py, a local HTTP server started on a
 * free loopback port for each case: the IMDSv2 token flow, the IMDSv1
 * fallback, no role, malformed and expired answers, a disabled and an
 * unreachable service; ECS by relative and full URI, with the token from
 * the environment or a file, a refused host, errors and malformed answers;
 * and a role whose credential_source is the instance. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "creds-tests.h"
#include "tap.h"

static aws_credentials got;
static lo_error err = LO_ERROR_INIT;
static pid_t server;
static char *log_path;

static int get(const char *profile)
{
	struct creds_options o = { .profile = profile };
	aws_credentials_free(&got);
	return tc_get(&o, &got, &err);
}

static void start(const char *mode, const char *auth)
{
	int port = tc_server_start(mode, auth, &server);
	char *ep = xasprintf("http://127.0.0.1:%d", port);
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", ep, 1);
	setenv("FAKE_BASE", ep, 1);
	free(ep);
}

static void stop(void)
{
	tc_server_stop(server);
}

static char *server_log(void)
{
	char *s = tc_read(log_path);
	return s ? s : xstrdup("");
}

/* A loopback port that nothing listens on. */
static int closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	close(fd);
	return ntohs(a.sin_port);
}

static void imds_env(void)
{
	tc_env(NULL, NULL);
	unsetenv("AWS_EC2_METADATA_DISABLED");
}

static void test_imds(void)
{
	imds_env();
	start("imds-ok", NULL);
	is_int(get(NULL), 0, "imds: credentials through IMDSv2");
	is_str(got.source, "instance-profile (role bastion-role)", "imds: source names the role");
	is_str(got.access_key_id, "ASIAIMDSFAKEACCESSKEY", "imds: key id");
	is_str(secret_reveal(got.session_token), "FAKEimdsSESSIONtoken0123456789abcdefXYZ",
	       "imds: Token is the session token");
	ok(got.expiration > creds_now() + 3600, "imds: expiration");
	char *log = server_log();
	is_str(log,
	       "PUT /latest/api/token ttl=21600 token=no auth=None\n"
	       "GET /latest/meta-data/iam/security-credentials/ ttl=None token=yes auth=None\n"
	       "GET /latest/meta-data/iam/security-credentials/bastion-role ttl=None token=yes "
	       "auth=None\n",
	       "imds: token first, then role and credentials with the token");
	free(log);
	stop();

	imds_env();
	start("imds-v1", NULL);
	is_int(get(NULL), 0, "imds: falls back to IMDSv1 when the token is refused");
	setenv("AWS_EC2_METADATA_V1_DISABLED", "true", 1);
	is_int(get(NULL), LO_EXIT_ENV, "imds: ...unless IMDSv1 is disabled");
	ok(tc_has(&err, "IMDSv1 is disabled"), "imds: ...which it says");
	stop();

	static const struct {
		const char *mode, *needle, *what;
	} bad[] = {
		{ "imds-norole", "no IAM role", "no role attached" },
		{ "imds-malformed", "not valid JSON", "malformed credentials" },
		{ "imds-expired", "expired", "expired credentials" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		imds_env();
		start(bad[i].mode, NULL);
		is_int(get(NULL), LO_EXIT_ENV, "imds: %s is an error", bad[i].what);
		ok(tc_has(&err, bad[i].needle) && tc_no_secret(&err), "imds: %s explained (%s)",
		   bad[i].what, err.message);
		stop();
	}

	imds_env();
	start("imds-ok", NULL);
	setenv("AWS_EC2_METADATA_DISABLED", "TRUE", 1);
	is_int(get(NULL), LO_EXIT_ENV, "imds: disabled");
	ok(tc_has(&err, "no AWS credentials found"), "imds: disabled means no credentials");
	char *log2 = server_log();
	is_str(log2, "", "imds: disabled asks nothing");
	free(log2);
	stop();

	imds_env();
	char *ep = xasprintf("http://127.0.0.1:%d/", closed_port());
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", ep, 1);
	free(ep);
	is_int(get(NULL), LO_EXIT_ENV, "imds: unreachable");
	ok(tc_has(&err, "no AWS credentials found") && tc_has(&err, "aws configure"),
	   "imds: unreachable means no credentials, with the hint");

	start("imds-ok", NULL);
	char *cfg = xasprintf("[default]\nec2_metadata_service_endpoint = %s\n",
			      getenv("FAKE_BASE"));
	tc_env(cfg, NULL);
	unsetenv("AWS_EC2_METADATA_DISABLED");
	is_int(get(NULL), 0, "imds: the endpoint from the profile's config-file key");
	stop();
	free(cfg);

	/* A role whose source is the instance. */
	tc_env("[profile bastion]\nrole_arn = arn:aws:iam::1:role/Deploy\n"
	       "credential_source = Ec2InstanceMetadata\n", NULL);
	unsetenv("AWS_EC2_METADATA_DISABLED");
	start("imds-ok", NULL);
	is_int(get("bastion"), 0, "imds: credential_source Ec2InstanceMetadata");
	is_str(tc_sts.source_key_id, "ASIAIMDSFAKEACCESSKEY", "imds: ...signs the AssumeRole");
	is_str(got.source, "assume-role (profile bastion via Ec2InstanceMetadata)",
	       "imds: ...source");
	stop();
}

static void ecs_env(void)
{
	tc_env(NULL, NULL);
}

static void test_ecs(void)
{
	creds_set_container_retry_delay(0);
	ecs_env();
	start("ecs-ok", "FAKEecsAUTHtoken0123456789");
	creds_set_container_base(getenv("FAKE_BASE"));
	setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc", 1);
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "FAKEecsAUTHtoken0123456789", 1);
	is_int(get(NULL), 0, "ecs: relative URI with a token");
	is_str(got.source, "container-role", "ecs: source");
	is_str(got.access_key_id, "ASIAECSFAKEACCESSKEY", "ecs: key id");
	char *log = server_log();
	is_str(log, "GET /v2/credentials/abc ttl=None token=no auth=FAKEecsAUTHtoken0123456789\n",
	       "ecs: GET the relative URI with the Authorization header");
	free(log);
	creds_set_container_base(NULL);

	unsetenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	unsetenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	char *full = xasprintf("%s/creds", getenv("FAKE_BASE"));
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", full, 1);
	char *tok = tc_write("ecs-token", "FAKEecsAUTHtoken0123456789\n");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tok, 1);
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong", 1);
	is_int(get(NULL), 0, "ecs: full URI on loopback, token file beats the variable");

	unsetenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "FAKEecsAUTHtoken0123456789\nX-Evil: 1", 1);
	is_int(get(NULL), LO_EXIT_ENV, "ecs: a token with a line break is refused");
	ok(tc_has(&err, "line break") && tc_no_secret(&err), "ecs: ...without showing it");

	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong", 1);
	is_int(get(NULL), LO_EXIT_ENV, "ecs: a refused token is an error");
	ok(tc_has(&err, "HTTP 401"), "ecs: ...with the status");
	stop();

	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/creds", 1);
	is_int(get(NULL), LO_EXIT_ENV, "ecs: a host outside the allowed list is refused");
	ok(tc_has(&err, "unsupported host '192.0.2.10'") && tc_has(&err, "169.254.170.23"),
	   "ecs: ...naming the host and the allowed ones");
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[fd00:ec2::24]/creds", 1);
	is_int(get(NULL), LO_EXIT_ENV, "ecs: an IPv6 host outside the list is refused");

	static const struct {
		const char *mode, *needle, *what;
	} bad[] = {
		{ "ecs-500", "HTTP 500", "a server error" },
		{ "ecs-malformed", "not valid JSON", "a malformed answer" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ecs_env();
		start(bad[i].mode, NULL);
		free(full);
		full = xasprintf("%s/creds", getenv("FAKE_BASE"));
		setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", full, 1);
		is_int(get(NULL), LO_EXIT_ENV, "ecs: %s is an error", bad[i].what);
		ok(tc_has(&err, bad[i].needle) && tc_no_secret(&err), "ecs: %s explained (%s)",
		   bad[i].what, err.message);
		char *l = server_log();
		size_t n = 0;
		for (char *p = l; (p = strchr(p, '\n')); p++)
			n++;
		is_int((long long)n, 3, "ecs: %s is tried 3 times", bad[i].what);
		free(l);
		stop();
	}

	ecs_env();
	char *url = xasprintf("http://127.0.0.1:%d/creds", closed_port());
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
	is_int(get(NULL), LO_EXIT_ENV, "ecs: configured but unreachable is an error");
	ok(tc_has(&err, "cannot reach"), "ecs: ...saying it cannot reach it");
	free(url);
	free(full);
	free(tok);
}

int main(void)
{
	log_path = tc_path("server.log");
	test_imds();
	test_ecs();
	tc_check_errors();
	aws_credentials_free(&got);
	lo_error_clear(&err);
	free(log_path);
	return done_testing();
}
