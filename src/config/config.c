/* config.c - the config model: load, query, change, serialize and write.
 *
 * The jansson document is the storage: jansson objects keep insertion
 * order, so a file read and written back keeps the user's order and every
 * key liftoff does not know.  The original bytes are kept so that a write
 * that would not change them is skipped.  The write is the classic safe
 * dance (temp file, fsync, backup, rename, directory fsync) with each
 * step named in the error so a failure says exactly what went wrong. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/model.h"
#include "config/rules.h"
#include "core/i18n.h"

int (*config_write_fault)(const char *step);

/* ---- problems ---- */

/* Messages quote the user's text and libxml2's; keep them valid UTF-8 so
 * --json can always carry them.  Invalid bytes become '?'. */
static char *utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p >> 5) == 0x6 ? 2 : (*p >> 4) == 0xE ? 3
			 : (*p >> 3) == 0x1E ? 4 : 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				n = 0;
		if (n == 0) {
			*p++ = '?';
			continue;
		}
		p += n;
	}
	return s;
}

void config_problem_add(struct config_problems *p, enum config_severity sev, const char *path,
			const char *hint, const char *fmt, ...)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	va_list ap;
	va_start(ap, fmt);
	p->v[p->n++] = (struct config_problem){ sev, utf8_clean(xstrdup(path)),
		utf8_clean(xvasprintf(fmt, ap)), hint ? utf8_clean(xstrdup(hint)) : NULL };
	va_end(ap);
}

size_t config_problems_count(const struct config_problems *p, enum config_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += p->v[i].severity == sev;
	return n;
}

void config_problems_sort(struct config_problems *p)
{
	/* A stable partition: errors keep their order, then warnings. */
	struct config_problem *tmp = xcalloc(p->n ? p->n : 1, sizeof *tmp);
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->n; i++)
			if ((p->v[i].severity == CONFIG_ERROR) == (pass == 0))
				tmp[k++] = p->v[i];
	if (p->n)
		memcpy(p->v, tmp, p->n * sizeof *tmp);
	free(tmp);
}

void config_problems_free(struct config_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].message);
		free(p->v[i].hint);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* ---- the model ---- */

struct lo_config {
	json_t *doc;        /* the document, a JSON object */
	char *path;         /* where it came from, or NULL */
	char *orig;         /* the bytes read, or NULL */
	size_t orig_len;
	bool dirty;         /* changed through config_set_* */
	struct config_problems notes; /* warnings found while loading */
};

static lo_config *config_wrap(json_t *doc)
{
	lo_config *cfg = xcalloc(1, sizeof *cfg);
	cfg->doc = doc;
	return cfg;
}

void config_free(lo_config *cfg)
{
	if (!cfg)
		return;
	json_decref(cfg->doc);
	free(cfg->path);
	free(cfg->orig);
	config_problems_free(&cfg->notes);
	free(cfg);
}

lo_config *config_copy(const lo_config *cfg)
{
	lo_config *c = config_wrap(json_deep_copy(cfg->doc));
	c->path = cfg->path ? xstrdup(cfg->path) : NULL;
	if (cfg->orig) {
		c->orig = xmalloc(cfg->orig_len + 1);
		memcpy(c->orig, cfg->orig, cfg->orig_len + 1);
		c->orig_len = cfg->orig_len;
	}
	c->dirty = cfg->dirty;
	for (size_t i = 0; i < cfg->notes.n; i++) {
		const struct config_problem *p = &cfg->notes.v[i];
		config_problem_add(&c->notes, p->severity, p->path, p->hint, "%s", p->message);
	}
	return c;
}

json_t *config_json(const lo_config *cfg) { return cfg->doc; }
const char *config_path(const lo_config *cfg) { return cfg->path; }
bool config_dirty(const lo_config *cfg) { return cfg->dirty; }
const struct config_problems *config_load_notes(const lo_config *cfg) { return &cfg->notes; }

/* The guide's prose spells it global_resources_tags; the installer reads
 * global_resource_tags.  Rename in place (same position) and say so. */
