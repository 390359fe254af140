"""sinovda: buku kerja bimtek inovasi daerah dan kinerja berbasis Jupyter."""

__version__ = "0.1.0"
