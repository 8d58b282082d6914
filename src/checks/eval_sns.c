/* eval_sns.c - the SNS topic's access policy, evaluated for one request:
 * principal service cloudwatch.amazonaws.com, action SNS:Publish,
 * resource the topic ARN.  That is what every CloudWatch alarm the
 * installer creates will do.
 *
 * Each statement is matched the way IAM does it: Principal or
 * NotPrincipal ("*", {"AWS": "*"}, {"Service": ...}, lists; an AWS
 * account or role never grants a service), Action or NotAction (a string
 * or a list, '*' and '?' wildcards, case-insensitive), Resource or
 * NotResource (wildcards against the topic ARN; a statement with neither
 * applies to the topic it is attached to).  Most Conditions cannot be
 * evaluated here (they depend on the request), so a conditional statement
 * counts as "maybe" -- except the two that AWS recommends for CloudWatch
 * alarms, aws:SourceAccount and aws:SourceArn, which every alarm of this
 * account and region satisfies: a statement whose conditions are only
 * those, and match, counts as unconditional.  Then:
 *   - an unconditional Deny that matches wins: FAIL naming its Sid;
 *   - no Allow at all: FAIL, with the statement to add;
 *   - a conditional Deny: WARN, it may block the alarms;
 *   - only conditional Allows: WARN "allowed only under conditions: ...";
 *   - an unconditional Allow to everyone ("*"): WARN, the topic is open;
 *   - otherwise PASS. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/eval_sns.h"
#include "core/i18n.h"

#define REQUEST_ACTION "sns:Publish"

/* What one statement says about the request. */
struct stmt_match {
	bool applies;       /* principal, action and resource all match */
	bool open;          /* the principal matched as "everyone" */
	bool conditional;   /* a non-empty Condition */
};

/* What the whole policy says. */
struct policy_eval {
	char *hard_deny;     /* Sid of the first unconditional matching Deny */
	strbuf cond_deny;    /* "Sid (keys)", ... */
	bool allow;          /* an unconditional matching Allow */
	bool allow_specific; /* ... that names the service, not everyone */
	strbuf open_allow;   /* Sids of unconditional Allows to everyone */
	strbuf cond_allow;   /* "Sid (keys)", ... */
	json_t *granted_by;  /* Sids */
};

/* A string or a list of strings: does any match? */
static bool any_string(const json_t *v, bool (*match)(const char *, const void *),
		       const void *arg)
{
	if (json_is_string(v))
		return match(json_string_value(v), arg);
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
		if (json_is_string(e) && match(json_string_value(e), arg))
			return true;
	return false;
}

static bool is_star(const char *s, const void *arg)
{
	(void)arg;
	return strcmp(s, "*") == 0;
}

static bool is_service(const char *s, const void *arg)
{
	(void)arg;
	return strcasecmp(s, EVAL_SNS_PRINCIPAL) == 0;
}

static bool action_matches(const char *pattern, const void *arg)
{
	(void)arg;
	return eval_glob(pattern, REQUEST_ACTION, true);
}

static bool resource_matches(const char *pattern, const void *topic)
{
	return eval_glob(pattern, topic, false);
}

/* Does a Principal value name our service?  *open says it matched as
 * "everyone". */
static bool principal_names(const json_t *p, bool *open)
{
	*open = false;
	if (json_is_string(p)) {
		*open = strcmp(json_string_value(p), "*") == 0;
		return *open;
	}
	if (!json_is_object(p))
		return false;
	if (any_string(json_object_get(p, "AWS"), is_star, NULL)) {
		*open = true;
		return true;
	}
	return any_string(json_object_get(p, "Service"), is_service, NULL);
}

static bool principal_applies(const json_t *st, bool *open)
{
	const json_t *p = json_object_get(st, "Principal");
	if (p)
		return principal_names(p, open);
	p = json_object_get(st, "NotPrincipal");
	if (!p)
		return false;
	bool star;
	bool named = principal_names(p, &star);
	*open = !named; /* everyone but the listed principals */
	return !named;
}

static bool action_applies(const json_t *st)
{
	const json_t *a = json_object_get(st, "Action");
	if (a)
		return any_string(a, action_matches, NULL);
	a = json_object_get(st, "NotAction");
	return a && !any_string(a, action_matches, NULL);
}

static bool resource_applies(const json_t *st, const char *topic)
{
	const json_t *r = json_object_get(st, "Resource");
	if (r)
		return any_string(r, resource_matches, topic);
	r = json_object_get(st, "NotResource");
	return !r || !any_string(r, resource_matches, topic);
}