static void config_fix_spelling(lo_config *cfg)
{
	static const char wrong[] = "global_resources_tags", right[] = "global_resource_tags";
	json_t *w = json_object_get(cfg->doc, wrong);
	if (!w)
		return;
	if (json_object_get(cfg->doc, right)) {
		config_problem_add(&cfg->notes, CONFIG_WARNING, wrong,
			_("Remove global_resources_tags and keep your tags in global_resource_tags."),
			_("both global_resources_tags and global_resource_tags are set; the installer "
			  "reads only global_resource_tags, so these tags are ignored"));
		return;
	}
	json_t *fixed = json_object();
	const char *key;
	json_t *val;
	json_object_foreach(cfg->doc, key, val)
		json_object_set(fixed, strcmp(key, wrong) == 0 ? right : key, val);
	json_decref(cfg->doc);
	cfg->doc = fixed;
	config_problem_add(&cfg->notes, CONFIG_WARNING, wrong,
		_("Rename the key to global_resource_tags; liftoff writes it that way."),
		_("read as global_resource_tags (the installer's spelling)"));
}

/* jansson quotes the token it stopped at (near '"abc'), and that may be
 * a secret, or the start of one: a string value broken by a stray
 * backslash or line break, a value left unquoted.  Only a punctuation
 * mark or an object key (a whole string followed by ':') is kept. */
static void scrub_json_error(json_error_t *je, const char *buf, size_t len)
{
	char *near = strstr(je->text, " near '");
	if (!near)
		return;
	const char *tok = near + 7;
	size_t tl = strlen(tok); /* with the closing quote */
	size_t pos = je->position > 0 ? (size_t)je->position : 0;
	while (pos < len && isspace((unsigned char)buf[pos]))
		pos++;
	bool key = tl >= 4 && tok[0] == '"' && tok[tl - 2] == '"' && pos < len && buf[pos] == ':';
	if (tl == 2 || key)
		return;
	secret_wipe(near, strlen(near));
}

int config_load_buffer(const char *buf, size_t len, const char *name, lo_config **out,
		       lo_error *err)
{
	json_error_t je;
	*out = NULL;
	/* Some editors start the file with a UTF-8 byte-order mark; JSON has none. */
	bool bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0;
	json_t *doc = json_loadb(bom ? buf + 3 : buf, bom ? len - 3 : len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		scrub_json_error(&je, bom ? buf + 3 : buf, bom ? len - 3 : len);
		lo_error_set(err, LO_EXIT_FAIL,
			_("Fix the JSON syntax at that line and column (a missing comma or quote, "
			  "or a trailing comma, is the usual cause)."),
			_("%s:%d:%d: not valid JSON: %s"), name, je.line, je.column, je.text);
		return err ? err->code : LO_EXIT_FAIL;
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		lo_error_set(err, LO_EXIT_FAIL, _("The file must be one JSON object: { ... }."),
			     _("%s: the top level is not a JSON object"), name);
		return LO_EXIT_FAIL;
	}
	lo_config *cfg = config_wrap(doc);
	cfg->orig = xmalloc(len + 1);
	memcpy(cfg->orig, buf, len);
	cfg->orig[len] = '\0';
	cfg->orig_len = len;
	config_fix_spelling(cfg);
	if (bom)
		config_problem_add(&cfg->notes, CONFIG_WARNING, "",
			_("Nothing to do: liftoff writes the file without it."),
			_("%s starts with a byte-order mark; it is ignored"), name);
	*out = cfg;
	return LO_EXIT_OK;
}


/* A file that holds secrets should not be readable by others. */
static void config_check_mode(lo_config *cfg, const char *path, mode_t mode)
{
	if (!(mode & 077))
		return;
	for (const struct config_field *f = config_field_table; f->path; f++) {
		const char *v = (f->flags & CFG_SECRET) ? config_get_string(cfg, f->path) : NULL;
		if (!str_empty(v)) {
			char *hint = xasprintf(_("Run: chmod 600 %s"), path);
			config_problem_add(&cfg->notes, CONFIG_WARNING, "", hint,
				_("%s: other users can read this file (mode %03o), and it holds "
				  "secrets"), path, (unsigned)(mode & 0777));
			free(hint);
			return;
		}
	}
}

