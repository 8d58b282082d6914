/* signature.c - the release's detached GPG signature, through gpgme.
 *
 * Trust comes from a pinned fingerprint, not from the web of trust: the
 * signature must be good and made by the pinned primary key or one of its
 * signing subkeys.  Keys live in liftoff's own GNUPGHOME, so importing the
 * vendor key never touches the admin's keyring.  Each way a signature can
 * fail gets its own status, because each has a different remedy. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gpgme.h>

#include "core/i18n.h"
#include "release/digest.h"
#include "release/release.h"

static const char *const sig_status_names[] = {
	[RELEASE_SIG_GOOD] = "good",
	[RELEASE_SIG_BAD] = "bad",
	[RELEASE_SIG_WRONG_KEY] = "wrong-key",
	[RELEASE_SIG_NO_KEY] = "no-key",
	[RELEASE_SIG_KEY_EXPIRED] = "key-expired",
	[RELEASE_SIG_AFTER_EXPIRY] = "signed-after-expiry",
	[RELEASE_SIG_KEY_REVOKED] = "key-revoked",
	[RELEASE_SIG_SIG_EXPIRED] = "signature-expired",
	[RELEASE_SIG_MISSING] = "missing",
	[RELEASE_SIG_ERROR] = "error",
};

static const char *const key_status_names[] = {
	[RELEASE_KEY_VALID] = "valid",
	[RELEASE_KEY_EXPIRED] = "expired",
	[RELEASE_KEY_REVOKED] = "revoked",
	[RELEASE_KEY_MISSING] = "missing",
	[RELEASE_KEY_UNKNOWN] = "unknown",
};

const char *release_sig_status_name(enum release_sig_status s)
{
	return sig_status_names[s];
}

const char *release_key_status_name(enum release_key_status s)
{
	return key_status_names[s];
}

char *release_fpr_normalize(const char *fpr)
{
	strbuf sb = STRBUF_INIT;
	for (const char *p = fpr; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isxdigit((unsigned char)*p)) {
			sb_free(&sb);
			return NULL;
		}
		sb_append_char(&sb, (char)toupper((unsigned char)*p));
	}
	if (sb.len != 40 && sb.len != 64) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* ---- liftoff's keyring ---- */

static bool mkdir_p(const char *path, lo_error *err)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot create %s: %s"), p, strerror(errno));
			free(p);
			return false;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return true;
}

/* liftoff's keyring holds public keys only and trusts by pinned
 * fingerprint, so gpg needs no agent and no trust database checks. */
static void gnupg_write_conf(const char *dir)
{
	char *path = xasprintf("%s/gpg.conf", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return;
	static const char conf[] =
		"# liftoff's own keyring: trust comes from the pinned fingerprint.\n"
		"no-autostart\n"
		"no-auto-check-trustdb\n"
		"trust-model always\n"
		"quiet\n";
	ssize_t n = write(fd, conf, sizeof conf - 1);
	(void)n;
	close(fd);
}

char *release_gnupghome(lo_error *err)
{
	const char *env = getenv("LIFTOFF_GNUPGHOME"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;
	if (!str_empty(env))
		dir = xstrdup(env);
	else if (!str_empty(xdg) && xdg[0] == '/')
		dir = xasprintf("%s/liftoff/gnupg", xdg);
	else if (!str_empty(home))
		dir = xasprintf("%s/.local/share/liftoff/gnupg", home);
	else {
		lo_error_set(err, LO_EXIT_ENV, _("Set HOME, or LIFTOFF_GNUPGHOME to a directory for liftoff's keyring."),
			     _("cannot find a place for liftoff's keyring"));
		return NULL;
	}
	if (!mkdir_p(dir, err)) {
		free(dir);
		return NULL;
	}
	struct stat st;
	if (stat(dir, &st) == 0 && (st.st_mode & 077) && st.st_uid == geteuid())
		(void)chmod(dir, 0700);
	gnupg_write_conf(dir);
	return dir;
}

/* ---- gpgme ---- */

static gpgme_ctx_t gpg_context(const char *gnupghome, lo_error *err)
{
	static bool initialized;
	if (!initialized) {
		gpgme_check_version(NULL);
		initialized = true;
	}
	gpgme_ctx_t ctx;
	gpgme_error_t ge = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP);
	if (!ge)
		ge = gpgme_new(&ctx);
	if (!ge)
		ge = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL, gnupghome);
	if (ge) {
		lo_error_set(err, LO_EXIT_ENV, _("On Debian, install it with: apt-get install gnupg"),
			     _("cannot use GnuPG: %s"), gpgme_strerror(ge));
		return NULL;
	}
	gpgme_set_offline(ctx, 1);
	gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
	return ctx;
}

