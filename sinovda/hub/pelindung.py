"""What a participant's own Jupyter server under the hub may do: show the course, nothing else.

A participant's server (JupyterHub's single-user server, started by
``sinovda.hub.server_peserta`` as the participant's system user) loads the configuration in
``deploy/peserta`` (its ``$JUPYTER_CONFIG_DIR``, owned by root, read-only for the participant),
which applies ``terapkan_peserta``:

- only the Voila extension is loaded, with the course's rules of ``sinovda app``
  (``sinovda.cli.voila_app``: the course map at the server's root and Voila's tree, course
  modules only, working tab-close kernel shutdown): no JupyterLab, no classic notebook, no
  terminals, no LSP;
- ``PenjagaPeserta`` refuses every Jupyter REST API a browser could use to run or write code or
  files (contents, files, sessions, kernel start/restart/interrupt, kernelspecs, terminals,
  nbconvert, config, events, server shutdown). Allowed: the Voila pages (not behind the
  authorizer), reading ``/api/status``, listing one's kernels, and the kernel websocket of a
  Voila page;
- the kernel websocket forwards only widget traffic (``PESAN_KERNEL``): comm open/message/close
  and info requests. ``execute_request``, completion, inspection, history and the debugger are
  dropped, so a browser connected to a page's kernel cannot make it run code;
- a Content-Security-Policy (``CSP``): scripts, styles, connections only from this origin, no
  framing, no form posts elsewhere, no plugins; so no MathJax from a CDN either.

Facilitators (trusted) keep JupyterLab; their servers do not load this configuration.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.authorizer import Authorizer

from sinovda import paths

TEMPLAT = paths.ROOT / "deploy" / "peserta" / "templates"

# Kernel messages a Voila page sends: widgets (comms) and the handshake. Nothing that runs code.
PESAN_KERNEL = [
    "comm_open",
    "comm_msg",
    "comm_close",
    "comm_info_request",
    "kernel_info_request",
]
EKSTENSI = {
    "voila": True,
    "voila.server_extension": True,
    # the course's rules, the same code as ``sinovda app``: course map as landing page, only
    # course modules rendered (never the facilitator's or report notebooks, no file list), tab
    # close shuts the page's kernel down, no MathJax from a CDN
    "sinovda.cli.voila_app": True,
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "nbclassic": False,
    "jupyter_server_terminals": False,
    "jupyter_lsp": False,
    "jupyterlab_server": False,
}
CSP = "; ".join(
    [
        "default-src 'self'",
        # Voila's page bundles and the widget manager need inline scripts and eval
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
# (resource, action) pairs a participant's browser may use through the Jupyter REST API.
_IZIN = {("api", "read"), ("kernels", "read"), ("csp", "write"), ("csp", "read")}


class PenjagaPeserta(Authorizer):
    """jupyter_server authorizer of a participant's server (see the module docstring)."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        if (resource, action) in _IZIN:
            return True
        if resource == "kernels" and action == "execute":
            # the websocket of a page's kernel; its messages are filtered (PESAN_KERNEL)
            from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

            if isinstance(handler, KernelWebsocketHandler):
                return True
        self.log.warning(
            "Ditolak untuk peserta: %s %s (%s %s)",
            action, resource, handler.request.method, handler.request.path,
        )
        return False


def terapkan_peserta(c: Any) -> None:
    """Fill the jupyter_server config ``c`` of a participant's server."""
    c.ServerApp.jpserver_extensions = dict(EKSTENSI)
    c.ServerApp.authorizer_class = PenjagaPeserta
    c.ServerApp.terminals_enabled = False
    c.ServerApp.extra_template_paths = [str(TEMPLAT)]  # error pages in Bahasa Indonesia
    # (no MathJax from a CDN: the course's server extension sets it, as in ``sinovda app``)
    c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": CSP}}
    c.MappingKernelManager.allowed_message_types = list(PESAN_KERNEL)
    c.ContentsManager.allow_hidden = False
    c.FileContentsManager.allow_hidden = False
