/* test-config.c - the config model: load, query, change, the safe write
 * (permissions, backups, preservation, failures), masking, the diff and
 * the upgrade merge. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/model.h"
#include "core/secret.h"
#include "tap.h"

static char tmpdir[] = "/tmp/test-config.XXXXXX";

static char *tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		bail_out("cannot write %s", path);
}

static char *get_file(const char *path)
{
	return read_file_all(path, NULL);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		/* a .bak is a copy of the old file, not a leftover */
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !str_ends_with(e->d_name, ".bak");
	if (d)
		closedir(d);
	return n;
}

static lo_config *load_str(const char *s)
{
	lo_config *cfg = NULL;
	lo_error err = LO_ERROR_INIT;
	if (config_load_buffer(s, strlen(s), "test", &cfg, &err) != 0)
		bail_out("does not load: %s", err.message);
	return cfg;
}

static void test_load_errors(void)
{
	lo_config *cfg = NULL;
	lo_error err = LO_ERROR_INIT;
	const char *bad = "{\n  \"a\": 1,\n  \"b\": 2,\n}\n";
	int rc = config_load_buffer(bad, strlen(bad), "config.json", &cfg, &err);
	is_int(rc, LO_EXIT_FAIL, "invalid JSON fails with exit 1");
	ok(cfg == NULL, "and gives no model");
	ok(err.message && strstr(err.message, "config.json:4:1:"), "message has line and column: %s",
	   err.message);
	ok(err.hint != NULL, "and a hint");
	lo_error_clear(&err);

	rc = config_load_buffer("[1]", 3, "config.json", &cfg, &err);
	is_int(rc, LO_EXIT_FAIL, "a top-level array is refused");
	lo_error_clear(&err);

	const char *dup = "{\"a\": 1, \"a\": 2}";
	rc = config_load_buffer(dup, strlen(dup), "config.json", &cfg, &err);
	is_int(rc, LO_EXIT_FAIL, "duplicate keys are refused, not silently dropped");
	lo_error_clear(&err);

	const char *bom = "\xef\xbb\xbf{\"account_name\": \"x\"}";
	rc = config_load_buffer(bom, strlen(bom), "config.json", &cfg, &err);
	ok(rc == 0 && cfg && strcmp(config_get_string(cfg, "account_name"), "x") == 0,
	   "a UTF-8 byte-order mark is skipped");
	config_free(cfg);
	cfg = NULL;

	rc = config_load("/nonexistent/config.json", &cfg, &err);
	is_int(rc, LO_EXIT_ENV, "a missing file is exit 3");
	ok(err.message && strstr(err.message, "/nonexistent/config.json"), "names the file");
	lo_error_clear(&err);
}

static void test_query_and_set(void)
{
	lo_config *cfg = load_str("{\"aws_region\": \"eu-west-1\", \"sso_config\": {\"sso_type\": \"OIDC\","
				  " \"oidc_args\": {\"client_credentials\": \"hunter2\"}}, \"n\": 5, \"b\": true}");
	is_str(config_get_string(cfg, "aws_region"), "eu-west-1", "get a top-level string");
	is_str(config_get_string(cfg, "sso_config.sso_type"), "OIDC", "get a nested string");
	ok(config_get_string(cfg, "sso_config.nope") == NULL, "absent is NULL");
	ok(config_get_string(cfg, "aws_region.x") == NULL, "through a string is NULL");
	long long n = 0;
	bool b = false;
	ok(config_get_int(cfg, "n", &n) && n == 5, "get an int");
	ok(config_get_bool(cfg, "b", &b) && b, "get a bool");
	ok(!config_get_bool(cfg, "n", &b), "an int is not a bool");

	lo_secret *s = config_get_secret(cfg, "sso_config.oidc_args.client_credentials");
	ok(s && strcmp(secret_reveal(s), "hunter2") == 0, "a secret comes out as lo_secret");
	secret_free(s);
	ok(config_get_secret(cfg, "slack_config.client_secret") == NULL, "absent secret is NULL");

	ok(!config_dirty(cfg), "fresh load is clean");
	config_set_string(cfg, "aws_region", "eu-west-1", NULL);
	ok(!config_dirty(cfg), "setting the same value keeps it clean");
	config_set_string(cfg, "load_balancer.scheme", "internal", NULL);
	ok(config_dirty(cfg), "a change marks it dirty");
	is_str(config_get_string(cfg, "load_balancer.scheme"), "internal", "set creates the objects");
	config_set_bool(cfg, "tracing_enabled", true, NULL);
	config_set_int(cfg, "database.backup_retention_period_days", 9, NULL);
	ok(config_get_int(cfg, "database.backup_retention_period_days", &n) && n == 9, "set an int");
	lo_secret *ns = secret_from_str("new-secret");
	config_set_secret(cfg, "slack_config.client_secret", ns, NULL);
	secret_free(ns);
	s = config_get_secret(cfg, "slack_config.client_secret");
	ok(s && strcmp(secret_reveal(s), "new-secret") == 0, "set a secret");
	secret_free(s);
	lo_error err = LO_ERROR_INIT;
	ok(config_set_string(cfg, "aws_region.sub", "x", &err) != 0 && err.message,
	   "setting below a string fails with a message");
	lo_error_clear(&err);
	ok(config_unset(cfg, "n") && config_get(cfg, "n") == NULL, "unset removes a key");
	config_free(cfg);

	cfg = load_str("{\"webhooks_endpoint\": \"hooks.example.com\"}");
	char *u = config_webhooks_url(cfg);
	is_str(u, "https://hooks.example.com", "a bare webhooks host reads as https://HOST");
	free(u);
	config_free(cfg);
}

