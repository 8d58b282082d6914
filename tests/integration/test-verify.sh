#!/bin/bash
# test-verify.sh - `liftoff verify` run for real against archives and
# keys made here: a good release, damaged ones, every signature outcome
# (wrong key, no key, expired, signed after expiry, revoked, subkey,
# armored) and crafted archives that must never be extracted.
#
# Keys live in a temporary GNUPGHOME (the "vendor"); liftoff's own keyring
# is another temporary directory.  Archives are built here with tar and
# python's tarfile (craft.py below), never taken from elsewhere.
. "$top_srcdir/tests/lib/tap.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool gpg "apt-get install gnupg"
need_tool gpgconf "apt-get install gnupg"
need_tool tar
need_tool "${PYTHON:-python3}"
PY=${PYTHON:-python3}

T=$(mktemp -d) || bail_out "mktemp failed"
cleanup() {
	gpgconf --homedir "$T/vendor" --kill all >/dev/null 2>&1
	rm -rf "$T"
}
at_exit cleanup

export GNUPGHOME="$T/vendor" LIFTOFF_GNUPGHOME="$T/keyring" HOME="$T/home"
unset XDG_DATA_HOME
mkdir -m 700 "$GNUPGHOME" "$HOME" || bail_out "cannot make $GNUPGHOME"
cd "$T" || bail_out "cannot enter $T"

# Crafted release archives: a good layout plus one crafted member (python's
# tarfile writes any member type, and names tar itself would refuse).
#   $PY craft.py CASE OUT.tar.gz
CRAFT="$T/craft.py"
cat >"$CRAFT" <<'PYTHON'
import io
import sys
import tarfile

TOP = "spacelift-self-hosted-1.2.3"
LAYOUT_DIRS = ["cloudformation", "container-images", "bin", "scripts"]
LAYOUT_FILES = {"config.json": b"{}\n", "install.sh": b"#!/bin/sh\necho install\n",
                "uninstall.sh": b"#!/bin/sh\necho uninstall\n", "version": b"1.2.3\n",
                "bin/spacelift-launcher": b"launcher\n"}


def add_dir(tar, name, mode=0o755):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = mode
    tar.addfile(info)


