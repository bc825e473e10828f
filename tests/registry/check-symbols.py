#!/usr/bin/python3
"""Check the dynamic symbols a shared object exports against the allow-list.

    check-symbols.py ALLOW_LIST LIBRARY
        Fails (exit 1) unless every defined dynamic symbol of LIBRARY is
        rs_<typeword>_... with a type word of ALLOW_LIST, and none starts
        with a stem librsync exports.

    check-symbols.py ALLOW_LIST LIBRARY --expect-rejected SYM[,SYM...]
        Self-test: succeeds only if exactly those symbols are rejected.

    check-symbols.py --plugin NAME MODULE
        Fails unless MODULE exports exactly rs_plugin_NAME_descriptor.

librsync and libremotestore share the rs_ prefix; a process may load
both, so our names must never collide with theirs.
"""

import os
import re
import subprocess
import sys

# Stems of librsync's exported symbols (librsync.h, 2.x).
LIBRSYNC_STEMS = (
    "rs_file_", "rs_job_", "rs_sig_", "rs_log_", "rs_delta_", "rs_patch_",
    "rs_loadsig_", "rs_mdfour", "rs_trace_", "rs_signature_", "rs_build_hash_table",
    "rs_free_sumset", "rs_sumset_", "rs_strerror", "rs_format_stats", "rs_hexify",
    "rs_base64", "rs_unbase64", "rs_librsync_version", "rs_supports_trace",
    "rs_inbuflen", "rs_outbuflen", "rs_buffers_", "rs_drive_", "rs_rollsum",
    "rs_calc_", "rs_search_", "rs_emit_", "rs_scoop_", "rs_tube_", "rs_squirt_",
    "rs_fetch_", "rs_sumset", "rs_whole_", "rs_mksum_", "rs_readsum_",
    "rs_netint_", "rs_suck_", "rs_licence_",
)


def exported_symbols(path):
    """Names of the defined dynamic symbols of a shared object."""
    try:
        out = subprocess.run([os.environ.get("NM", "nm"), "-D", "--defined-only", path], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"check-symbols: cannot list the symbols of {path}: {e}")
    names = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        # Drop symbol versions (name@VERS, name@@VERS).
        name = fields[-1].split("@")[0]
        # AddressSanitizer adds an __odr_asan.NAME beside each exported
        # global (the CI's sanitizer build); it is not part of the ABI.
        if name.startswith("__odr_asan"):
            continue
        names.append(name)
    return names


def read_allow_list(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split("#", 1)[0].strip()
            if not word:
                continue
            if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", word):
                sys.exit(f"check-symbols: {path}: invalid type word {word!r}")
            stem = librsync_stem(f"rs_{word}_")
            if stem:
                sys.exit(f"check-symbols: {path}: type word {word!r} makes the librsync stem {stem}")
            words.append(word)
    if not words:
        sys.exit(f"check-symbols: {path}: no type words")
    return words


def librsync_stem(symbol):
    for stem in LIBRSYNC_STEMS:
        if symbol.startswith(stem):
            return stem
    return None


def rejected(symbols, words):
    """(symbol, reason) for each symbol outside the rules."""
    # Longest words first, so that backend_writer is tried before backend.
    pattern = re.compile(r"rs_(%s)_[a-z0-9_]+" % "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True)))
    bad = []
    for symbol in symbols:
        stem = librsync_stem(symbol)
        if stem:
            bad.append((symbol, f"collides with librsync's {stem}"))
        elif not pattern.fullmatch(symbol):
            bad.append((symbol, "not rs_<typeword>_... with an allowed type word"))
    return bad


def check_plugin(name, module):
    expected = "rs_plugin_%s_descriptor" % name.replace("-", "_")
    symbols = exported_symbols(module)
    if symbols != [expected]:
        print(f"{module} must export exactly {expected}; it exports: {', '.join(symbols) or 'nothing'}")
        return 1
    print(f"{module}: exports {expected} only")
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--plugin":
        return check_plugin(argv[2], argv[3])
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--expect-rejected"):
        sys.exit(__doc__)
    words = read_allow_list(argv[1])
    symbols = exported_symbols(argv[2])
    if not symbols:
        print(f"{argv[2]} exports no symbol at all")
        return 1
    bad = rejected(symbols, words)
    for symbol, reason in bad:
        print(f"rejected: {symbol}: {reason}")
    if len(argv) == 5:
        expected = set(argv[4].split(","))
        found = {symbol for symbol, _ in bad}
        if found != expected:
            print(f"expected exactly {sorted(expected)} to be rejected, got {sorted(found)}")
            return 1
        print(f"rejected exactly {', '.join(sorted(expected))}, as expected")
        return 0
    if bad:
        print(f"{len(bad)} of {len(symbols)} exported symbols of {argv[2]} break the rules")
        return 1
    print(f"all {len(symbols)} exported symbols of {argv[2]} are allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