static bool fpr_matches(const char *full, const char *given)
{
	/* gpg may report a long key ID rather than the fingerprint. */
	if (!full || !given)
		return false;
	size_t lf = strlen(full), lg = strlen(given);
	return lg <= lf && lg >= 16 && strcasecmp(full + lf - lg, given) == 0;
}

static gpgme_subkey_t key_find_subkey(gpgme_key_t key, const char *fpr)
{
	for (gpgme_subkey_t sk = key->subkeys; sk; sk = sk->next)
		if (fpr_matches(sk->fpr, fpr))
			return sk;
	return NULL;
}

static enum release_key_status subkey_status(gpgme_key_t key, gpgme_subkey_t sk)
{
	if (key->revoked || sk->revoked)
		return RELEASE_KEY_REVOKED;
	if (key->expired || sk->expired)
		return RELEASE_KEY_EXPIRED;
	return RELEASE_KEY_VALID;
}

/* Fill what the keyring knows about the signing key. */
static void sig_describe_key(gpgme_ctx_t ctx, gpgme_signature_t s, const char *pinned,
			     struct release_sig_result *r, bool *is_pinned)
{
	gpgme_key_t key = NULL;
	*is_pinned = false;
	r->fingerprint = s->fpr ? xstrdup(s->fpr) : NULL;
	r->signed_at = (int64_t)s->timestamp;
	r->key_status = RELEASE_KEY_MISSING;
	if (!s->fpr || gpgme_get_key(ctx, s->fpr, &key, 0) || !key)
		return;
	gpgme_subkey_t sk = key_find_subkey(key, s->fpr);
	if (sk) {
		free(r->fingerprint);
		r->fingerprint = xstrdup(sk->fpr);
		r->primary_fpr = xstrdup(key->subkeys->fpr);
		r->key_status = subkey_status(key, sk);
		r->key_expires = sk->expires;
		if (key->subkeys->expires && (!r->key_expires || key->subkeys->expires < r->key_expires))
			r->key_expires = key->subkeys->expires;
		*is_pinned = strcasecmp(key->subkeys->fpr, pinned) == 0 && (sk == key->subkeys || sk->can_sign);
		r->by_subkey = *is_pinned && sk != key->subkeys;
		if (key->uids && key->uids->uid) {
			r->uid = xstrdup(key->uids->uid);
			release_printable(r->uid);
		}
	}
	gpgme_key_unref(key);
}

/* Is the pinned key in the keyring at all? */
static bool pinned_key_present(gpgme_ctx_t ctx, const char *pinned)
{
	gpgme_key_t key = NULL;
	if (gpgme_get_key(ctx, pinned, &key, 0) || !key)
		return false;
	gpgme_key_unref(key);
	return true;
}

static enum release_sig_status sig_classify(gpgme_ctx_t ctx, gpgme_signature_t s, const char *pinned,
					    struct release_sig_result *r)
{
	bool is_pinned;
	gpgme_err_code_t code = gpgme_err_code(s->status);
	if (code == GPG_ERR_BAD_SIGNATURE) {
		r->fingerprint = s->fpr ? xstrdup(s->fpr) : NULL;
		r->key_status = RELEASE_KEY_UNKNOWN;
		return RELEASE_SIG_BAD;
	}
	sig_describe_key(ctx, s, pinned, r, &is_pinned);
	if (code == GPG_ERR_NO_PUBKEY) {
		/* Another key, unless we cannot tell (the pinned key is absent too). */
		if (!fpr_matches(pinned, s->fpr) && pinned_key_present(ctx, pinned))
			return RELEASE_SIG_WRONG_KEY;
		return RELEASE_SIG_NO_KEY;
	}
	if (r->key_status == RELEASE_KEY_MISSING)
		return RELEASE_SIG_ERROR;
	if (!is_pinned)
		return RELEASE_SIG_WRONG_KEY;
	switch (code) {
	case GPG_ERR_NO_ERROR:
		return r->key_status == RELEASE_KEY_VALID ? RELEASE_SIG_GOOD :
		       r->key_status == RELEASE_KEY_REVOKED ? RELEASE_SIG_KEY_REVOKED :
		       RELEASE_SIG_KEY_EXPIRED;
	case GPG_ERR_KEY_EXPIRED:
		return r->key_expires && r->signed_at > r->key_expires ? RELEASE_SIG_AFTER_EXPIRY
								       : RELEASE_SIG_KEY_EXPIRED;
	case GPG_ERR_CERT_REVOKED:
		r->key_status = RELEASE_KEY_REVOKED;
		return RELEASE_SIG_KEY_REVOKED;
	case GPG_ERR_SIG_EXPIRED:
		return RELEASE_SIG_SIG_EXPIRED;
	default:
		return RELEASE_SIG_ERROR;
	}
}

