#!/usr/bin/python3
"""bench-cp: `remote-store cp` against `cp`, measured in the same run.

Cases: one big file (default 1 GiB) and a tree of many small files
(default 10,000 x 4 KiB). For each, the peer `cp` (`cp -r`) and two forms
of the tool: local to local in one store (the tool hands the copy to the
store, which uses copy_file_range), and "streamed", where the destination
is a second store (a different URI query makes a different backend) so
every byte goes through rs_store_read -> rs_store_write. Runs alternate
between the peers; each figure is the median wall time over --runs, with
the highest peak RSS of its runs. The page cache is flushed (`sync`)
before every timed run, outside the timing. Each run of the tree case
writes a fresh destination, and the copies are removed only once the case
is done: on ext4, files created right after thousands were deleted take
the inode allocator through the just-freed inodes (`recently_deleted`),
which made both peers several times slower and noisier than a first copy."""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(argv, rss_file):
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system) of
    @argv. RSS and CPU come from GNU time, whose small process forks the
    command: a child forked from this Python would report Python's pages
    as its own. On a shared machine CPU time moves less than wall time."""
    subprocess.run(["sync"], check=True)
    start = time.monotonic()
    status = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, *argv],
                            stdout=subprocess.DEVNULL).returncode
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"bench-cp: {argv} failed (exit {status})")
    with open(rss_file) as f:
        rss, user, system = f.read().split()[-3:]
    return wall, int(rss) / 1024.0, float(user) + float(system)


def make_big(path, mib):
    chunk = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(mib):
            f.write(chunk)


def make_tree(root, files, size):
    data = os.urandom(size)
    for i in range(files):
        folder = os.path.join(root, f"d{i // 500:03d}")
        if i % 500 == 0:
            os.makedirs(folder)
        with open(os.path.join(folder, f"f{i:05d}.bin"), "wb") as f:
            f.write(data)


def clear(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.unlink(path)


def measure(title, peers, runs, destination, fresh=False):
    """@peers: (name, argv with DST for the destination). With @fresh each
    run writes to a new destination, all removed at the end."""
    results = {name: [] for name, _ in peers}
    rss_file = destination + ".rss"
    made = []
    for run in range(runs):
        for index, (name, argv) in enumerate(peers):
            target = f"{destination}-{run}-{index}" if fresh else destination
            clear(target)
            made.append(target)
            results[name].append(timed([a.replace("DST", target) for a in argv], rss_file))
    os.unlink(rss_file)
    for target in made:
        clear(target)
    base = statistics.median(w for w, _, _ in results[peers[0][0]])
    base_cpu = statistics.median(c for _, _, c in results[peers[0][0]])
    print(f"\n{title}")
    print(f"  {'peer':<45} {'median s':>9} {'min s':>7} {'max s':>7} {'x cp':>6} "
          f"{'cpu s':>6} {'x cp':>6} {'peak RSS MiB':>13}")
    for name, _ in peers:
        walls = [w for w, _, _ in results[name]]
        rss = max(r for _, r, _ in results[name])
        median = statistics.median(walls)
        cpu = statistics.median(c for _, _, c in results[name])
        print(f"  {name:<45} {median:9.3f} {min(walls):7.3f} {max(walls):7.3f} "
              f"{median / base:6.2f} {cpu:6.2f} {cpu / max(base_cpu, 0.005):6.2f} {rss:13.1f}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--file-size", type=int, default=4096)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--dir", default=None, help="where to work (default: a temporary folder)")
    parser.add_argument("--only", choices=["big", "tree"], default=None, help="run one case")
    parser.add_argument("--baseline", default=None, metavar="TOOL:PLUGINDIR",
                        help="also time another build of the tool (its local plugin folder after the colon), "
                             "e.g. the previous commit's, in the same alternation")
    parser.add_argument("--tool-args", default="",
                        help="more options for the tool, as one string (e.g. \"--transfers 4\")")
    args = parser.parse_args()
    tool = os.path.abspath(args.tool)
    work = tempfile.mkdtemp(prefix="bench-cp-", dir=args.dir)
    try:
        print(f"bench-cp: {work}, {args.runs} runs per peer, medians; "
              f"cp is {shutil.which('cp')}, tool -j {args.jobs}")
        extra = args.tool_args.split()
        # Each tool form: (label suffix, argv prefix). A baseline runs
        # through env(1) with its own plugin folder.
        tools = [("", [tool])]
        if args.baseline is not None:
            base_tool, base_plugins = args.baseline.split(":", 1)
            tools.append((" [baseline]", ["env", "RS_PLUGIN_PATH=" + os.path.abspath(base_plugins),
                                          os.path.abspath(base_tool)]))
        if args.only in (None, "big"):
            big = os.path.join(work, "big.bin")
            dst = os.path.join(work, "big-copy.bin")
            make_big(big, args.size_mib)
            peers = [("cp", ["cp", big, "DST"])]
            for suffix, run in tools:
                peers += [("remote-store cp (one store)" + suffix, [*run, "cp", "-q", *extra, big, "DST"]),
                          ("remote-store cp (streamed)" + suffix,
                           [*run, "cp", "-q", *extra, big, "file://DST?fsync=false"])]
            measure(f"one {args.size_mib} MiB file (goal: tool <= 1.10 x cp wall, peak RSS <= 32 MiB)",
                    peers, args.runs, dst)
            os.unlink(big)

        if args.only in (None, "tree"):
            tree = os.path.join(work, "tree")
            copy = os.path.join(work, "tree-copy")
            make_tree(tree, args.files, args.file_size)
            jobs = ["-j", str(args.jobs)]
            peers = [("cp -r", ["cp", "-r", tree, "DST"])]
            for suffix, run in tools:
                peers += [("remote-store cp -r (one store)" + suffix,
                           [*run, "cp", "-q", "-r", *jobs, *extra, tree, "DST"]),
                          ("remote-store cp -r (streamed)" + suffix,
                           [*run, "cp", "-q", "-r", *jobs, *extra, tree, "file://DST?fsync=false"])]
            measure(f"{args.files} files of {args.file_size} bytes, recursive (goal: tool <= 1.5 x cp -r)",
                    peers, args.runs, copy, fresh=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
