"""Attendee lists in and out: what ticketing tools export, read untouched; everyone as CSV.

Pure parts (no database): ``reading`` (bytes to rows), ``platforms`` (one declarative entry
per ticketing tool), ``detection`` (platform and header row), ``mapping`` (which column feeds
what), ``people`` (rows to checked people), ``preview`` (the signed upload the preview form
carries), ``export``. ``services`` matches people against an event and stores them;
``pages`` builds the upload, preview and result pages that ``controllers`` returns.
"""
