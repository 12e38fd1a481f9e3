"""Command line: ``python -m service migrate | demo | serve``."""

from __future__ import annotations

import argparse
import sys

from service.settings import Settings

SHUTDOWN_GRACE_SECONDS = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description="Run the Mingle web service.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("demo", help="create the demo event if the database is empty, and print its links")
    serve = commands.add_parser("serve", help="start the web server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    if args.command == "migrate":
        from service.db.migrate import upgrade

        upgrade(settings)
        print(f"Database is up to date ({settings.database_url.split('///')[-1]}).")
    elif args.command == "demo":
        from service.demo import print_demo_links

        print_demo_links(settings)
    elif args.command == "serve":
        import uvicorn

        print(f"Mingle is running on http://{args.host}:{args.port}/  (stop with Ctrl+C)", flush=True)
        # Live pages keep their event streams open for ever; on stop, close them after a moment
        # (browsers reconnect by themselves) instead of waiting on them.
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            # The app logs each request itself (without the secret tokens in paths).
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