int config_load(const char *path, lo_config **out, lo_error *err)
{
	size_t len = 0;
	*out = NULL;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		lo_error_set(err, LO_EXIT_ENV, _("Give the path of the config.json file itself."),
			     _("%s is a directory, not a config file"), path);
		return LO_EXIT_ENV;
	}
	char *buf = read_file_all(path, &len);
	if (!buf) {
		lo_error_set(err, LO_EXIT_ENV,
			     errno == ENOENT
				     ? _("Check the path, or create one with 'liftoff config init'.")
				     : _("Check the file's permissions."),
			     _("cannot read %s: %s"), path, strerror(errno));
		return LO_EXIT_ENV;
	}
	int rc = config_load_buffer(buf, len, path, out, err);
	secret_wipe(buf, len);
	free(buf);
	if (rc == LO_EXIT_OK) {
		(*out)->path = xstrdup(path);
		if (stat(path, &st) == 0)
			config_check_mode(*out, path, st.st_mode);
	}
	return rc;
}

int config_load_release(const char *release, lo_config **out, lo_error *err)
{
	*out = NULL;
	if (!release) {
		*out = config_new_defaults();
		return LO_EXIT_OK;
	}
	struct stat st;
	if (stat(release, &st) != 0) {
		lo_error_set(err, LO_EXIT_ENV, _("Give the directory of an extracted release."),
			     _("cannot read release %s: %s"), release, strerror(errno));
		return LO_EXIT_ENV;
	}
	if (!S_ISDIR(st.st_mode)) {
		lo_error_set(err, LO_EXIT_USAGE,
			_("Extract it first with 'liftoff verify --extract ARCHIVE', then pass the "
			  "extracted directory."),
			_("%s is not a directory; reading defaults straight from an archive is not "
			  "supported yet"), release);
		return LO_EXIT_USAGE;
	}
	char *p = xasprintf("%s/config.json", release);
	int rc = config_load(p, out, err);
	free(p);
	return rc;
}

/* ---- paths ---- */

/* Walk a dotted path; when create is set, make the missing objects. */
static json_t *walk(json_t *doc, const char *path, bool create, char **last)
{
	char *copy = xstrdup(path), *save = NULL;
	json_t *node = doc;
	char *tok = strtok_r(copy, ".", &save);
	while (tok && node) {
		char *next = strtok_r(NULL, ".", &save);
		if (!next) {
			*last = xstrdup(tok);
			free(copy);
			return node;
		}
		json_t *child = json_object_get(node, tok);
		if (!child && create) {
			child = json_object();
			json_object_set_new(node, tok, child);
		}
		node = json_is_object(child) ? child : NULL;
		tok = next;
	}
	free(copy);
	*last = NULL;
	return NULL;
}

json_t *config_get(const lo_config *cfg, const char *path)
{
	char *last = NULL;
	json_t *parent = walk(cfg->doc, path, false, &last);
	json_t *v = parent ? json_object_get(parent, last) : NULL;
	free(last);
	return v;
}

const char *config_get_string(const lo_config *cfg, const char *path)
{
	return json_string_value(config_get(cfg, path));
}

bool config_get_bool(const lo_config *cfg, const char *path, bool *out)
{
	json_t *v = config_get(cfg, path);
	if (!json_is_boolean(v))
		return false;
	*out = json_is_true(v);
	return true;
}

bool config_get_int(const lo_config *cfg, const char *path, long long *out)
{
	json_t *v = config_get(cfg, path);
	if (!json_is_integer(v))
		return false;
	*out = (long long)json_integer_value(v);
	return true;
}

