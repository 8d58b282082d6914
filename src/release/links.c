/* links.c - the set of archive entries, and where their links lead.
 *
 * The validating pass collects every entry (after the top-level directory
 * is stripped) into a sorted set, then follows each link the way the
 * kernel would once extracted: a symlink's target is read relative to the
 * link's directory, each component that is itself a link in the set is
 * followed in turn, and `..` above the root is an escape.  A hardlink to a
 * symlink behaves as a copy of that symlink at the hardlink's place, so it
 * is checked from there.  Links that stay inside are fine, dangling or not;
 * a chain longer than 40 links is refused as a loop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "release/release.h"

#define LINKS_MAX_DEPTH 40

void release_printable(char *s)
{
	for (unsigned char *p = (unsigned char *)s; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
}

char *release_path_normalize(const char *path)
{
	if (!path || path[0] == '/')
		return NULL;
	strbuf sb = STRBUF_INIT;
	const char *p = path;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			sb_free(&sb);
			return NULL;
		}
		if (len && !(len == 1 && p[0] == '.')) {
			if (sb.len)
				sb_append_char(&sb, '/');
			sb_append_len(&sb, p, len);
		}
		p += len + (slash ? 1 : 0);
	}
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

void release_entries_add(struct release_entries *s, const char *path,
			 enum release_entry_type type, const char *target)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = (struct release_entry){
		.path = xstrdup(path), .target = target ? xstrdup(target) : NULL, .type = type,
	};
	s->sorted = false;
}

void release_entries_free(struct release_entries *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].target);
	}
	free(s->v);
	*s = (struct release_entries){ 0 };
}

static int entry_cmp(const void *a, const void *b)
{
	const struct release_entry *x = a, *y = b;
	return strcmp(x->path, y->path);
}

/* Sort once (stable order does not matter: duplicates are refused). */
static void entries_sort(struct release_entries *s)
{
	if (!s->sorted && s->n)
		qsort(s->v, s->n, sizeof *s->v, entry_cmp);
	s->sorted = true;
}

static const struct release_entry *entries_find(const struct release_entries *s, const char *path)
{
	struct release_entry key = { .path = (char *)(uintptr_t)path };
	return s->n ? bsearch(&key, s->v, s->n, sizeof *s->v, entry_cmp) : NULL;
}

/* What a hardlink finally points at (following hardlink chains). */
static const struct release_entry *hardlink_final(const struct release_entries *s,
						  const struct release_entry *e)
{
	for (int i = 0; e && e->type == RELEASE_ENTRY_HARDLINK && i < LINKS_MAX_DEPTH; i++) {
		char *t = release_path_normalize(e->target);
		e = t && *t ? entries_find(s, t) : NULL;
		free(t);
	}
	return e && e->type != RELEASE_ENTRY_HARDLINK ? e : NULL;
}

/* The symlink text an entry stands for, if it acts as a symlink. */
static const char *entry_symlink_text(const struct release_entries *s, const struct release_entry *e)
{
	if (e->type == RELEASE_ENTRY_HARDLINK)
		e = hardlink_final(s, e);
	return e && e->type == RELEASE_ENTRY_SYMLINK ? e->target : NULL;
}

enum walk_result { WALK_INSIDE, WALK_ESCAPES, WALK_LOOP };

static void path_pop(strbuf *cur)
{
	char *slash = strrchr(cur->buf, '/');
	cur->len = slash ? (size_t)(slash - cur->buf) : 0;
	cur->buf[cur->len] = '\0';
}

