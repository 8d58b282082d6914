/* creds_json.c - the JSON that credential sources answer with.
 *
 * credential_process and `aws configure export-credentials` print
 * {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken",
 * "Expiration"}; ECS and IMDS answer {"AccessKeyId", "SecretAccessKey",
 * "Token", "Expiration"}.  One parser serves both.  The document holds
 * secrets, so an error never quotes it: jansson's own error text does
 * ("... near 'AKIA...'"), so only its line and column are used.
 *
 * Expiration is ISO 8601 as AWS writes it; a time without a zone is
 * taken as UTC.  This file also holds the chain's clock, which the tests
 * can replace to exercise refreshing without waiting. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

static time_t (*clock_hook)(void);

time_t creds_now(void)
{
	return clock_hook ? clock_hook() : time(NULL);
}

void creds_set_clock(time_t (*now)(void))
{
	clock_hook = now;
}

static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return false;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* Z, +HH:MM, +HHMM, -HH:MM, or nothing (UTC). */
static bool parse_zone(const char *p, long *offset)
{
	*offset = 0;
	if (*p == '\0' || ((*p == 'Z' || *p == 'z') && p[1] == '\0'))
		return true;
	if (*p != '+' && *p != '-')
		return false;
	int sign = *p++ == '-' ? -1 : 1, hh, mm = 0;
	if (!digits(&p, 2, &hh))
		return false;
	if (*p == ':')
		p++;
	if (*p && !digits(&p, 2, &mm))
		return false;
	*offset = sign * (hh * 3600L + mm * 60L);
	return *p == '\0';
}

bool creds_parse_time(const char *s, time_t *out)
{
	const char *p = s;
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec;
	if (!digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') ||
	    !digits(&p, 2, &d))
		return false;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	p++;
	if (!digits(&p, 2, &h) || !expect(&p, ':') || !digits(&p, 2, &mi) || !expect(&p, ':') ||
	    !digits(&p, 2, &sec))
		return false;
	if (*p == '.' || *p == ',')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	long offset;
	if (!parse_zone(p, &offset) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - offset;
	return true;
}

static const char *json_str(json_t *doc, const char *key)
{
	json_t *v = json_object_get(doc, key);
	return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static int json_fail(lo_error *err, const char *what, const char *why)
{
	lo_error_set(err, LO_EXIT_ENV, NULL, "%s: %s", what, why);
	return LO_EXIT_ENV;
}

static int check_version(json_t *doc, const char *what, lo_error *err)
{
	json_t *v = json_object_get(doc, "Version");
	if (json_is_integer(v) && json_integer_value(v) == 1)
		return LO_EXIT_OK;
	return json_fail(err, what, v ? _("unsupported \"Version\" (only 1 is supported)")
				      : _("the answer has no \"Version\": 1"));
}

static int fill_creds(json_t *doc, const char *token_key, bool token_required, const char *what,
		      aws_credentials *out, lo_error *err)
{
	const char *id = json_str(doc, "AccessKeyId"), *key = json_str(doc, "SecretAccessKey");
	const char *token = json_str(doc, token_key), *exp = json_str(doc, "Expiration");
	char *why = NULL;
	if (!id || !key || (token_required && !token))
		why = xasprintf(_("the answer lacks \"%s\""),
				!id ? "AccessKeyId" : !key ? "SecretAccessKey" : token_key);
	time_t when = 0;
	if (!why && exp && !creds_parse_time(exp, &when))
		why = xstrdup(_("\"Expiration\" is not an ISO 8601 time"));
	if (why) {
		json_fail(err, what, why);
		free(why);
		return LO_EXIT_ENV;
	}
	memset(out, 0, sizeof *out);
	out->access_key_id = xstrdup(id);
	out->secret_access_key = secret_from_str(key);
	out->session_token = token ? secret_from_str(token) : NULL;
	out->expiration = when;
	return LO_EXIT_OK;
}

int creds_from_json(const char *text, size_t len, const char *token_key, bool version_required,
		    bool token_required, const char *what, aws_credentials *out, lo_error *err)
{
	json_error_t jerr;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc || !json_is_object(doc)) {
		char *why = doc ? xstrdup(_("the answer is not a JSON object"))
				: xasprintf(_("the answer is not valid JSON (line %d, column %d)"),
					    jerr.line, jerr.column);
		json_fail(err, what, why);
		free(why);
		json_decref(doc);
		secret_wipe(&jerr, sizeof jerr);
		return LO_EXIT_ENV;
	}
	int rc = version_required ? check_version(doc, what, err) : LO_EXIT_OK;
	if (rc == LO_EXIT_OK)
		rc = fill_creds(doc, token_key, token_required, what, out, err);
	/* jansson does not wipe: the decoded strings die with the document. */
	json_decref(doc);
	return rc;
}
