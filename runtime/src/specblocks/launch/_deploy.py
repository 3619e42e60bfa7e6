"""``specblocks deploy nginx``: an nginx configuration for replicas of one app.

The replicas share a Redis (``specblocks serve --redis-url``), so nginx balances requests
round-robin with no sticky sessions; the configuration keeps server-sent events unbuffered
and open, forwards the headers the app builds its URLs from, and allows uploads up to
``--max-body-size``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

#: ``HOST:PORT`` of a replica.
_ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$")
#: An nginx size (``100m``, ``1g``, ``0`` for no limit).
_SIZE = re.compile(r"^\d+[kKmMgG]?$")

_PROXY = """\
        proxy_pass http://{upstream};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        # server-sent events: pass each message on at once, keep idle streams open
        proxy_buffering off;
        proxy_cache off;
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;"""


def nginx_config(
    replicas: Sequence[str],
    *,
    listen: str = "8080",
    max_body_size: str = "100m",
    upstream: str = "specblocks",
    standalone: bool = False,
) -> str:
    """The configuration: an ``upstream`` of ``replicas`` and a server on ``listen``.

    Without ``standalone`` it is the part for nginx's ``http`` block (a file in
    ``conf.d``); with it, a whole ``nginx.conf`` that runs unprivileged in the foreground
    with ``nginx -p DIR -c nginx.conf`` (its pid and temporary files in ``DIR``).

    Raises:
        ValueError: A replica is not ``HOST:PORT``, or ``max_body_size`` is no nginx size.
    """
    if not replicas:
        raise ValueError("no replicas: give at least one HOST:PORT")
    for replica in replicas:
        if not _ADDRESS.match(replica):
            raise ValueError(f"replica {replica!r}: expected HOST:PORT")
    if not _SIZE.match(max_body_size):
        raise ValueError(f"max body size {max_body_size!r}: expected a size such as 100m")
    servers = "\n".join(f"    server {replica};" for replica in replicas)
    body = f"""\
# {len(replicas)} replica(s) of one specblocks app sharing a Redis: round-robin, no sticky
# sessions (any replica answers any request of any session).
upstream {upstream} {{
{servers}
    keepalive 32;
}}

server {{
    listen {listen};
    client_max_body_size {max_body_size};

    location / {{
{_PROXY.format(upstream=upstream)}
    }}
}}
"""
    if not standalone:
        return body
    nested = "".join(f"    {line}\n" if line else "\n" for line in body.splitlines())
    return f"""\
# Run in the foreground, unprivileged: nginx -p DIR -c nginx.conf (pid, logs, temp in DIR)
daemon off;
worker_processes 1;
pid nginx.pid;
error_log stderr warn;

events {{
    worker_connections 4096;
}}

http {{
    access_log off;
    client_body_temp_path client_body;
    proxy_temp_path proxy;
    fastcgi_temp_path fastcgi;
    uwsgi_temp_path uwsgi;
    scgi_temp_path scgi;

{nested}}}
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="specblocks deploy nginx",
        description="Print an nginx configuration for replicas of one app sharing a Redis.",
    )
    parser.add_argument(
        "--replica",
        action="append",
        default=[],
        metavar="HOST:PORT",
        help="a replica's address (repeat it; or use --replicas and --first-port)",
    )
    parser.add_argument("--replicas", type=int, help="how many replicas, on consecutive ports")
    parser.add_argument("--first-port", type=int, default=7861, help="the first replica's port")
    parser.add_argument("--host", default="127.0.0.1", help="the replicas' host")
    parser.add_argument("--listen", default="8080", help="nginx's [ADDRESS:]PORT (8080)")
    parser.add_argument("--max-body-size", default="100m", help="largest upload (100m)")
    parser.add_argument(
        "--standalone",
        action="store_true",
        help="a whole nginx.conf to run unprivileged in the foreground (nginx -p DIR -c FILE)",
    )
    return parser


def deploy(argv: Sequence[str]) -> int:
    """``specblocks deploy nginx ...``: print the configuration; 2 for bad arguments."""
    if list(argv[:1]) != ["nginx"]:
        print("usage: specblocks deploy nginx [options] (see --help)", file=sys.stderr)
        return 2
    args = _parser().parse_args(argv[1:])
    replicas = list(args.replica)
    if args.replicas is not None:
        if args.replicas < 1:
            print("error: --replicas must be 1 or more", file=sys.stderr)
            return 2
        replicas += [f"{args.host}:{args.first_port + i}" for i in range(args.replicas)]
    try:
        print(
            nginx_config(
                replicas,
                listen=args.listen,
                max_body_size=args.max_body_size,
                standalone=args.standalone,
            ),
            end="",
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
