"""Command line: ``python -m service migrate | demo | serve``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from service.settings import Settings
from service.storage import DataFolderNotWritable, check_data_folder

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

    try:
        # Before anything is written (the secret key, the database): say so plainly if it cannot be.
        check_data_folder(*data_folder_and_database(os.environ))
        settings = Settings.from_env()
    except DataFolderNotWritable as error:
        print(error, file=sys.stderr)
        return 2
    if args.command == "migrate":
        from service.db.migrate import upgrade

        upgrade(settings)
        print(f"Database is up to date ({settings.database_url.split('///')[-1]}).")
    elif args.command == "demo":
        from service.demo import print_demo_links

        print_demo_links(settings)
    elif args.command == "serve":
        import uvicorn

        # The interpreter's switch interval is shortened by service.rendering, which the app loads.
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


def data_folder_and_database(environ: os._Environ[str] | dict[str, str]) -> tuple[Path, Path | None]:
    """The data folder, and the SQLite database file when the database is one (else None)."""
    data_dir = Path(environ.get("MINGLE_DATA_DIR", "data")).resolve()
    url = environ.get("DATABASE_URL", "")
    if not url:
        return data_dir, data_dir / "mingle.sqlite3"
    if url.startswith("sqlite") and ":///" in url:
        return data_dir, Path(url.split(":///", 1)[1].split("?", 1)[0]).resolve()
    return data_dir, None


if __name__ == "__main__":
    sys.exit(main())
