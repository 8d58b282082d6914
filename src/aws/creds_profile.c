/* creds_profile.c - profiles across the config and credentials files.
 *
 * botocore (configloader.build_profile_map, Session.full_config): in the
 * config file a profile is `[profile NAME]` (the header is split like a
 * shell line and must have exactly two words, so `[profile "my name"]`
 * works) or `[default]`; when both `[default]` and `[profile default]`
 * exist, the later one wins whole.  `[sso-session NAME]` and
 * `[services NAME]` follow the same rule.  In the credentials file a
 * section name is the profile name as written.  A profile's key is looked
 * up in the credentials file first, then the config file, because botocore
 * merges the credentials file over the config file. */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	if (!str_empty(h))
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "";
}

/* os.path.expandvars then expanduser, as botocore does for the file paths:
 * $VAR and ${VAR} are replaced when set, left as written otherwise. */
char *creds_expand_path(const char *path)
{
	strbuf sb = STRBUF_INIT;
	for (const char *p = path; *p;) {
		if (*p != '$') {
			sb_append_char(&sb, *p++);
			continue;
		}
		bool braced = p[1] == '{';
		const char *n = p + 1 + braced;
		size_t len = strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789_");
		if (len == 0 || (braced && n[len] != '}')) {
			sb_append_char(&sb, *p++);
			continue;
		}
		char *name = xstrndup(n, len);
		const char *v = getenv(name);
		free(name);
		const char *after = n + len + braced;
		if (v)
			sb_append(&sb, v);
		else
			sb_append_len(&sb, p, (size_t)(after - p));
		p = after;
	}
	char *s = sb_detach(&sb);
	if (s[0] == '~' && (s[1] == '/' || s[1] == '\0')) {
		char *e = xasprintf("%s%s", home_dir(), s + 1);
		free(s);
		s = e;
	}
	return s;
}

static char *file_path(const char *env, const char *fallback)
{
	const char *v = getenv(env);
	return creds_expand_path(str_empty(v) ? fallback : v);
}

int creds_files_load(struct creds_files *f, lo_error *err)
{
	memset(f, 0, sizeof *f);
	f->config_path = file_path("AWS_CONFIG_FILE", "~/.aws/config");
	f->credentials_path = file_path("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
	bool found;
	int rc = ini_load(f->config_path, &f->config, &found, err);
	if (rc == LO_EXIT_OK)
		rc = ini_load(f->credentials_path, &f->credentials, &found, err);
	return rc;
}

void creds_files_free(struct creds_files *f)
{
	ini_free(&f->config);
	ini_free(&f->credentials);
	free(f->config_path);
	free(f->credentials_path);
	memset(f, 0, sizeof *f);
}

/* "profile x" -> "x" when the header splits into exactly two words. */
static bool header_names(const char *header, const char *kind, const char *name)
{
	if (!str_starts_with(header, kind))
		return false;
	const char *why;
	char **words = creds_shlex_split(header, &why);
	bool match = words && words[0] && words[1] && !words[2] && strcmp(words[1], name) == 0;
	creds_argv_free(words);
	return match;
}

static const struct ini_section *config_section(const struct creds_files *f, const char *kind,
						const char *name)
{
	const struct ini_section *found = NULL;
	for (size_t i = 0; i < f->config.n; i++) {
		const struct ini_section *s = &f->config.sections[i];
		if (header_names(s->name, kind, name))
			found = s;
		else if (strcmp(kind, "profile") == 0 && strcmp(name, "default") == 0 &&
			 strcmp(s->name, "default") == 0)
			found = s;
	}
	return found;
}

bool creds_files_profile(const struct creds_files *f, const char *name, struct creds_profile *out)
{
	out->name = name;
	out->config = config_section(f, "profile", name);
	out->credentials = NULL;
	for (size_t i = 0; i < f->credentials.n; i++)
		if (strcmp(f->credentials.sections[i].name, name) == 0)
			out->credentials = &f->credentials.sections[i];
	return out->config || out->credentials;
}

static const struct ini_entry *profile_entry(const struct creds_profile *p, const char *key)
{
	const struct ini_entry *e = ini_entry_find(p->credentials, key);
	return e ? e : ini_entry_find(p->config, key);
}

const char *creds_profile_get(const struct creds_profile *p, const char *key)
{
	const struct ini_entry *e = profile_entry(p, key);
	return e ? e->value : NULL;
}

const lo_secret *creds_profile_secret(const struct creds_profile *p, const char *key)
{
	const struct ini_entry *e = profile_entry(p, key);
	return e ? e->secret : NULL;
}

bool creds_profile_has(const struct creds_profile *p, const char *key)
{
	return profile_entry(p, key) != NULL;
}

const struct ini_section *creds_files_sso_session(const struct creds_files *f, const char *name)
{
	return config_section(f, "sso-session", name);
}

const struct ini_section *creds_files_services(const struct creds_files *f, const char *name)
{
	return config_section(f, "services", name);
}