/* Does one condition value admit the alarms' requests? */
static bool condition_value_ok(const char *op, const char *key, const char *value,
			       const char *account, const char *alarm_arn)
{
	bool like = strcasecmp(op, "StringLike") == 0 || strcasecmp(op, "ArnLike") == 0;
	bool equals = strcasecmp(op, "StringEquals") == 0 || strcasecmp(op, "ArnEquals") == 0;
	const char *want = strcasecmp(key, "aws:SourceAccount") == 0 ? account
			 : strcasecmp(key, "aws:SourceArn") == 0 ? alarm_arn : NULL;
	if (!want || !value || (!like && !equals))
		return false;
	return like ? eval_glob(value, want, false) : strcmp(value, want) == 0;
}

/* True when every condition is on aws:SourceAccount or aws:SourceArn and
 * admits a CloudWatch alarm of the topic's own account and region. */
static bool conditions_met_by_alarms(const json_t *st, const char *topic)
{
	char *partition = eval_arn_field(topic, 1), *region = eval_arn_field(topic, 3);
	char *account = eval_arn_field(topic, 4);
	char *alarm_arn = xasprintf("arn:%s:cloudwatch:%s:%s:alarm:spacelift-alarm",
				    partition ? partition : "", region ? region : "",
				    account ? account : "");
	const char *op, *key;
	json_t *block, *val;
	json_t *cond = json_object_get(st, "Condition");
	bool met = json_object_size(cond) > 0;
	json_object_foreach(cond, op, block) {
		json_object_foreach(block, key, val) {
			bool any = false;
			if (json_is_string(val))
				any = condition_value_ok(op, key, json_string_value(val), account,
							 alarm_arn);
			for (size_t i = 0; json_is_array(val) && i < json_array_size(val); i++)
				any = any || condition_value_ok(op, key,
					json_string_value(json_array_get(val, i)), account, alarm_arn);
			met = met && any;
		}
	}
	free(partition);
	free(region);
	free(account);
	free(alarm_arn);
	return met;
}

static struct stmt_match statement_match(const json_t *st, const char *topic)
{
	struct stmt_match m = { false, false, false };
	m.applies = principal_applies(st, &m.open) && action_applies(st) &&
		    resource_applies(st, topic);
	const json_t *c = json_object_get(st, "Condition");
	m.conditional = json_is_object(c) && json_object_size(c) > 0 &&
			!conditions_met_by_alarms(st, topic);
	return m;
}

/* "StringEquals AWS:SourceOwner, Bool aws:SecureTransport" */
static void condition_keys(const json_t *st, strbuf *sb)
{
	const char *op, *key;
	json_t *block, *val;
	bool first = true;
	json_object_foreach(json_object_get(st, "Condition"), op, block) {
		json_object_foreach(block, key, val) {
			sb_appendf(sb, "%s%s %s", first ? "" : ", ", op, key);
			first = false;
		}
	}
}

static char *statement_name(const json_t *st, size_t index)
{
	const char *sid = eval_json_str(st, "Sid");
	if (!str_empty(sid))
		return xstrdup(sid);
	return xasprintf(_("statement %zu"), index + 1);
}

static void note_conditional(strbuf *list, const json_t *st, const char *name)
{
	sb_appendf(list, "%s%s (", list->len ? "; " : "", name);
	condition_keys(st, list);
	sb_append(list, ")");
}

static void evaluate_statement(struct policy_eval *pe, const json_t *st, size_t i,
			       const char *topic)
{
	if (!json_is_object(st))
		return;
	struct stmt_match m = statement_match(st, topic);
	if (!m.applies)
		return;
	const char *effect = eval_json_str(st, "Effect");
	char *name = statement_name(st, i);
	if (str_eq(effect, "Deny")) {
		if (m.conditional)
			note_conditional(&pe->cond_deny, st, name);
		else if (!pe->hard_deny)
			pe->hard_deny = xstrdup(name);
	} else if (str_eq(effect, "Allow")) {
		if (m.conditional) {
			note_conditional(&pe->cond_allow, st, name);
		} else {
			pe->allow = true;
			pe->allow_specific = pe->allow_specific || !m.open;
			if (m.open)
				sb_appendf(&pe->open_allow, "%s%s", pe->open_allow.len ? ", " : "",
					   name);
			json_array_append_new(pe->granted_by, json_string(name));
		}
	}
	free(name);
}

json_t *eval_sns_statement(const char *topic_arn)
{
	return json_pack("{s:s, s:s, s:{s:s}, s:s, s:s}", "Sid", "AllowCloudWatchAlarms",
			 "Effect", "Allow", "Principal", "Service", EVAL_SNS_PRINCIPAL,
			 "Action", "SNS:Publish", "Resource", topic_arn ? topic_arn : "");
}

static char *add_statement_hint(const char *topic_arn)
{
	json_t *st = eval_sns_statement(topic_arn);
	char *text = json_dumps(st, JSON_PRESERVE_ORDER);
	char *hint = xasprintf(_("Add this statement to the topic's access policy (SNS console → "
				 "Topics → the topic → Edit → Access policy): %s"), text);
	free(text);
	json_decref(st);
	return hint;
}