static void test_spelling(void)
{
	lo_config *cfg = load_str("{\"a\": 1, \"global_resources_tags\": [{\"key\": \"k\", \"value\": \"v\"}], \"z\": 2}");
	ok(config_get(cfg, "global_resources_tags") == NULL, "the guide's spelling is gone");
	json_t *tags = config_get(cfg, "global_resource_tags");
	ok(json_array_size(tags) == 1, "read as global_resource_tags");
	const char *key;
	json_t *v;
	int pos = 0, at = -1;
	json_object_foreach(config_json(cfg), key, v) {
		if (strcmp(key, "global_resource_tags") == 0)
			at = pos;
		pos++;
	}
	is_int(at, 1, "in the same place");
	struct config_problems p = { NULL, 0, 0 };
	config_validate(cfg, &p);
	bool warned = false;
	for (size_t i = 0; i < p.n; i++)
		warned |= p.v[i].severity == CONFIG_WARNING &&
			  strcmp(p.v[i].path, "global_resources_tags") == 0;
	ok(warned, "with a warning");
	config_problems_free(&p);
	config_free(cfg);
}

static void test_defaults(void)
{
	lo_config *cfg = config_new_defaults();
	size_t n = 0, missing = 0;
	for (const struct config_field *f = config_field_table; f->path; f++, n++)
		if (f->def && !config_get(cfg, f->path))
			missing++;
	ok(n > 70, "the table has every field (%zu)", n);
	is_int((long long)missing, 0, "every default is in the built-in config");
	is_str(config_get_string(cfg, "load_balancer.ssl_policy"), "ELBSecurityPolicy-TLS-1-2-2017-01",
	       "ssl_policy default");
	long long days = 0;
	ok(config_get_int(cfg, "s3_config.run_logs_expiration_days", &days) && days == 60,
	   "run logs default 60 days");
	json_t *first = json_object_iter_value(json_object_iter(config_json(cfg)));
	ok(json_is_string(first), "account_name comes first");
	struct config_problems p = { NULL, 0, 0 };
	config_validate(cfg, &p);
	bool only_required = true;
	for (size_t i = 0; i < p.n; i++) {
		const struct config_field *f = config_field_find(p.v[i].path);
		if (!f || !(f->flags & CFG_REQUIRED)) {
			only_required = false;
			diag("unexpected: %s: %s", p.v[i].path, p.v[i].message);
		}
	}
	ok(only_required, "the defaults fail only for the fields an admin must fill in");
	config_problems_free(&p);
	config_free(cfg);

	lo_error err = LO_ERROR_INIT;
	char *dir = tpath("release");
	mkdir(dir, 0700);
	char *rc_path = tpath("release/config.json");
	put_file(rc_path, "{\"account_name\": \"\", \"new_release_key\": 3}\n");
	ok(config_load_release(dir, &cfg, &err) == 0 && config_get(cfg, "new_release_key"),
	   "a release directory's config.json is the source of defaults");
	config_free(cfg);
	char *arch = tpath("spacelift-self-hosted-v3.0.0.tar.gz");
	put_file(arch, "not really");
	is_int(config_load_release(arch, &cfg, &err), LO_EXIT_USAGE, "an archive is refused");
	ok(err.hint && strstr(err.hint, "liftoff verify --extract"), "pointing at verify --extract");
	lo_error_clear(&err);
	ok(config_load_release(NULL, &cfg, &err) == 0 && config_get(cfg, "s3_config"),
	   "no release: the built-in defaults");
	config_free(cfg);
	unlink(arch);
	unlink(rc_path);
	rmdir(dir);
	free(arch);
	free(rc_path);
	free(dir);
}