lo_secret *config_get_secret(const lo_config *cfg, const char *path)
{
	json_t *v = config_get(cfg, path);
	if (!json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	return secret_new(json_string_value(v), json_string_length(v));
}

char *config_webhooks_url(const lo_config *cfg)
{
	const char *w = config_get_string(cfg, "webhooks_endpoint");
	if (str_empty(w))
		return NULL;
	if (strstr(w, "://"))
		return xstrdup(w);
	return xasprintf("https://%s", w);
}

int config_set_json(lo_config *cfg, const char *path, json_t *value, lo_error *err)
{
	char *last = NULL;
	json_t *parent = walk(cfg->doc, path, true, &last);
	if (!parent || !value) {
		free(last);
		json_decref(value);
		lo_error_set(err, LO_EXIT_FAIL, _("Fix or remove the value that is in the way."),
			     _("%s: cannot set it, a part of the path is not an object"), path);
		return LO_EXIT_FAIL;
	}
	json_t *old = json_object_get(parent, last);
	if (!old || !json_equal(old, value)) {
		json_object_set_new(parent, last, value);
		cfg->dirty = true;
	} else {
		json_decref(value);
	}
	free(last);
	return LO_EXIT_OK;
}

bool config_unset(lo_config *cfg, const char *path)
{
	char *last = NULL;
	json_t *parent = walk(cfg->doc, path, false, &last);
	bool had = parent && json_object_del(parent, last) == 0;
	free(last);
	if (had)
		cfg->dirty = true;
	return had;
}

int config_set_string(lo_config *cfg, const char *path, const char *value, lo_error *err)
{
	return config_set_json(cfg, path, json_string(value ? value : ""), err);
}

int config_set_bool(lo_config *cfg, const char *path, bool value, lo_error *err)
{
	return config_set_json(cfg, path, json_boolean(value), err);
}

int config_set_int(lo_config *cfg, const char *path, long long value, lo_error *err)
{
	return config_set_json(cfg, path, json_integer((json_int_t)value), err);
}

int config_set_secret(lo_config *cfg, const char *path, const lo_secret *value, lo_error *err)
{
	return config_set_json(cfg, path,
			       json_stringn(secret_reveal(value), secret_len(value)), err);
}

/* ---- defaults ---- */

lo_config *config_new_defaults(void)
{
	lo_config *cfg = config_wrap(json_object());
	for (const struct config_field *f = config_field_table; f->path; f++) {
		if (!f->def)
			continue;
		json_t *v = json_loads(f->def, JSON_DECODE_ANY, NULL);
		config_set_json(cfg, f->path, v, NULL);
	}
	cfg->dirty = false;
	return cfg;
}

/* ---- output ---- */

/* Whether every real in v survives being printed with prec digits. */
static bool reals_fit(json_t *v, int prec)
{
	if (json_is_real(v)) {
		char buf[64];
		snprintf(buf, sizeof buf, "%.*g", prec, json_real_value(v));
		return strtod(buf, NULL) == json_real_value(v);
	}
	const char *key;
	json_t *child;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach(v, key, child)
			if (!reals_fit(child, prec))
				return false;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			if (!reals_fit(child, prec))
				return false;
	}
	return true;
}

char *config_serialize(const lo_config *cfg)
{
	/* jansson prints reals with 17 digits (0.1 becomes 0.10000000000000001);
	 * use the fewest digits that still give back the same numbers, so an
	 * unknown 0.1 is written back as 0.1. */
	int prec = 15;
	while (prec < 17 && !reals_fit(cfg->doc, prec))
		prec++;
	char *s = json_dumps(cfg->doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(prec));
	if (!s)
		abort();
	char *out = xasprintf("%s\n", s);
	free(s);
	return out;
}

/* ---- the safe write ---- */

static int fault(const char *step)
{
	int e = config_write_fault ? config_write_fault(step) : 0;
	if (e)
		errno = e;
	return e;
}

static int write_all(int fd, const char *buf, size_t len)
{
	if (fault("write"))
		return -1;
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write bytes to a fresh 0600 temp file next to path; returns its name. */
static char *write_temp(const char *dir, const char *base, const char *buf, size_t len,
			const struct stat *owner, const char **step)
{
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	*step = "tmpfile";
	int fd = fault("tmpfile") ? -1 : mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	int rc = fchmod(fd, 0600);
	/* Keep the old file's owner (root editing an admin's file); best effort. */
	if (rc == 0 && owner && fchown(fd, owner->st_uid, owner->st_gid) != 0)
		rc = 0;
	if (rc == 0) {
		*step = "write";
		rc = write_all(fd, buf, len);
	}
	if (rc == 0) {
		*step = "fsync";
		rc = fault("fsync") ? -1 : fsync(fd);
	}
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		free(tmp);
		errno = saved;
		return NULL;
	}
	return tmp;
}

static const char *step_text(const char *step)
{
	static const struct { const char *step; const char *text; } steps[] = {
		{ "tmpfile", N_("creating a temporary file") },
		{ "write", N_("writing the temporary file") },
		{ "fsync", N_("flushing the temporary file to disk") },
		{ "backup", N_("keeping the previous file as .bak") },
		{ "rename", N_("replacing the file") },
		{ "dirsync", N_("flushing the directory to disk") },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].step, step) == 0)
			return _(steps[i].text);
	return step;
}

