# Jupyter server configuration of a PARTICIPANT's server under `sinovda hub`.
#
# The hub points the participant's $JUPYTER_CONFIG_DIR here (a folder owned by root that the
# participant cannot change) and ignores ~/.jupyter (Spawner.disable_user_config). What it does:
# only Voila (no JupyterLab, no terminals), no REST API that runs or writes code or files, kernel
# websocket limited to widget messages, a Content-Security-Policy. See sinovda/hub/pelindung.py.

from sinovda.hub.pelindung import terapkan_peserta

terapkan_peserta(c)  # noqa: F821 (c is provided by Jupyter)

# A page's kernel may take long to answer its first message when a whole room opens a module at
# the same moment (40 servers and their new kernels on a few cores): Voila's 60 s made 2 of 40
# pages fail (issue 9, benchmarks/ruang_hasil.md run 3b). Wait longer for it; a kernel that
# still does not answer ends the page with an Indonesian notice to reload
# (sinovda.cli.penyaji_aman), never a page that hangs.
c.VoilaExecutor.startup_timeout = 180  # noqa: F821

# A page's kernel is forked from a template process that has already imported ipykernel,
# ipywidgets and the course's forms (sinovda.cli.penyedia_kernel, sinovda.cli.templat_kernel):
# the kernel start no longer costs ~0.5 CPU-s per page when a room opens a module at once
# (issue 9, benchmarks/ruang_hasil.md run 5). The template is started with the server; a kernel
# is started normally while it is not ready or if it fails.
c.KernelProvisionerFactory.default_provisioner_name = "sinovda-tempa"  # noqa: F821