/* The canonical form liftoff writes: 2-space indent, key order kept. */
static const char canonical[] =
	"{\n"
	"  \"zz_first_unknown\": \"keep me \\u00e9\",\n"
	"  \"aws_region\": \"eu-west-1\",\n"
	"  \"account_name\": \"mycorp\",\n"
	"  \"load_balancer\": {\n"
	"    \"x_custom\": [\n"
	"      1,\n"
	"      2.5,\n"
	"      0.1,\n"
	"      3.14159,\n"
	"      null,\n"
	"      {\n"
	"        \"deep\": true\n"
	"      }\n"
	"    ],\n"
	"    \"scheme\": \"internet-facing\"\n"
	"  },\n"
	"  \"mm_middle\": {}\n"
	"}\n";

static void test_write(void)
{
	char *path = tpath("config.json"), *bak = tpath("config.json.bak");
	lo_error err = LO_ERROR_INIT;
	bool written = false;

	lo_config *cfg = load_str(canonical);
	is_int(config_write(cfg, path, &written, &err), 0, "write a new file");
	ok(written, "it was written");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "mode 0600 (%o)",
	   (unsigned)(st.st_mode & 07777));
	ok(access(bak, F_OK) != 0, "no .bak for a new file");
	char *text = get_file(path);
	ok(text && strcmp(text, canonical) != 0, "unicode escapes come back as UTF-8");
	free(text);
	config_free(cfg);

	/* Byte for byte: write the canonical text, change one field. */
	put_file(path, canonical);
	chmod(path, 0644);
	lo_config *c2 = NULL;
	config_load(path, &c2, &err);
	config_set_string(c2, "load_balancer.scheme", "internal", NULL);
	is_int(config_write(c2, path, &written, &err), 0, "rewrite after a change");
	text = get_file(path);
	char *b = get_file(bak);
	ok(b && strcmp(b, canonical) == 0, ".bak holds the previous bytes");
	ok(stat(bak, &st) == 0 && (st.st_mode & 07777) == 0600, ".bak is 0600 too");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "the rewritten file is 0600");
	/* Only the changed line differs. */
	lo_config *c3 = load_str(canonical);
	char *expect_src = config_serialize(c3);
	char *pos = strstr(expect_src, "\"internet-facing\"");
	strbuf want = STRBUF_INIT;
	sb_append_len(&want, expect_src, (size_t)(pos - expect_src));
	sb_append(&want, "\"internal\"");
	sb_append(&want, pos + strlen("\"internet-facing\""));
	is_str(text, sb_str(&want), "unknown keys and order survive byte for byte");
	sb_free(&want);
	free(expect_src);
	config_free(c3);
	free(text);
	free(b);

	/* Not changed: not rewritten. */
	struct stat before, after;
	stat(path, &before);
	unlink(bak);
	is_int(config_write(c2, path, &written, &err), 0, "write again without a change");
	ok(!written, "nothing written");
	stat(path, &after);
	ok(before.st_ino == after.st_ino && access(bak, F_OK) != 0, "same file, no new .bak");
	config_free(c2);

	/* A file liftoff read but did not change keeps its own formatting. */
	const char *odd = "{ \"account_name\" :   \"mycorp\" }";
	put_file(path, odd);
	config_load(path, &c2, &err);
	is_int(config_write(c2, path, &written, &err), 0, "write an unchanged, oddly formatted file");
	text = get_file(path);
	ok(!written && strcmp(text, odd) == 0, "it is left as it was");
	free(text);
	config_free(c2);

	/* The owner of the old file is kept (root editing an admin's file). */
	if (geteuid() == 0) {
		put_file(path, "{}\n");
		if (chown(path, 4321, 4321) != 0)
			bail_out("chown failed");
		cfg = load_str("{\"a\": 2}");
		config_write(cfg, path, &written, &err);
		ok(written && stat(path, &st) == 0 && st.st_uid == 4321 && st.st_gid == 4321,
		   "the old file's owner is kept");
		ok(stat(bak, &st) == 0 && st.st_uid == 4321, "and the .bak's");
		config_free(cfg);
	} else {
		diag("not root: the owner-keeping check needs chown");
	}

	/* Symbolic links are refused; the target is untouched. */
	char *target = tpath("elsewhere.json"), *link = tpath("link.json");
	put_file(target, "{}\n");
	if (symlink(target, link) != 0)
		bail_out("symlink failed");
	cfg = load_str("{\"a\": 1}");
	int rc = config_write(cfg, link, &written, &err);
	is_int(rc, LO_EXIT_ENV, "writing through a symlink is refused");
	ok(err.message && strstr(err.message, "symbolic link"), "and says why: %s", err.message);
	text = get_file(target);
	is_str(text, "{}\n", "the link's target is untouched");
	free(text);
	lo_error_clear(&err);
	config_free(cfg);
	unlink(link);
	unlink(target);
	free(link);
	free(target);
	unlink(path);
	unlink(bak);
	free(path);
	free(bak);
}

