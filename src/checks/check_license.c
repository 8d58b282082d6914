/* check_license.c - license: License Manager ListReceivedLicenses and
 * ListReceivedGrants at once (every page), then eval_license; and the
 * blocking lookup and accept-and-activate behind license.h.
 *
 * The check itself changes nothing.  Accepting is AcceptGrant (the grant
 * goes from PENDING_ACCEPT to DISABLED) and activating is
 * CreateGrantVersion with Status ACTIVE, as the Marketplace console does;
 * the client token is random so a retried call is not applied twice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aws/ops.h"
#include "checks/aws_checks.h"
#include "checks/license.h"
#include "core/i18n.h"

enum { SLOT_LICENSES, SLOT_GRANTS };

static const char *const slot_action[] = {
	[SLOT_LICENSES] = "license-manager:ListReceivedLicenses",
	[SLOT_GRANTS] = "license-manager:ListReceivedGrants",
};
static const char *const slot_op[] = {
	[SLOT_LICENSES] = "ListReceivedLicenses",
	[SLOT_GRANTS] = "ListReceivedGrants",
};
static const char *const slot_key[] = {
	[SLOT_LICENSES] = "Licenses",
	[SLOT_GRANTS] = "Grants",
};

static void list_request(struct aws_request *req, int slot)
{
	*req = (struct aws_request){ .service = "license-manager", .operation = slot_op[slot],
				     .json = "{}", .input_token = "NextToken",
				     .output_token = "NextToken" };
}

const char *license_id(const char *arn)
{
	const char *p = arn ? strstr(arn, "license:") : NULL;
	return p ? p + strlen("license:") : (arn ? arn : "?");
}

/* ---- the check ---- */

struct license_job {
	struct aws_job job;
	json_t *lists[2];
};

static void license_free(struct aws_job *job)
{
	struct license_job *st = (struct license_job *)job;
	json_decref(st->lists[0]);
	json_decref(st->lists[1]);
	free(st);
}

static void on_list(struct aws_job *job, int slot, struct aws_response *resp,
		    const struct aws_error *e)
{
	struct license_job *st = (struct license_job *)job;
	if (e)
		aws_job_note_error(job, e, slot_action[slot]);
	else
		st->lists[slot] = check_aws_pages_array(resp, slot_key[slot]);
}

static void license_finish(struct aws_job *job)
{
	struct license_job *st = (struct license_job *)job;
	if (aws_job_fail_noted(job))
		return;
	struct eval_license_result res = { 0 };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_license(st->lists[SLOT_LICENSES], st->lists[SLOT_GRANTS], time(NULL), &res, &v);
	if (res.state == LICENSE_GRANTED || res.state == LICENSE_ACCEPTED) {
		strbuf sb = STRBUF_INIT;
		sb_appendf(&sb, "%s%s", v.hint ? v.hint : "", v.hint ? " " : "");
		sb_appendf(&sb, _("Or run `liftoff preflight --accept-license`."));
		free(v.hint);
		v.hint = sb_detach(&sb);
	}
	eval_license_result_free(&res);
	aws_job_complete(job, &v);
}

void check_run_license(struct check_run *run)
{
	struct license_job *st = xcalloc(1, sizeof *st);
	aws_job_begin(&st->job, run, license_finish, license_free);
	for (int slot = SLOT_LICENSES; slot <= SLOT_GRANTS; slot++) {
		struct aws_request req;
		list_request(&req, slot);
		aws_job_call(&st->job, slot, &req, on_list);
	}
	aws_job_release(&st->job);
}

/* ---- blocking, for the wizard and the CLI ---- */

int license_lookup(aws_client *c, time_t now, struct eval_license_result *res,
		   struct eval_verdict *v, struct aws_error *detail, lo_error *err)
{
	json_t *lists[2] = { NULL, NULL };
	int rc = LO_EXIT_OK;
	for (int slot = SLOT_LICENSES; slot <= SLOT_GRANTS && rc == LO_EXIT_OK; slot++) {
		struct aws_request req;
		struct aws_response resp;
		list_request(&req, slot);
		rc = aws_call_sync(c, &req, &resp, detail, err);
		if (rc == LO_EXIT_OK) {
			lists[slot] = check_aws_pages_array(&resp, slot_key[slot]);
			aws_response_free(&resp);
		}
	}
	if (rc == LO_EXIT_OK) {
		memset(res, 0, sizeof *res);
		eval_license(lists[SLOT_LICENSES], lists[SLOT_GRANTS], now, res, v);
	}
	json_decref(lists[0]);
	json_decref(lists[1]);
	return rc;
}

/* 32 hex digits from /dev/urandom (the pid and time without it). */
static char *client_token(void)
{
	unsigned char b[16] = { 0 };
	FILE *f = fopen("/dev/urandom", "rb");
	if (!f || fread(b, 1, sizeof b, f) != sizeof b) {
		long long t = loop_now_ms() ^ ((long long)getpid() << 20);
		memcpy(b, &t, sizeof t);
	}
	if (f)
		fclose(f);
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sizeof b; i++)
		sb_appendf(&sb, "%02x", b[i]);
	return sb_detach(&sb);
}

int license_accept_activate(aws_client *c, time_t now, struct eval_license_result *res,
			    struct eval_verdict *v, struct aws_error *detail, lo_error *err)
{
	if (res->state == LICENSE_ACTIVE)
		return LO_EXIT_OK;
	if ((res->state != LICENSE_GRANTED && res->state != LICENSE_ACCEPTED) || !res->grant_arn) {
		lo_error_set(err, LO_EXIT_FAIL, v->hint, _("there is no license to accept: %s"),
			     v->detail ? v->detail : eval_license_state_name(res->state));
		return LO_EXIT_FAIL;
	}
	struct lm_grant_state gs = { 0 };
	int rc = LO_EXIT_OK;
	if (res->state == LICENSE_GRANTED) {
		rc = lm_accept_grant(c, res->grant_arn, &gs, detail, err);
		lm_grant_state_free(&gs);
	}
	if (rc == LO_EXIT_OK) {
		char *token = client_token();
		rc = lm_create_grant_version(c, res->grant_arn, token, "ACTIVE", NULL, &gs, detail,
					     err);
		lm_grant_state_free(&gs);
		free(token);
	}
	if (rc != LO_EXIT_OK)
		return rc;
	eval_license_result_free(res);
	eval_verdict_free(v);
	return license_lookup(c, now, res, v, detail, err);
}
