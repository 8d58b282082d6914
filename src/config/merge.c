/* merge.c - masking, differences and the upgrade merge.
 *
 * All three walk two documents key by key.  Objects are compared key by
 * key; arrays and scalars as a whole, since a list of tags or subnets is
 * one answer.  Every value that leaves this file as text is masked when
 * its path is secret, so a diff can be printed as it is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/model.h"
#include "config/rules.h"

/* Key names that hold secrets even where the table does not know them. */
static bool secret_name(const char *key)
{
	static const char *const suffixes[] = { "secret", "password", "passwd", "token",
						"credentials", "private_key", NULL };
	for (size_t i = 0; suffixes[i]; i++)
		if (str_ends_with(key, suffixes[i]))
			return true;
	return false;
}

bool config_path_is_secret(const char *path)
{
	const struct config_field *f = config_field_find(path);
	if (f)
		return (f->flags & CFG_SECRET) != 0;
	const char *dot = strrchr(path, '.');
	return secret_name(dot ? dot + 1 : path);
}

/* The user:password part of a proxy URL becomes the mask. */
static json_t *mask_userinfo(json_t *v)
{
	const char *s = json_string_value(v);
	const char *scheme = s ? strstr(s, "://") : NULL;
	if (!scheme)
		return json_incref(v);
	const char *host = scheme + 3;
	/* The last '@' of the authority: a password may hold an '@' itself. */
	const char *end = host + strcspn(host, "/?#");
	const char *at = memrchr(host, '@', (size_t)(end - host));
	if (!at)
		return json_incref(v);
	char *m = xasprintf("%.*s" SECRET_MASK "%s", (int)(host - s), s, at);
	json_t *r = json_string(m);
	free(m);
	return r;
}

static json_t *mask_value(const char *path, json_t *v)
{
	/* Whatever its type: a secret typed as a number is still a secret. */
	if (config_path_is_secret(path) && !json_is_null(v) &&
	    !(json_is_string(v) && json_string_length(v) == 0))
		return json_string(SECRET_MASK);
	/* Any URL, not only the proxy fields: a misspelt key (https_proxyy)
	 * or one liftoff does not know (database_url) may hold
	 * user:password too. */
	if (json_is_string(v))
		return mask_userinfo(v);
	if (json_is_object(v)) {
		json_t *copy = json_object();
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child) {
			char *p = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
			json_object_set_new(copy, key, mask_value(p, child));
			free(p);
		}
		return copy;
	}
	if (json_is_array(v)) {
		json_t *copy = json_array();
		for (size_t i = 0; i < json_array_size(v); i++)
			json_array_append_new(copy, mask_value(path, json_array_get(v, i)));
		return copy;
	}
	return json_deep_copy(v);
}

json_t *config_masked(const lo_config *cfg)
{
	return mask_value("", config_doc(cfg));
}

/* ---- changes ---- */

static char *masked_text(const char *path, json_t *v)
{
	json_t *m = mask_value(path, v);
	char *s = json_dumps(m, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	json_decref(m);
	return s ? s : xstrdup("?");
}

static void change_add(struct config_changes *c, enum config_change_kind kind, const char *path,
		       json_t *oldv, json_t *newv)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = (struct config_change){ kind, xstrdup(path),
		oldv ? masked_text(path, oldv) : NULL, newv ? masked_text(path, newv) : NULL };
}

void config_changes_free(struct config_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].old_value);
		free(c->v[i].new_value);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

static void copy_key(json_t *to, json_t *from, const char *key)
{
	json_object_set_new(to, key, json_deep_copy(json_object_get(from, key)));
}

/* Put b's keys that a lacks into a, each right after the key that comes
 * before it in b (so a new release field lands next to its neighbours),
 * keeping a's own order.  Keys with nothing before them go first. */
static void insert_missing(json_t *a, json_t *b)
{
	json_t *after = json_object();   /* anchor key -> [missing keys] */
	json_t *first = json_array();
	const char *anchor = NULL, *key;
	json_t *v;
	json_object_foreach(b, key, v) {
		if (json_object_get(a, key)) {
			anchor = key;
			continue;
		}
		json_t *list = anchor ? json_object_get(after, anchor) : first;
		if (!list) {
			list = json_array();
			json_object_set_new(after, anchor, list);
		}
		json_array_append_new(list, json_string(key));
	}
	json_t *n = json_object();
	size_t i;
	json_t *k;
	json_array_foreach(first, i, k)
		copy_key(n, b, json_string_value(k));
	json_object_foreach(a, key, v) {
		json_object_set(n, key, v);
		json_array_foreach(json_object_get(after, key), i, k)
			copy_key(n, b, json_string_value(k));
	}
	json_object_clear(a);
	json_object_update(a, n);
	json_decref(n);
	json_decref(after);
	json_decref(first);
}

/* Compare a to b under path.  With merge set, b's keys missing from a are
 * copied into a (see insert_missing). */
static void walk_diff(json_t *a, json_t *b, const char *path, bool merge,
		      struct config_changes *out)
{
	const char *key;
	json_t *av, *bv;
	json_object_foreach(a, key, av) {
		char *p = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
		bv = json_object_get(b, key);
		if (!bv)
			change_add(out, CONFIG_REMOVED, p, av, NULL);
		else if (json_is_object(av) && json_is_object(bv))
			walk_diff(av, bv, p, merge, out);
		else if (!json_equal(av, bv))
			change_add(out, CONFIG_CHANGED, p, av, bv);
		free(p);
	}
	bool added = false;
	json_object_foreach(b, key, bv) {
		if (json_object_get(a, key))
			continue;
		char *p = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
		change_add(out, CONFIG_ADDED, p, NULL, bv);
		added = true;
		free(p);
	}
	if (merge && added)
		insert_missing(a, b);
}

void config_diff(const lo_config *old_cfg, const lo_config *new_cfg, struct config_changes *out)
{
	walk_diff(config_doc(old_cfg), config_doc(new_cfg), "", false, out);
}

lo_config *config_merge(const lo_config *user, const lo_config *release_defaults,
			struct config_changes *changes)
{
	lo_config *merged = config_copy(user);
	struct config_changes local = { NULL, 0, 0 };
	struct config_changes *out = changes ? changes : &local;
	size_t before = out->n;
	walk_diff(config_doc(merged), config_doc(release_defaults), "", true, out);
	/* In the merge, CHANGED means "the user's value is kept": new_value is
	 * the release's default, old_value the user's. */
	for (size_t i = before; i < out->n; i++)
		if (out->v[i].kind == CONFIG_ADDED)
			config_mark_dirty(merged);
	config_changes_free(&local);
	return merged;
}