static const char *fail_step;
static int fail_at(const char *step)
{
	return strcmp(step, fail_step) == 0 ? EIO : 0;
}

static void test_write_failures(void)
{
	static const char *const steps[] = { "tmpfile", "write", "fsync", "backup", "rename", NULL };
	char *path = tpath("config.json");
	const char *old = "{\n  \"account_name\": \"old\"\n}\n";
	for (size_t i = 0; steps[i]; i++) {
		put_file(path, old);
		int entries = count_entries(tmpdir);
		lo_config *cfg = load_str("{\"account_name\": \"new\"}");
		lo_error err = LO_ERROR_INIT;
		fail_step = steps[i];
		config_write_fault = fail_at;
		bool written = true;
		int rc = config_write(cfg, path, &written, &err);
		config_write_fault = NULL;
		is_int(rc, LO_EXIT_ENV, "a failing %s fails the write", steps[i]);
		ok(!written, "%s: reports not written", steps[i]);
		char *text = get_file(path);
		is_str(text, old, "%s: the old file is intact", steps[i]);
		free(text);
		ok(err.message && strstr(err.message, "Input/output error") && err.hint,
		   "%s: says what failed: %s", steps[i], err.message);
		is_int(count_entries(tmpdir), entries, "%s: no temp file left behind", steps[i]);
		lo_error_clear(&err);
		config_free(cfg);
	}

	/* A real failure, no hook: the file size limit makes write(2) fail. */
	put_file(path, old);
	int entries = count_entries(tmpdir);
	struct rlimit saved, small = { 16, 0 };
	getrlimit(RLIMIT_FSIZE, &saved);
	small.rlim_max = saved.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &small);
	lo_config *cfg = load_str("{\"account_name\": \"a new value longer than sixteen bytes\"}");
	lo_error err = LO_ERROR_INIT;
	int rc = config_write(cfg, path, NULL, &err);
	setrlimit(RLIMIT_FSIZE, &saved);
	is_int(rc, LO_EXIT_ENV, "a write that hits the file size limit fails");
	ok(err.message && strstr(err.message, "writing the temporary file"), "and names the step: %s",
	   err.message);
	char *text = get_file(path);
	is_str(text, old, "the old file survives a real write failure");
	free(text);
	is_int(count_entries(tmpdir), entries, "no temp file left behind");
	lo_error_clear(&err);
	config_free(cfg);
	char *bak = tpath("config.json.bak");
	unlink(bak);
	free(bak);
	unlink(path);
	free(path);
}

static void test_mask(void)
{
	lo_config *cfg = load_str("{\"sso_config\": {\"oidc_args\": {\"client_credentials\": \"hunter2\"}},"
		" \"slack_config\": {\"client_secret\": \"abc\", \"signing_secret\": \"\"},"
		" \"proxy_config\": {\"http_proxy\": \"http://u:pw@proxy:3128\"},"
		" \"x_api_token\": \"tok\", \"account_name\": \"mycorp\", \"x\": {\"password\": 123456}}");
	json_t *m = config_masked(cfg);
	char *s = json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ok(!strstr(s, "hunter2") && !strstr(s, "abc") && !strstr(s, "pw@") && !strstr(s, "tok\"") &&
	   !strstr(s, "123456"),
	   "no secret text in the masked JSON");
	is_str(json_string_value(json_object_get(json_object_get(json_object_get(m, "sso_config"),
		"oidc_args"), "client_credentials")), SECRET_MASK, "client_credentials is ********");
	is_str(json_string_value(json_object_get(json_object_get(m, "slack_config"), "signing_secret")),
	       "", "an empty secret shows as empty");
	is_str(json_string_value(json_object_get(json_object_get(m, "proxy_config"), "http_proxy")),
	       "http://" SECRET_MASK "@proxy:3128", "a proxy password is masked");
	is_str(json_string_value(json_object_get(m, "account_name")), "mycorp", "the rest is shown");
	free(s);
	json_decref(m);
	config_free(cfg);
}

