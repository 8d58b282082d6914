# test-verify-craft.py - writes the release archives test-verify.sh needs:
# a good layout plus one crafted member (python's tarfile can write any
# member type, and names that tar itself would refuse to create).
#   python3 test-verify-craft.py CASE OUT.tar.gz
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
