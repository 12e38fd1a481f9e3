"""The stylesheet and scripts under ``/static``, with Litestar's static-files router.

A link no file can have (a name longer than the file system allows, a file name used as a
folder) is a plain 404: Litestar answers only a missing file that way and turns every other
file-system error into a 500.
"""

from __future__ import annotations

from typing import Any

from litestar import Router
from litestar.file_system import BaseLocalFileSystem
from litestar.static_files import create_static_files_router

from service.paths import STATIC_DIR


class StaticFolder(BaseLocalFileSystem):
    async def info(self, path: Any, **kwargs: Any) -> Any:
        try:
            return await super().info(path, **kwargs)
        except FileNotFoundError:
            raise
        except OSError as error:  # e.g. "File name too long", "Not a directory"
            raise FileNotFoundError(path) from error


def static_files_router() -> Router:
    return create_static_files_router(path="/static", directories=[STATIC_DIR], file_system=StaticFolder())
