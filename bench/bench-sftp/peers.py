#!/usr/bin/python3
"""bench-sftp's Python peers: paramiko and asyncssh, each used as its
documentation shows. Usage:
peers.py PEER put-big|get-big|put-small|get-small LOCAL REMOTE OUT PORT USER KEY KNOWN_HOSTS
"""
import os
import sys


def paramiko_run(verb, local, remote, out, port, user, key, known):
    import paramiko

    client = paramiko.SSHClient()
    client.load_host_keys(known)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect("127.0.0.1", port=port, username=user, key_filename=key,
                   allow_agent=False, look_for_keys=False)
    sftp = client.open_sftp()
    if verb == "put-big":
        sftp.put(os.path.join(local, "big.bin"), remote + "/big.bin")
    elif verb == "get-big":
        sftp.get(remote + "/big.bin", os.path.join(out, "big.bin"))
    elif verb == "put-small":
        sftp.mkdir(remote + "/small")
        for name in sorted(os.listdir(os.path.join(local, "small"))):
            sftp.put(os.path.join(local, "small", name), remote + "/small/" + name)
    else:
        os.makedirs(os.path.join(out, "small"), exist_ok=True)
        for name in sftp.listdir(remote + "/small"):
            sftp.get(remote + "/small/" + name, os.path.join(out, "small", name))
    sftp.close()
    client.close()


def asyncssh_run(verb, local, remote, out, port, user, key, known):
    import asyncio
    import asyncssh

    async def main():
        async with asyncssh.connect("127.0.0.1", port=port, username=user,
                                    client_keys=[key], known_hosts=known,
                                    agent_path=None) as conn:
            async with conn.start_sftp_client() as sftp:
                if verb == "put-big":
                    await sftp.put(os.path.join(local, "big.bin"), remote + "/big.bin")
                elif verb == "get-big":
                    await sftp.get(remote + "/big.bin", os.path.join(out, "big.bin"))
                elif verb == "put-small":
                    await sftp.put(os.path.join(local, "small"), remote + "/small", recurse=True)
                else:
                    await sftp.get(remote + "/small", os.path.join(out, "small"), recurse=True)

    asyncio.run(main())


def main():
    peer, verb, local, remote, out, port, user, key, known = sys.argv[1:10]
    run = {"paramiko": paramiko_run, "asyncssh": asyncssh_run}[peer]
    run(verb, local, remote, out, int(port), user, key, known)


if __name__ == "__main__":
    main()
