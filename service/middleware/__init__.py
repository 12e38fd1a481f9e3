"""ASGI middleware and response hooks that apply to every route: body reading, input guards,
rate limits and security headers. ``service.app.create_app`` wires them in."""