static bool sig_file_armored(int fd)
{
	char head[64] = "";
	ssize_t n = pread(fd, head, sizeof head - 1, 0);
	if (n <= 0)
		return false;
	head[n] = '\0';
	const char *p = head;
	while (isspace((unsigned char)*p))
		p++;
	return str_starts_with(p, "-----BEGIN PGP");
}

static int open_input(const char *path, const char *what, const char *hint, lo_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		lo_error_set(err, LO_EXIT_VERIFY, hint, _("cannot read the %s %s: %s"), what, path,
			     strerror(errno));
	return fd;
}

/* The archive as gpg reads it, hashed on the way, so the caller learns
 * the SHA-256 of exactly the bytes the signature was checked over. */
struct hashed_input {
	int fd;
	digest_ctx *md;
};

static ssize_t hashed_read(void *handle, void *buf, size_t size)
{
	struct hashed_input *in = handle;
	ssize_t n;
	do
		n = read(in->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n > 0 && !digest_update(in->md, buf, (size_t)n)) {
		errno = EIO;
		return -1;
	}
	return n;
}

/* Finish the hash of the signed data.  gpg reads all of it for a good
 * signature; anything left unread means the hash is not of signed bytes. */
static void sig_finish_hash(struct hashed_input *in, struct release_sig_result *r)
{
	long long rest = digest_drain(in->md, in->fd);
	bool ok = digest_finish(in->md, r->sha256);
	in->md = NULL;
	if (!ok || rest != 0) {
		r->sha256[0] = '\0';
		if (r->status == RELEASE_SIG_GOOD)
			r->status = RELEASE_SIG_ERROR;
	}
}

/* Run the check; the first good signature by the pinned key wins,
 * otherwise the first signature's outcome is reported. */
static bool sig_run(gpgme_ctx_t ctx, int afd, int sfd, const char *pinned,
		    struct release_sig_result *result, lo_error *err)
{
	gpgme_data_t sig = NULL, text = NULL;
	struct gpgme_data_cbs cbs = { .read = hashed_read };
	struct hashed_input in = { afd, digest_begin() };
	gpgme_error_t ge = gpgme_data_new_from_fd(&sig, sfd);
	if (!ge && !in.md)
		ge = gpgme_error(GPG_ERR_INTERNAL);
	if (!ge)
		ge = gpgme_data_new_from_cbs(&text, &cbs, &in);
	if (!ge) /* 64 KiB pipe writes: gpgme's default is slow for GBs, 1 MiB slower */
		(void)gpgme_data_set_flag(text, "io-buffer-size", "65536");
	if (!ge)
		ge = gpgme_op_verify(ctx, sig, text, NULL);
	gpgme_verify_result_t vr = ge ? NULL : gpgme_op_verify_result(ctx);
	bool ok = true;
	if (ge || !vr || !vr->signatures) {
		result->status = RELEASE_SIG_ERROR;
		result->key_status = RELEASE_KEY_UNKNOWN;
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("the signature could not be checked: %s"),
			     ge ? gpgme_strerror(ge) : _("the file holds no signature"));
		ok = false;
	}
	for (gpgme_signature_t s = ok ? vr->signatures : NULL; s; s = s->next) {
		struct release_sig_result r = { .status = RELEASE_SIG_ERROR };
		r.status = sig_classify(ctx, s, pinned, &r);
		r.armored = result->armored;
		if (s == vr->signatures || r.status == RELEASE_SIG_GOOD) {
			release_sig_result_free(result);
			*result = r;
		} else {
			release_sig_result_free(&r);
		}
		if (result->status == RELEASE_SIG_GOOD)
			break;
	}
	gpgme_data_release(sig);
	gpgme_data_release(text);
	sig_finish_hash(&in, result);
	return ok;
}