def add_file(tar, name, data, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    tar.addfile(info, io.BytesIO(data))


def add_link(tar, name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    tar.addfile(info)


def add_special(tar, name, kind):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.devmajor, info.devminor = 1, 3
    tar.addfile(info)


def layout(tar, skip=()):
    add_dir(tar, TOP)
    for d in LAYOUT_DIRS:
        if d not in skip:
            add_dir(tar, f"{TOP}/{d}")
    for name, data in LAYOUT_FILES.items():
        if name not in skip and name.split("/")[0] not in skip:
            add_file(tar, f"{TOP}/{name}", data, 0o755 if name.endswith(".sh") else 0o644)


def p(name):
    return f"{TOP}/{name}"


CASES = {
    "good": lambda t: None,
    "dotdot": lambda t: add_file(t, p("../escaped"), b"x"),
    "absolute": lambda t: add_file(t, "/tmp/liftoff-test-escaped", b"x"),
    "symlink-out": lambda t: add_link(t, p("bin/out"), "../../.."),
    "symlink-abs": lambda t: add_link(t, p("bin/abs"), "/etc/passwd"),
    "symlink-chain": lambda t: (add_link(t, p("scripts/up"), ".."),
                                add_link(t, p("bin/out"), "../scripts/up/..")),
    "symlink-loop": lambda t: (add_link(t, p("bin/a"), "b"), add_link(t, p("bin/b"), "a/x")),
    "hardlink-out": lambda t: add_link(t, p("bin/h"), f"{TOP}/../../etc/passwd", tarfile.LNKTYPE),
    "hardlink-abs": lambda t: add_link(t, p("bin/h"), "/etc/passwd", tarfile.LNKTYPE),
    "hardlink-chain": lambda t: (add_link(t, p("scripts/v"), "../version"),
                                 add_link(t, p("h"), p("scripts/v"), tarfile.LNKTYPE)),
    "through-symlink": lambda t: (add_link(t, p("bin/dir"), "../scripts"),
                                  add_file(t, p("bin/dir/payload"), b"x")),
    "device": lambda t: add_special(t, p("bin/null"), tarfile.CHRTYPE),
    "fifo": lambda t: add_special(t, p("bin/fifo"), tarfile.FIFOTYPE),
    "inside-links": lambda t: (add_link(t, p("bin/v"), "../version"),
                               add_link(t, p("scripts/up"), ".."),
                               add_link(t, p("bin/chain"), "../scripts/up/version"),
                               add_link(t, p("bin/hl"), p("version"), tarfile.LNKTYPE),
                               add_file(t, p("bin/suid"), b"#!/bin/sh\n", 0o6755)),
    "many": lambda t: [add_file(t, p(f"scripts/many/f{i:05d}"), b"%d\n" % i) for i in range(10000)],
}


def main():
    case, out = sys.argv[1], sys.argv[2]
    with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as tar:
        if case == "incomplete":
            layout(tar, skip=("uninstall.sh", "container-images"))
        else:
            layout(tar)
            CASES[case](tar)


main()
PYTHON

vgpg() { gpg --batch --no-tty --quiet --passphrase '' --pinentry-mode loopback "$@"; }
fpr_of() { vgpg --with-colons --list-keys "$1" | awk -F: '/^fpr/ { print $10; exit }'; }
gen_key() { # UID USAGE EXPIRE [GPG-OPTION]...
	local uid=$1 usage=$2 expire=$3; shift 3
	vgpg "$@" --quick-gen-key "$uid" ed25519 "$usage" "$expire" 2>/dev/null ||
		bail_out "gpg could not make the key $uid"
	fpr_of "$uid"
}
sign() { # ARCHIVE KEY OUT [GPG-OPTION]...
	local a=$1 k=$2 o=$3; shift 3
	vgpg "$@" --yes -u "$k" -o "$o" --detach-sign "$a" 2>/dev/null || bail_out "gpg could not sign $a"
}
# A complete release: checksum file and binary signature beside it.
checksum() { # ARCHIVE
	(cd "$(dirname "$1")" && sha256sum "$(basename "$1")" >"$(basename "$1").sha256")
}
publish() { # ARCHIVE [KEY]
	checksum "$1"
	sign "$1" "${2:-$VENDOR}" "$1.sig"
}
verify() { # ARGS... -> $out (stdout+stderr), $rc
	out=$("$LIFTOFF" verify --fingerprint "$VENDOR" "$@" 2>&1); rc=$?
}
json() { # ARGS... -> $out (stdout only), $rc
	out=$("$LIFTOFF" --json verify --fingerprint "$VENDOR" "$@" 2>/dev/null); rc=$?
}
jq_() { printf '%s' "$out" | "$PY" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

VENDOR=$(gen_key 'Vendor <vendor@example.invalid>' sign never)
[ -n "$VENDOR" ] || bail_out "no vendor key"
vgpg --export "$VENDOR" >vendor.gpg
vgpg --armor --export "$VENDOR" >vendor.asc

# ---- A good release, made with tar from a directory ----
mkdir -p src/spacelift-self-hosted-1.2.3/{cloudformation,container-images,bin,scripts}
(cd src/spacelift-self-hosted-1.2.3 && echo '{}' >config.json && echo 1.2.3 >version &&
	printf '#!/bin/sh\n' >install.sh && cp install.sh uninstall.sh && chmod 755 ./*.sh &&
	echo t >cloudformation/workerpool.yaml && echo i >container-images/spacelift-backend.tar &&
	echo l >bin/spacelift-launcher && echo s >scripts/update-sso-settings.sh)
mkdir rel && tar -C src -czf rel/spacelift-self-hosted-1.2.3.tar.gz spacelift-self-hosted-1.2.3
A=rel/spacelift-self-hosted-1.2.3.tar.gz
publish "$A"

verify "$A"
is "$rc" 4 "the key not yet imported: exit 4"
like "$out" "signature: +no-key" "says the key is missing"
like "$out" "liftoff verify --key FILE" "and how to import it"

verify "$A" --key vendor.asc
is "$rc" 0 "a good archive verifies once the armored key is imported"
like "$out" "imported key $VENDOR" "the import names the key"
like "$out" "version: +1\.2\.3" "report: version"
like "$out" "sha256: +ok \([0-9a-f]{64}\)" "report: checksum"
like "$out" "signature: +good, by $VENDOR \(Vendor <vendor@example.invalid>\)" "report: signer"
like "$out" "key: +valid" "report: key validity"
mode=$(stat -c %a "$T/keyring")
is "$mode" 700 "liftoff's keyring is mode 0700"
ok "liftoff's keyring has a pubring" test -f "$T/keyring/pubring.kbx"

json "$A"
is "$rc" 0 "--json: exit 0"
is "$(jq_ 'd["ok"], d["version"], d["sha256"]["ok"], d["signature"]["status"], d["signature"]["key_status"], d["extracted_to"]')" \
	"True 1.2.3 True good valid None" "--json: ok, version, sha256, signature, key, extracted_to"
is "$(jq_ 'd["sha256"]["expected"] == d["sha256"]["actual"], d["signature"]["fingerprint"]')" \
	"True $VENDOR" "--json: expected equals actual, fingerprint"

# The default keyring location, when LIFTOFF_GNUPGHOME is not set.
out=$(env -u LIFTOFF_GNUPGHOME "$LIFTOFF" verify --fingerprint "$VENDOR" --key vendor.gpg "$A" 2>&1); rc=$?
is "$rc" 0 "binary key import into the default keyring"
is "$(stat -c %a "$HOME/.local/share/liftoff/gnupg" 2>&1)" 700 "default keyring ~/.local/share/liftoff/gnupg, mode 0700"
out=$(env -u LIFTOFF_GNUPGHOME XDG_DATA_HOME="$T/xdg" "$LIFTOFF" verify --fingerprint "$VENDOR" --key vendor.gpg "$A" 2>&1); rc=$?
ok "XDG_DATA_HOME is honoured" test -d "$T/xdg/liftoff/gnupg"
n=$(vgpg --with-colons --list-keys | grep -c '^pub')
is "$n" 1 "the user's own keyring was not touched"

# Armored signature (.asc beside the archive, no .sig).
cp "$A" rel/armored.tar.gz
(cd rel && sha256sum armored.tar.gz >armored.tar.gz.sha256)
sign rel/armored.tar.gz "$VENDOR" rel/armored.tar.gz.asc --armor
json rel/armored.tar.gz
is "$rc" 0 "an armored signature found as ARCHIVE.asc verifies"
is "$(jq_ 'd["signature"]["armored"], d["signature"]["file"]')" "True rel/armored.tar.gz.asc" "--json says it is armored"

# Checksum file formats.
h=$(sha256sum "$A" | cut -d' ' -f1)
for form in "$h" "$h *spacelift-self-hosted-1.2.3.tar.gz" "$(echo "$h" | tr a-f A-F)  spacelift-self-hosted-1.2.3.tar.gz"; do
	printf '%s\n' "$form" >sum.txt
	verify "$A" --sha256 sum.txt
	is "$rc" 0 "checksum file form accepted: ${form:0:8}...${form:64}"
done
printf '%s  other-file.tar.gz\n' "$h" >sum.txt
verify "$A" --sha256 sum.txt
is "$rc" 4 "a checksum file naming another file: exit 4"
like "$out" "is for 'other-file.tar.gz', not for 'spacelift-self-hosted-1.2.3.tar.gz'" "and says so"
printf 'not a checksum\n' >sum.txt
verify "$A" --sha256 sum.txt
is "$rc" 4 "a malformed checksum file: exit 4"

# Missing files.
verify "$A" --sha256 nowhere.sha256
is "$rc" 4 "a missing checksum file: exit 4"
like "$out" "nowhere\.sha256" "the error names the file"
like "$out" "--sha256 FILE" "with a hint"
verify "$A" --sig nowhere.sig
is "$rc" 4 "a missing signature file: exit 4"
like "$out" "nowhere\.sig" "the error names the file"
cp "$A" rel/unsigned.tar.gz
(cd rel && sha256sum unsigned.tar.gz >unsigned.tar.gz.sha256)
json rel/unsigned.tar.gz
is "$rc" 4 "no signature beside the archive: exit 4"
is "$(jq_ 'd["signature"]["status"], d["sha256"]["ok"]')" "missing True" "--json: signature missing, checksum still checked"
echo 'not a signature' >garbage.sig
verify "$A" --sig garbage.sig
is "$rc" 4 "a signature file that holds no signature: exit 4"
like "$out" "the signature could not be checked" "and says so"
verify "$A" --key garbage.sig
is "$rc" 4 "a key file that holds no key: exit 4"
like "$out" "no key could be imported from garbage\.sig" "and names it"
verify nowhere.tar.gz
is "$rc" 4 "a missing archive: exit 4"
like "$out" "nowhere\.tar\.gz" "the error names it"

# ---- Damage ----
cp "$A" rel/flipped.tar.gz; cp "$A.sha256" rel/flipped.tar.gz.sha256; cp "$A.sig" rel/flipped.tar.gz.sig
sed -i 's/spacelift-self-hosted-1.2.3/flipped/' rel/flipped.tar.gz.sha256
"$PY" -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[len(b)//2]^=1; open(p,"wb").write(b)' rel/flipped.tar.gz
json rel/flipped.tar.gz --extract flipped-out
is "$rc" 4 "one flipped byte: exit 4"
is "$(jq_ 'd["sha256"]["ok"], d["signature"]["status"], d["extracted_to"]')" "False bad None" \
	"--json: checksum mismatch and bad signature, nothing extracted"
ok "a failed archive is never extracted" test ! -e flipped-out
verify rel/flipped.tar.gz
like "$out" "checksum mismatch" "text: checksum mismatch"
like "$out" "BAD signature: the archive or its signature was tampered with" "text: bad signature explained"

head -c 200 "$A" >rel/truncated.tar.gz
cp "$A.sig" rel/truncated.tar.gz.sig
printf '%s  truncated.tar.gz\n' "$h" >rel/truncated.tar.gz.sha256
verify rel/truncated.tar.gz
is "$rc" 4 "a truncated archive: exit 4"
like "$out" "checksum mismatch" "truncated: checksum mismatch"
# Truncated but correctly signed: the checks pass, the contents do not.
publish rel/truncated.tar.gz
verify rel/truncated.tar.gz --extract trunc-out
is "$rc" 4 "a signed but corrupt archive is refused: exit 4"
like "$out" "corrupt|Truncated|truncated" "and called corrupt"
ok "nothing extracted from it" test ! -e trunc-out

# ---- Signature outcomes ----
OTHER=$(gen_key 'Other <other@example.invalid>' sign never)
cp "$A" rel/other.tar.gz; publish rel/other.tar.gz "$OTHER"
verify rel/other.tar.gz
is "$rc" 4 "signed by an unknown other key: exit 4"
like "$out" "signature: +wrong-key" "the pinned key is present, so it is another key"
like "$out" "signed by another key: $OTHER" "its fingerprint is shown"
vgpg --export "$OTHER" >other.gpg
json rel/other.tar.gz --key other.gpg
is "$rc" 4 "signed by another known key: exit 4"
is "$(jq_ 'd["signature"]["status"], d["signature"]["fingerprint"]')" "wrong-key $OTHER" "--json: wrong-key and its fingerprint"
verify rel/other.tar.gz --fingerprint "$OTHER"
is "$rc" 0 "--fingerprint trusts another key instead"
verify "$A" --fingerprint "${VENDOR:0:20} ${VENDOR:20}"
is "$rc" 0 "a fingerprint with a space is accepted"
verify "$A" --fingerprint 1234
is "$rc" 2 "a malformed --fingerprint is a usage error"
out=$("$LIFTOFF" verify "$A" 2>&1); rc=$?
is "$rc" 4 "without --fingerprint, only Spacelift's key is trusted"
like "$out" "not 380BD7699053035B71D027B173EBA0CF3B3F4A46" "and the error names Spacelift's fingerprint"
out=$("$LIFTOFF" verify --fingerprint "$VENDOR" --key other.gpg "$A" 2>&1)
like "$out" "warning: other.gpg does not hold the trusted key $VENDOR" "importing a key that is not the trusted one warns"
out=$("$LIFTOFF" verify 2>&1); rc=$?
is "$rc" 2 "no ARCHIVE is a usage error"
out=$("$LIFTOFF" -r "$A" verify --fingerprint "$VENDOR" 2>&1); rc=$?
is "$rc" 0 "-r ARCHIVE names the archive too"

# A signing subkey of the pinned key.
SUBP=$(gen_key 'Sub <sub@example.invalid>' cert never)
vgpg --quick-add-key "$SUBP" ed25519 sign never 2>/dev/null || bail_out "gpg could not add a subkey"
SUBK=$(vgpg --with-colons --list-keys "$SUBP" | awk -F: '/^fpr/ { f=$10 } END { print f }')
cp "$A" rel/sub.tar.gz; publish rel/sub.tar.gz "$SUBP"
vgpg --export "$SUBP" >sub.gpg
json rel/sub.tar.gz --key sub.gpg --fingerprint "$SUBP"
is "$rc" 0 "a signature by a signing subkey of the pinned key: exit 0"
is "$(jq_ 'd["signature"]["status"], d["signature"]["fingerprint"], d["signature"]["primary_fingerprint"], d["signature"]["by_subkey"]')" \
	"good $SUBK $SUBP True" "--json: the subkey, its primary, by_subkey"
verify rel/sub.tar.gz --fingerprint "$SUBP"
like "$out" "a signing subkey of $SUBP" "text names the primary key"

# An expired key: made in 2020 for a year, signature made while valid.
EXP=$(gen_key 'Expired <exp@example.invalid>' sign 1y --faked-system-time 20200101T000000)
cp "$A" rel/expired.tar.gz; checksum rel/expired.tar.gz
sign rel/expired.tar.gz "$EXP" rel/expired.tar.gz.sig --faked-system-time 20200601T000000
vgpg --export "$EXP" >exp.gpg
json rel/expired.tar.gz --key exp.gpg --fingerprint "$EXP"
is "$rc" 4 "an expired key: exit 4"
is "$(jq_ 'd["signature"]["status"], d["signature"]["key_status"]')" "key-expired expired" "--json: key-expired"
verify rel/expired.tar.gz --fingerprint "$EXP"
like "$out" "the signing key $EXP expired on 2020-12-3" "text: when it expired"

# A signature made after the key expired: signed in 2022, the key's
# expiry later set to 2021 (gpg will not sign with an expired key).
LATE=$(gen_key 'Late <late@example.invalid>' sign never --faked-system-time 20200101T000000)
cp "$A" rel/late.tar.gz; checksum rel/late.tar.gz
sign rel/late.tar.gz "$LATE" rel/late.tar.gz.sig --faked-system-time 20220601T000000
vgpg --faked-system-time 20200201T000000 --quick-set-expire "$LATE" 1y 2>/dev/null || bail_out "gpg could not set the expiry"
vgpg --export "$LATE" >late.gpg
json rel/late.tar.gz --key late.gpg --fingerprint "$LATE"
is "$rc" 4 "a signature made after the key expired: exit 4"
is "$(jq_ 'd["signature"]["status"]')" "signed-after-expiry" "--json: signed-after-expiry"
verify rel/late.tar.gz --fingerprint "$LATE"
like "$out" "made on 2022-06-01 .*, after the signing key $LATE expired" "text: both dates"

# A signature that itself expired (made in 2020, valid for a day).
SEXP=$(gen_key 'Sigexp <sigexp@example.invalid>' sign never --faked-system-time 20200101T000000)
cp "$A" rel/sigexp.tar.gz; checksum rel/sigexp.tar.gz
sign rel/sigexp.tar.gz "$SEXP" rel/sigexp.tar.gz.sig --faked-system-time 20200601T000000 --default-sig-expire 1d
vgpg --export "$SEXP" >sigexp.gpg
json rel/sigexp.tar.gz --key sigexp.gpg --fingerprint "$SEXP"
is "$rc" 4 "an expired signature: exit 4"
is "$(jq_ 'd["signature"]["status"], d["signature"]["key_status"]')" "signature-expired valid" "--json: signature-expired, the key is valid"

# A revoked key.
REV=$(gen_key 'Revoked <rev@example.invalid>' sign never)
cp "$A" rel/revoked.tar.gz; publish rel/revoked.tar.gz "$REV"
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$REV.rev" >rev.asc
vgpg --import rev.asc 2>/dev/null || bail_out "gpg could not revoke the key"
vgpg --export "$REV" >rev.gpg
json rel/revoked.tar.gz --key rev.gpg --fingerprint "$REV"
is "$rc" 4 "a revoked key: exit 4"
is "$(jq_ 'd["signature"]["status"], d["signature"]["key_status"]')" "key-revoked revoked" "--json: key-revoked"
verify rel/revoked.tar.gz --fingerprint "$REV"
like "$out" "has been revoked" "text: revoked"

# ---- Extraction ----
verify "$A" --extract out
is "$rc" 0 "--extract: exit 0"
like "$out" "extracted: +out \(the contents of spacelift-self-hosted-1.2.3/\)" "says the top directory was stripped"
ok "out/ holds the release itself" test -x out/install.sh -a -d out/cloudformation -a -f out/version
is "$(ls -A . | grep -c liftoff)" 0 "no temporary directory is left beside it"
verify "$A" --extract out
is "$rc" 1 "an existing target is refused: exit 1"
like "$out" "out already exists" "and named"
like "$out" "--force" "with the hint to use --force"
echo stale >out/stale
verify "$A" --extract out --force
is "$rc" 0 "--force replaces it"
ok "the old contents are gone" test ! -e out/stale
json "$A" --extract out2
is "$(jq_ 'd["extracted_to"], d["stripped"]')" "out2 spacelift-self-hosted-1.2.3" "--json: extracted_to and stripped"

craft() { # CASE -> rel/CASE.tar.gz, checksummed and signed
	"$PY" "$CRAFT" "$1" "rel/$1.tar.gz" || bail_out "could not craft $1"
	publish "rel/$1.tar.gz"
}
refused() { # CASE PATTERN
	craft "$1"
	verify "rel/$1.tar.gz" --extract "x-$1"
	is "$rc" 4 "$1: refused with exit 4"
	like "$out" "$2" "$1: the reason is given"
	ok "$1: nothing was extracted" test ! -e "x-$1"
	is "$(ls -A . | grep -c "liftoff-")" 0 "$1: no temporary directory is left"
}
refused dotdot "contains '\.\.'"
refused absolute "is an absolute path"
refused symlink-out "link '.*bin/out' -> '\.\./\.\./\.\.' leads outside"
refused symlink-abs "link '.*bin/abs' -> '/etc/passwd' leads outside"
refused symlink-chain "link '.*bin/out' -> '\.\./scripts/up/\.\.' leads outside"
refused symlink-loop "loop of links"
refused hardlink-out "contains '\.\.'"
refused hardlink-abs "hard link points to the absolute path '/etc/passwd'"
refused hardlink-chain "link 'h' -> '\.\./version' leads outside"
refused through-symlink "lies beneath '.*bin/dir', which is not a directory"
refused device "is a device node"
refused fifo "is a FIFO"
ok "nothing escaped the target" test ! -e /tmp/liftoff-test-escaped -a ! -e "$T/escaped"

# Without --extract, the contents are still checked.
verify rel/symlink-out.tar.gz
is "$rc" 4 "verify without --extract refuses an unsafe archive too"

craft inside-links
verify rel/inside-links.tar.gz --extract inside
is "$rc" 0 "links that stay inside are accepted"
is "$(readlink inside/bin/v)" "../version" "an inside symlink is kept"
is "$(cat inside/bin/chain)" "1.2.3" "an inside chain of links resolves"
is "$(stat -c %h inside/version)" 2 "an inside hard link is kept"
is "$(stat -c %a inside/bin/suid)" 755 "setuid and setgid bits are dropped"

craft incomplete
verify rel/incomplete.tar.gz --extract incomplete
is "$rc" 1 "a release missing part of the layout: exit 1"
like "$out" "the release lacks uninstall.sh, container-images/" "says what is missing"
ok "and is not extracted" test ! -e incomplete
json rel/incomplete.tar.gz
is "$(jq_ '" ".join(d["missing"])')" "uninstall.sh container-images/" "--json lists what is missing"
json rel/incomplete.tar.gz --extract incomplete
is "$(jq_ '" ".join(d["missing"]), d["version"], d["extracted_to"]')" "uninstall.sh container-images/ 1.2.3 None" \
	"--json with --extract: what is missing, the version, nothing extracted"

craft many
verify rel/many.tar.gz --extract many
is "$rc" 0 "an archive of 10,000 files extracts"
is "$(find many/scripts/many -type f | wc -l)" 10000 "all 10,000 files are there"

done_testing