static const struct config_change *find_change(const struct config_changes *c, const char *path)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].path, path) == 0)
			return &c->v[i];
	return NULL;
}

static void test_merge(void)
{
	lo_config *user = load_str("{\"account_name\": \"mycorp\", \"x_mine\": 1,"
		" \"load_balancer\": {\"scheme\": \"internal\", \"ssl_policy\": \"ELBSecurityPolicy-2016-08\"},"
		" \"old_only\": true,"
		" \"sso_config\": {\"oidc_args\": {\"client_credentials\": \"hunter2\"}}}");
	lo_config *rel = load_str("{\"account_name\": \"\", \"tracing_enabled\": false,"
		" \"load_balancer\": {\"scheme\": \"internet-facing\", \"ssl_policy\": \"ELBSecurityPolicy-2016-08\","
		" \"subnet_placement\": \"public\"},"
		" \"sso_config\": {\"oidc_args\": {\"client_credentials\": \"\"}}}");
	struct config_changes ch = { NULL, 0, 0 };
	lo_config *m = config_merge(user, rel, &ch);
	is_str(config_get_string(m, "account_name"), "mycorp", "user values win");
	is_str(config_get_string(m, "load_balancer.scheme"), "internal", "nested user values win");
	is_str(config_get_string(m, "load_balancer.subnet_placement"), "public", "a new key comes with its default");
	bool t = true;
	ok(config_get_bool(m, "tracing_enabled", &t) && !t, "a new top-level key too");
	ok(config_get(m, "x_mine") && config_get(m, "old_only"), "keys the release lacks are kept");
	const struct config_change *c = find_change(&ch, "load_balancer.subnet_placement");
	ok(c && c->kind == CONFIG_ADDED, "subnet_placement listed as added");
	c = find_change(&ch, "old_only");
	ok(c && c->kind == CONFIG_REMOVED, "old_only listed as removed");
	c = find_change(&ch, "load_balancer.scheme");
	ok(c && c->kind == CONFIG_CHANGED && strcmp(c->old_value, "\"internal\"") == 0 &&
	   strcmp(c->new_value, "\"internet-facing\"") == 0, "scheme listed as changed, both values");
	ok(find_change(&ch, "load_balancer.ssl_policy") == NULL, "equal values are not listed");
	c = find_change(&ch, "sso_config.oidc_args.client_credentials");
	ok(c && strcmp(c->old_value, "\"" SECRET_MASK "\"") == 0, "secret values are masked in changes");
	ok(config_dirty(m), "the merge is dirty (it has new keys)");
	/* The user's order stays; a new key lands after its neighbour in the
	 * release: tracing_enabled right after account_name. */
	char *s = config_serialize(m);
	char *a = strstr(s, "\"account_name\""), *x = strstr(s, "\"x_mine\""), *tr = strstr(s, "\"tracing_enabled\"");
	char *lb = strstr(s, "\"load_balancer\""), *oo = strstr(s, "\"old_only\"");
	ok(a && x && tr && lb && oo && a < tr && tr < x && x < lb && lb < oo,
	   "user's order kept, new keys next to their release neighbours");
	char *sp = strstr(s, "\"subnet_placement\""), *pol = strstr(s, "\"ssl_policy\"");
	ok(sp && pol && pol < sp, "a nested new key too");
	free(s);
	config_changes_free(&ch);

	struct config_changes d = { NULL, 0, 0 };
	config_diff(user, m, &d);
	ok(find_change(&d, "tracing_enabled") && find_change(&d, "tracing_enabled")->kind == CONFIG_ADDED,
	   "config_diff sees the added key");
	is_int((long long)d.n, 2, "and only the two added keys");
	config_changes_free(&d);
	config_free(m);
	config_free(user);
	config_free(rel);
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		bail_out("mkdtemp failed");
	test_load_errors();
	test_query_and_set();
	test_spelling();
	test_defaults();
	test_write();
	test_write_failures();
	test_mask();
	test_merge();
	rmdir(tmpdir);
	return done_testing();
}