bool release_verify_signature(const char *archive, const char *sigfile, const char *fpr,
			      const char *gnupghome, struct release_sig_result *result,
			      lo_error *err)
{
	memset(result, 0, sizeof *result);
	result->status = RELEASE_SIG_ERROR;
	result->key_status = RELEASE_KEY_UNKNOWN;
	char *pinned = release_fpr_normalize(fpr ? fpr : RELEASE_VENDOR_FPR);
	if (!pinned) {
		lo_error_set(err, LO_EXIT_USAGE, _("A fingerprint is 40 hexadecimal digits."),
			     _("'%s' is not a key fingerprint"), fpr);
		return false;
	}
	char *home = gnupghome ? xstrdup(gnupghome) : release_gnupghome(err);
	int sfd = -1, afd = -1;
	gpgme_ctx_t ctx = NULL;
	bool ok = home != NULL;
	if (ok && (sfd = open_input(sigfile, _("signature file"),
				    _("Download the .sig file published with the release, put it beside the archive, or name it with --sig FILE."),
				    err)) < 0) {
		result->status = RELEASE_SIG_MISSING;
		ok = false;
	}
	if (ok)
		ok = (afd = open_input(archive, _("archive"), NULL, err)) >= 0;
	if (ok) {
		result->armored = sig_file_armored(sfd);
		(void)posix_fadvise(afd, 0, 0, POSIX_FADV_SEQUENTIAL);
		ok = (ctx = gpg_context(home, err)) != NULL;
	}
	if (ok)
		ok = sig_run(ctx, afd, sfd, pinned, result, err);
	if (ctx)
		gpgme_release(ctx);
	if (sfd >= 0)
		close(sfd);
	if (afd >= 0)
		close(afd);
	free(home);
	free(pinned);
	return ok;
}

void release_sig_result_free(struct release_sig_result *r)
{
	free(r->fingerprint);
	free(r->primary_fpr);
	free(r->uid);
	r->fingerprint = r->primary_fpr = r->uid = NULL;
}

/* ---- Importing a key ---- */

static char **import_collect(gpgme_import_result_t ir)
{
	size_t n = 0;
	for (gpgme_import_status_t s = ir ? ir->imports : NULL; s; s = s->next)
		n++;
	char **v = xcalloc(n + 1, sizeof *v);
	n = 0;
	for (gpgme_import_status_t s = ir ? ir->imports : NULL; s; s = s->next) {
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup = dup || (s->fpr && strcmp(v[i], s->fpr) == 0);
		if (!gpgme_err_code(s->result) && s->fpr && !dup)
			v[n++] = xstrdup(s->fpr);
	}
	return v;
}

bool release_import_key(const char *keyfile, const char *gnupghome, char ***fprs,
			lo_error *err)
{
	*fprs = NULL;
	char *home = gnupghome ? xstrdup(gnupghome) : release_gnupghome(err);
	if (!home)
		return false;
	int fd = open_input(keyfile, _("key file"), NULL, err);
	gpgme_ctx_t ctx = fd >= 0 ? gpg_context(home, err) : NULL;
	gpgme_data_t data = NULL;
	bool ok = ctx != NULL;
	gpgme_error_t ge = ok ? gpgme_data_new_from_fd(&data, fd) : 0;
	if (ok && !ge)
		ge = gpgme_op_import(ctx, data);
	if (ok) {
		*fprs = import_collect(ge ? NULL : gpgme_op_import_result(ctx));
		if (ge || !(*fprs)[0]) {
			lo_error_set(err, LO_EXIT_VERIFY, _("The file should hold an OpenPGP public key, binary or armored."),
				     _("no key could be imported from %s%s%s"), keyfile,
				     ge ? ": " : "", ge ? gpgme_strerror(ge) : "");
			ok = false;
		}
	}
	gpgme_data_release(data);
	if (ctx)
		gpgme_release(ctx);
	if (fd >= 0)
		close(fd);
	free(home);
	if (!ok) {
		release_strv_free(*fprs);
		*fprs = NULL;
	}
	return ok;
}

void release_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