static void policy_eval_free(struct policy_eval *pe)
{
	free(pe->hard_deny);
	sb_free(&pe->cond_deny);
	sb_free(&pe->open_allow);
	sb_free(&pe->cond_allow);
	json_decref(pe->granted_by);
}

static void decide(const struct policy_eval *pe, const char *topic, struct eval_verdict *v)
{
	if (pe->hard_deny) {
		char *hint = xasprintf(_("Remove statement %s from the topic's access policy, or "
					 "narrow it so that it does not match %s publishing."),
				       pe->hard_deny, EVAL_SNS_PRINCIPAL);
		eval_set(v, CHECK_FAIL, hint, _("statement %s denies %s SNS:Publish on the topic"),
			 pe->hard_deny, EVAL_SNS_PRINCIPAL);
		free(hint);
	} else if (!pe->allow && !pe->cond_allow.len) {
		char *hint = add_statement_hint(topic);
		eval_set(v, CHECK_FAIL, hint,
			 _("the topic's policy does not let %s publish, so alarms would be lost"),
			 EVAL_SNS_PRINCIPAL);
		free(hint);
	} else if (pe->cond_deny.len) {
		eval_set(v, CHECK_WARN, _("Make sure those conditions never match CloudWatch "
					  "alarms, or remove the statement."),
			 _("denied under conditions: %s"), sb_str(&pe->cond_deny));
	} else if (!pe->allow) {
		char *hint = add_statement_hint(topic);
		eval_set(v, CHECK_WARN, hint, _("allowed only under conditions: %s"),
			 sb_str(&pe->cond_allow));
		free(hint);
	} else if (pe->open_allow.len) {
		const char *hint = pe->allow_specific
			? _("Remove the statements that allow everyone; the one for CloudWatch is "
			    "enough.")
			: _("Allow only the CloudWatch service principal, not everyone.");
		eval_set(v, CHECK_WARN, hint, _("%s may publish, but so may everyone (%s)"),
			 EVAL_SNS_PRINCIPAL, sb_str(&pe->open_allow));
	} else {
		eval_set(v, CHECK_PASS, NULL, _("%s may publish to the topic"), EVAL_SNS_PRINCIPAL);
	}
}

static bool topic_arn_ok(const char *arn)
{
	char *service = eval_arn_field(arn, 2);
	char *name = eval_arn_field(arn, 5);
	bool ok = str_eq(service, "sns") && !str_empty(name) && !strchr(name, ':');
	free(service);
	free(name);
	return ok;
}

void eval_sns_policy(const char *topic_arn, bool found, const char *policy,
		     struct eval_verdict *v)
{
	if (str_empty(topic_arn)) {
		eval_set(v, CHECK_SKIP, NULL, _("skipped: no alerting.sns_topic_arn, so the "
						"installer creates the dashboard but no alarms"));
		return;
	}
	if (!topic_arn_ok(topic_arn)) {
		eval_set(v, CHECK_FAIL, _("Give the topic's ARN: arn:aws:sns:REGION:ACCOUNT:NAME."),
			 _("'%s' is not an SNS topic ARN"), topic_arn);
		return;
	}
	if (!found) {
		eval_set(v, CHECK_FAIL, _("Create the topic in the installation's account and region, "
					  "or leave alerting.sns_topic_arn empty for no alarms."),
			 _("SNS topic %s does not exist"), topic_arn);
		return;
	}
	json_error_t jerr;
	json_t *doc = str_empty(policy) ? NULL : json_loads(policy, 0, &jerr);
	json_t *stmts = json_object_get(doc, "Statement");
	if (!json_is_array(stmts) && !json_is_object(stmts)) {
		char *hint = add_statement_hint(topic_arn);
		eval_set(v, CHECK_FAIL, hint, str_empty(policy)
			 ? _("the topic has no access policy") : _("the topic's access policy "
								   "could not be read"));
		free(hint);
		json_decref(doc);
		return;
	}
	struct policy_eval pe = { NULL, STRBUF_INIT, false, false, STRBUF_INIT, STRBUF_INIT,
				  json_array() };
	if (json_is_object(stmts)) {
		evaluate_statement(&pe, stmts, 0, topic_arn);
	} else {
		size_t i;
		json_t *st;
		json_array_foreach(stmts, i, st)
			evaluate_statement(&pe, st, i, topic_arn);
	}
	decide(&pe, topic_arn, v);
	json_t *data = json_pack("{s:s, s:O}", "topic_arn", topic_arn, "granted_by",
				 pe.granted_by);
	if (!pe.allow && !pe.hard_deny)
		json_object_set_new(data, "statement_to_add", eval_sns_statement(topic_arn));
	eval_set_data(v, data);
	policy_eval_free(&pe);
	json_decref(doc);
}
