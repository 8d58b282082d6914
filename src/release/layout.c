/* layout.c - see layout.h.  The release layout is the guide's list:
 * config.json, install.sh, uninstall.sh, cloudformation/,
 * container-images/, bin/, scripts/ and version. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "release/layout.h"

#define LAYOUT_VERSION_MAX 64

static const struct layout_item {
	const char *name;
	bool dir;
} layout_items[] = {
	{ "config.json", false },
	{ "install.sh", false },
	{ "uninstall.sh", false },
	{ "cloudformation", true },
	{ "container-images", true },
	{ "bin", true },
	{ "scripts", true },
	{ "version", false },
};

#define LAYOUT_N (sizeof layout_items / sizeof layout_items[0])

char *layout_version_line(const char *text)
{
	while (*text == ' ' || *text == '\t')
		text++;
	size_t len = strcspn(text, "\r\n");
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0 || len > LAYOUT_VERSION_MAX)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)text[i]) && !strchr(".-_+~", text[i]))
			return NULL;
	return xstrndup(text, len);
}

static char *layout_item_label(const struct layout_item *it)
{
	return it->dir ? xasprintf("%s/", it->name) : xstrdup(it->name);
}

static bool set_has(const struct release_entries *set, const struct layout_item *it)
{
	size_t len = strlen(it->name);
	for (size_t i = 0; i < set->n; i++) {
		const struct release_entry *e = &set->v[i];
		if (strncmp(e->path, it->name, len) != 0)
			continue;
		if (it->dir && (e->path[len] == '/' || (!e->path[len] && e->type == RELEASE_ENTRY_DIR)))
			return true;
		if (!it->dir && !e->path[len] &&
		    (e->type == RELEASE_ENTRY_FILE || e->type == RELEASE_ENTRY_HARDLINK))
			return true;
	}
	return false;
}

char **layout_missing_in_set(struct release_entries *set)
{
	char **missing = xcalloc(LAYOUT_N + 1, sizeof *missing);
	size_t n = 0;
	for (size_t i = 0; i < LAYOUT_N; i++)
		if (!set_has(set, &layout_items[i]))
			missing[n++] = layout_item_label(&layout_items[i]);
	return missing;
}

static char *layout_read_version(const char *dir)
{
	char *path = xasprintf("%s/version", dir);
	FILE *f = fopen(path, "re");
	free(path);
	if (!f)
		return NULL;
	char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return layout_version_line(buf);
}

bool release_check_layout(const char *dir, char ***missing, char **version, lo_error *err)
{
	struct stat st;
	*missing = NULL;
	*version = NULL;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		lo_error_set(err, LO_EXIT_FAIL, NULL, _("%s is not a directory: %s"), dir,
			     errno ? strerror(errno) : "");
		return false;
	}
	char **m = xcalloc(LAYOUT_N + 1, sizeof *m);
	size_t n = 0;
	for (size_t i = 0; i < LAYOUT_N; i++) {
		char *path = xasprintf("%s/%s", dir, layout_items[i].name);
		bool have = lstat(path, &st) == 0 &&
			    (layout_items[i].dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
		free(path);
		if (!have)
			m[n++] = layout_item_label(&layout_items[i]);
	}
	*missing = m;
	*version = layout_read_version(dir);
	return true;
}
