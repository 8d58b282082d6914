/* eval.c - the verdict record and the small helpers every evaluator
 * shares: glob matching, ISO 8601 times, ARN fields.  See eval.h. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/eval.h"

void eval_set(struct eval_verdict *v, enum check_status status, const char *hint,
	      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *detail = xvasprintf(fmt, ap);
	va_end(ap);
	free(v->detail);
	free(v->hint);
	v->status = status;
	v->detail = detail;
	v->hint = hint ? xstrdup(hint) : NULL;
}

void eval_set_data(struct eval_verdict *v, json_t *data)
{
	json_decref(v->data);
	v->data = data;
}

void eval_verdict_free(struct eval_verdict *v)
{
	free(v->detail);
	free(v->hint);
	json_decref(v->data);
	*v = (struct eval_verdict)EVAL_VERDICT_INIT;
}

void eval_complete(struct check_run *run, struct eval_verdict *v)
{
	if (v->data) {
		check_set_data(run, v->data);
		v->data = NULL;
	}
	check_complete(run, v->status, v->hint, "%s", v->detail ? v->detail : "");
	eval_verdict_free(v);
}

long eval_days_left(time_t t, time_t now)
{
	double secs = difftime(t, now);
	long days = (long)(secs / 86400.0);
	if (secs < 0 && days * 86400.0 != secs)
		days--; /* round towards the past: 1 second late is day -1 */
	return days;
}

static bool chars_eq(char a, char b, bool icase)
{
	if (icase)
		return tolower((unsigned char)a) == tolower((unsigned char)b);
	return a == b;
}

/* Iterative, with one backtrack point for the last '*': linear enough
 * for policy patterns and never recursive on hostile input. */
bool eval_glob(const char *p, const char *s, bool icase)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p && (*p == '?' || chars_eq(*p, *s, icase))) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool eval_parse_iso8601(const char *s, time_t *out)
{
	int y, mo, d, h, mi, se;
	if (!s || strlen(s) < 19 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &se))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return false;
	const char *p = s + 19;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	long offset = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		bool colon = p[1] && p[2] && p[3] == ':';  /* "+02:00" or "+0200" */
		if (!digits(p + 1, 2, &oh) || !digits(p + (colon ? 4 : 3), 2, &om) || oh > 23 ||
		    om > 59)
			return false;
		offset = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
		p += colon ? 6 : 5;
	} else {
		return false;
	}
	if (*p)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = se };
	*out = timegm(&tm) - offset;
	return true;
}

char *eval_arn_field(const char *arn, int index)
{
	if (!arn || !str_starts_with(arn, "arn:"))
		return NULL;
	const char *p = arn;
	for (int i = 0; i < index; i++) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
	}
	/* The resource (index 5) runs to the end; it may hold colons. */
	size_t n = index >= 5 ? strlen(p) : strcspn(p, ":");
	if (index < 5 && p[n] != ':')
		return NULL;
	return xstrndup(p, n);
}

const char *eval_json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

bool eval_json_has_string(const json_t *list, const char *want)
{
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
		if (str_eq(json_string_value(e), want))
			return true;
	return false;
}

char *eval_format_date(time_t t)
{
	struct tm tm;
	char buf[32];
	if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%d", &tm))
		return xstrdup("?");
	return xstrdup(buf);
}