/* The previous file becomes path.bak, by copy, so path never goes missing. */
static int keep_backup(const char *path, const char *dir, const char *base,
		       const struct stat *owner)
{
	size_t len = 0;
	char *old = read_file_all(path, &len);
	if (!old)
		return -1;
	const char *step;
	char *tmp = write_temp(dir, base, old, len, owner, &step);
	secret_wipe(old, len);
	free(old);
	if (!tmp)
		return -1;
	char *bak = xasprintf("%s.bak", path);
	int rc = fault("backup") ? -1 : rename(tmp, bak);
	int saved = errno;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(bak);
	errno = saved;
	return rc;
}

static int check_target(const char *path, bool *exists, struct stat *stp, lo_error *err)
{
	struct stat st;
	*exists = false;
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return LO_EXIT_OK;
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot write %s: %s"), path, strerror(errno));
		return LO_EXIT_ENV;
	}
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		lo_error_set(err, LO_EXIT_ENV,
			_("liftoff does not write through symbolic links; pass the real file with -c."),
			_("refusing to write %s: it is a symbolic link to %s"), path, target);
		return LO_EXIT_ENV;
	}
	if (!S_ISREG(st.st_mode)) {
		lo_error_set(err, LO_EXIT_ENV, _("Choose another path with -c."),
			     _("refusing to write %s: it is not a regular file"), path);
		return LO_EXIT_ENV;
	}
	*exists = true;
	*stp = st;
	return LO_EXIT_OK;
}

static bool same_bytes(const char *path, const char *text)
{
	size_t len = 0;
	char *cur = read_file_all(path, &len);
	bool same = cur && len == strlen(text) && memcmp(cur, text, len) == 0;
	if (cur)
		secret_wipe(cur, len);
	free(cur);
	return same;
}

static int write_failed(lo_error *err, const char *path, const char *step)
{
	lo_error_set(err, LO_EXIT_ENV,
		strcmp(step, "dirsync") == 0
			? _("The new file is in place, but a crash now could lose it; run sync.")
			: _("The previous file was left as it was.  Free some space or fix the "
			    "directory's permissions, then try again."),
		_("cannot write %s: %s failed: %s"), path, step_text(step), strerror(errno));
	return LO_EXIT_ENV;
}

int config_write(lo_config *cfg, const char *path, bool *written, lo_error *err)
{
	bool exists;
	struct stat st;
	if (written)
		*written = false;
	int rc = check_target(path, &exists, &st, err);
	if (rc != LO_EXIT_OK)
		return rc;
	/* Unchanged since it was read from this very file: leave it alone,
	 * whatever its formatting. */
	if (exists && !cfg->dirty && cfg->orig && cfg->path && strcmp(cfg->path, path) == 0 &&
	    same_bytes(path, cfg->orig))
		return LO_EXIT_OK;
	char *text = config_serialize(cfg);
	if (exists && same_bytes(path, text)) {
		free(text);
		cfg->dirty = false;
		return LO_EXIT_OK;
	}
	char *pcopy = xstrdup(path), *bcopy = xstrdup(path);
	const char *dir = dirname(pcopy), *base = basename(bcopy);
	const char *step = "tmpfile";
	char *tmp = write_temp(dir, base, text, strlen(text), exists ? &st : NULL, &step);
	secret_wipe(text, strlen(text));
	free(text);
	if (!tmp) {
		rc = write_failed(err, path, step);
		goto out;
	}
	if (exists && keep_backup(path, dir, base, &st) != 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
		rc = write_failed(err, path, "backup");
		goto out;
	}
	if (fault("rename") || rename(tmp, path) != 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
		rc = write_failed(err, path, "rename");
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fault("dirsync") || dfd < 0 || fsync(dfd) != 0) {
		/* The new file is in place; only its durability is in doubt. */
		rc = write_failed(err, path, "dirsync");
	}
	if (dfd >= 0)
		close(dfd);
	if (rc == LO_EXIT_OK) {
		cfg->dirty = false;
		if (written)
			*written = true;
	}
out:
	free(tmp);
	free(pcopy);
	free(bcopy);
	return rc;
}

json_t *config_doc(const lo_config *cfg)
{
	return cfg->doc;
}

void config_mark_dirty(lo_config *cfg)
{
	cfg->dirty = true;
}