/* Walk target from the directory cur, following links in the set. */
static enum walk_result links_walk(const struct release_entries *s, strbuf *cur,
				   const char *target, int *budget)
{
	if (target[0] == '/')
		return WALK_ESCAPES;
	sb_append(cur, "");  /* make sure cur->buf exists */
	for (const char *p = target; *p; ) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (cur->len == 0)
				return WALK_ESCAPES;
			path_pop(cur);
		} else if (len && !(len == 1 && p[0] == '.')) {
			if (cur->len)
				sb_append_char(cur, '/');
			sb_append_len(cur, p, len);
			const struct release_entry *e = entries_find(s, cur->buf);
			const char *text = e ? entry_symlink_text(s, e) : NULL;
			if (text) {
				if (--*budget < 0)
					return WALK_LOOP;
				path_pop(cur);
				enum walk_result r = links_walk(s, cur, text, budget);
				if (r != WALK_INSIDE)
					return r;
			}
		}
		p += len + (slash ? 1 : 0);
	}
	return WALK_INSIDE;
}

static bool link_check_symlink(const struct release_entries *s, const struct release_entry *e,
			       const char *text, lo_error *err)
{
	strbuf cur = STRBUF_INIT;
	sb_append(&cur, e->path);
	path_pop(&cur);
	int budget = LINKS_MAX_DEPTH;
	enum walk_result r = links_walk(s, &cur, text, &budget);
	sb_free(&cur);
	if (r == WALK_ESCAPES)
		lo_error_set(err, LO_EXIT_VERIFY, NULL,
			     _("the archive is unsafe: the link '%s' -> '%s' leads outside the release"),
			     e->path, text);
	else if (r == WALK_LOOP)
		lo_error_set(err, LO_EXIT_VERIFY, NULL,
			     _("the archive is unsafe: the link '%s' is part of a loop of links"), e->path);
	return r == WALK_INSIDE;
}

static bool link_check_hardlink(const struct release_entries *s, const struct release_entry *e,
				lo_error *err)
{
	char *t = release_path_normalize(e->target);
	const struct release_entry *final = t && *t ? hardlink_final(s, e) : NULL;
	free(t);
	if (!final || final->type == RELEASE_ENTRY_DIR) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL,
			     _("the archive is unsafe: the hard link '%s' -> '%s' does not lead to a file in the release"),
			     e->path, e->target);
		return false;
	}
	/* A hard link to a symlink is that symlink again, seen from here. */
	return final->type != RELEASE_ENTRY_SYMLINK || link_check_symlink(s, e, final->target, err);
}

/* No entry may be written through a link: its parents must be plain. */
static bool link_check_parents(const struct release_entries *s, const struct release_entry *e,
			       lo_error *err)
{
	char *p = xstrdup(e->path);
	bool ok = true;
	for (char *slash = strchr(p, '/'); ok && slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		const struct release_entry *parent = entries_find(s, p);
		if (parent && parent->type != RELEASE_ENTRY_DIR) {
			lo_error_set(err, LO_EXIT_VERIFY, NULL,
				     _("the archive is unsafe: '%s' lies beneath '%s', which is not a directory"),
				     e->path, p);
			ok = false;
		}
		*slash = '/';
	}
	free(p);
	return ok;
}

static bool links_check_duplicates(const struct release_entries *s, lo_error *err)
{
	for (size_t i = 1; i < s->n; i++) {
		const struct release_entry *a = &s->v[i - 1], *b = &s->v[i];
		if (strcmp(a->path, b->path) == 0 &&
		    !(a->type == RELEASE_ENTRY_DIR && b->type == RELEASE_ENTRY_DIR)) {
			lo_error_set(err, LO_EXIT_VERIFY, NULL,
				     _("the archive is unsafe: '%s' appears more than once"), a->path);
			return false;
		}
	}
	return true;
}

bool release_entries_check_links(struct release_entries *s, lo_error *err)
{
	entries_sort(s);
	if (!links_check_duplicates(s, err)) {
		release_printable(err ? err->message : NULL);
		return false;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct release_entry *e = &s->v[i];
		bool ok = link_check_parents(s, e, err);
		if (ok && e->type == RELEASE_ENTRY_SYMLINK)
			ok = link_check_symlink(s, e, e->target, err);
		else if (ok && e->type == RELEASE_ENTRY_HARDLINK)
			ok = link_check_hardlink(s, e, err);
		if (!ok) {
			release_printable(err ? err->message : NULL);
			return false;
		}
	}
	return true;
}
